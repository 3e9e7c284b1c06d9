import { attributeFilterHint, attributePattern } from '../../server/schemas/attribute-pattern';

export { attributeFilterHint };

/** Whether `s` is a segment filter the metrics API accepts (`key:value`). */
export const isAttributeFilter = (s: string): boolean => s.length <= 600 && attributePattern.test(s);
