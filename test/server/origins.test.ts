import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../server/middleware/origins';

describe('originAllowed', () => {
  it.each([
    ['https://www.acme.com', ['https://www.acme.com'], true],
    ['https://www.acme.com', ['https://acme.com'], false],
    ['http://www.acme.com', ['https://www.acme.com'], false],
    ['https://shop.acme.com', ['https://*.acme.com'], true],
    ['https://a.b.acme.com', ['https://*.acme.com'], true],
    ['https://acme.com', ['https://*.acme.com'], false],
    ['https://acme.com.evil.io', ['https://*.acme.com'], false],
    ['https://evilacme.com', ['https://*.acme.com'], false],
    ['http://localhost:5173', ['http://localhost:*'], true],
    ['http://localhost', ['http://localhost:*'], false],
    ['http://localhost:80.evil.io', ['http://localhost:*'], false],
    ['https://anything.io', ['*'], true],
    ['https://anything.io', [], false],
  ])('%s against %j → %s', (origin, patterns, expected) => {
    expect(originAllowed(origin, patterns)).toBe(expected);
  });
});
