import { z } from 'zod';

// C0 controls but tab, LF and CR, and DEL: a NUL cut stored text short in the database
// driver, and none of them belongs in what a person typed.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** `s` without control characters (tab and line breaks stay). */
export const stripControls = (s: string): string => (HAS_CONTROL.test(s) ? s.replace(CONTROLS, '') : s);

/** Free text (comments, notes, attribute values): control characters are dropped, then the length is checked. */
export const freeText = (max: number) => z.string().overwrite(stripControls).max(max);

/**
 * Identifiers (respondent ids, attribute keys, locales): refused with a 400 when they hold
 * a control character, since a silently altered id would name someone else.
 */
export const idText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !HAS_CONTROL.test(s), 'must not contain control characters');
