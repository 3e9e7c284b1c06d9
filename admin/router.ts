import { useEffect, useState } from 'preact/hooks';

/** A parsed `#/path/segments?query` location. Hash routing needs no server fallback. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

const parse = (): Route => {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
};

export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Builds `#/a/b?k=v`, dropping empty values so links stay short. */
export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${path.replace(/^\//, '')}${s ? `?${s}` : ''}`;
}

export const navigate = (to: string): void => void (location.hash = to.replace(/^#/, ''));
