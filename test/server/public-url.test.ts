import { describe, expect, it } from 'vitest';
import { parsePublicUrl } from '../../server/public-url';

describe('CHORUS_PUBLIC_URL', () => {
  it('keeps an http(s) origin and path without the trailing slash, and refuses anything else', () => {
    expect(parsePublicUrl(undefined)).toBeUndefined();
    expect(parsePublicUrl('  ')).toBeUndefined();
    expect(parsePublicUrl('https://chorus.example.com/')).toBe('https://chorus.example.com');
    expect(parsePublicUrl('https://example.com/chorus/')).toBe('https://example.com/chorus');
    expect(parsePublicUrl('http://localhost:8787')).toBe('http://localhost:8787');
    for (const v of ['chorus.example.com', 'ftp://example.com', 'https://example.com/?a=1', 'https://user:pw@example.com']) expect(() => parsePublicUrl(v), v).toThrow(/CHORUS_PUBLIC_URL/);
  });
});
