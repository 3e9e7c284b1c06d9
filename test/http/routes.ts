import { expect } from 'vitest';
import { createApp } from '../../server/app';

export interface AppRoute {
  method: string;
  /** Hono's pattern, e.g. `/api/v1/surveys/:id`. */
  path: string;
  /** `METHOD path`, how the suites key their cases. */
  key: string;
}

/**
 * Every route the app serves, read from the app itself (Hono's `app.routes`, without the
 * middleware entries), so that a suite built on it cannot miss a route added later.
 */
export function appRoutes(): AppRoute[] {
  const app = createApp({
    db: () => {
      throw new Error('the route list needs no database');
    },
    background: () => () => undefined,
  });
  const seen = new Map<string, AppRoute>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue; // middleware (`use`)
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, key });
  }
  return [...seen.values()];
}

/** Fails naming every route without a case, and every case for a route that no longer exists. */
export function expectEveryRouteHasACase(routes: readonly AppRoute[], cases: Iterable<string>): void {
  const keys = new Set(cases);
  expect(routes.filter((r) => !keys.has(r.key)).map((r) => r.key), 'routes without a case').toEqual([]);
  const known = new Set(routes.map((r) => r.key));
  expect([...keys].filter((k) => !known.has(k)), 'cases for routes that do not exist').toEqual([]);
}
