// The shape of a respondent-attribute filter, `key:value`, in one place: the API validates
// it and the admin checks it before sending (so a typo is one message, not a page of 400s).
// No zod here, so the admin bundle can import it.

/**
 * Key of letters, digits, `_` or `-` (it becomes a JSON path in SQL), a colon, a value (any
 * characters, newlines too). `[\s\S]` rather than the `s` flag: OpenAPI's `pattern` has no
 * flags, and a flag written into it broke the API reference's example generator.
 */
export const attributePattern = /^[A-Za-z0-9_-]{1,100}:[\s\S]{1,500}$/;
export const attributeFilterHint = 'key:value, e.g. plan:pro (key of letters, digits, "_" or "-")';
