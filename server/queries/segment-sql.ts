import { builtInKeys } from '../services/segments';

/**
 * The text of segment `key` of response `r` in SQL, null when it has none: the built-in
 * `deviceClass` and `locale` from their columns, any other key from the attributes, with
 * `true` / `false` for booleans and `10` for the number 10 (as services/segments.ts reads it
 * in JS). `key` must be URL-safe (validated by the schemas) since it becomes a JSON path.
 */
export function segmentSql(key: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(key)) throw new Error(`not an attribute key: ${key}`);
  const column = builtInKeys[key as keyof typeof builtInKeys];
  if (column) return `r.${column}`;
  const path = `'$."${key}"'`;
  return `(CASE json_type(r.attributes, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(r.attributes, ${path}) AS TEXT) END)`;
}
