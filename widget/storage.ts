// localStorage may be missing, full or throw (Safari private mode, sandboxed iframes,
// cookies blocked): fall back to memory so the widget still works for this page.
const memory: Record<string, string> = {};

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function read<T>(key: string, fallback: T): T {
  try {
    const raw = store()?.getItem(key) ?? memory[key];
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function write(key: string, value: unknown): void {
  const raw = JSON.stringify(value);
  memory[key] = raw;
  try {
    store()?.setItem(key, raw);
  } catch {
    // quota or denied: the memory copy serves this page
  }
}

/** A random URL-safe id (response ids, anonymous ids): 20 chars of base 36. */
export function randomId(): string {
  const a = crypto.getRandomValues(new Uint32Array(4));
  return Array.from(a, (n) => n.toString(36).padStart(7, '0')).join('').slice(0, 20);
}
