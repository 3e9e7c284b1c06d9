// The shape of a respondent-attribute filter, `key:value`, in one place: the API validates
// it and the admin checks it before sending (so a typo is one message, not a page of 400s).
// No zod here, so the admin bundle can import it.

/** Key of letters, digits, `_` or `-` (it becomes a JSON path in SQL), a colon, a value. */
export const attributePattern = /^[A-Za-z0-9_-]{1,100}:.{1,500}$/s;
export const attributeFilterHint = 'key:value, e.g. plan:pro (key of letters, digits, "_" or "-")';
