type Presented<T> = {
  [K in keyof T as K extends 'workspaceId' ? never : K]: K extends `${string}At`
    ? T[K] extends number
      ? string
      : T[K] extends number | null
        ? string | null
        : T[K]
    : T[K];
};

/**
 * The API shape of a stored row: timestamps (`…At`, ms in the database) as ISO strings, and
 * the owning workspace left out (the caller's scope already says which it is).
 */
export function present<T extends object>(row: T): Presented<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'workspaceId') continue;
    out[k] = k.endsWith('At') && typeof v === 'number' ? new Date(v).toISOString() : v;
  }
  return out as Presented<T>;
}
