/**
 * A small time-bounded cache for hot, rarely changing lookups (a workspace by public key, a
 * survey by id). It holds copies, never the truth: entries expire after `ttlMs`, writes in
 * this process evict them at once, and other processes or isolates see a change within
 * `ttlMs`.
 */
export function ttlCache<V>(ttlMs: number, maxEntries = 1000) {
  const entries = new Map<string, { value: V; expires: number }>();
  return {
    async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      const value = await load();
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, expires: now + ttlMs });
      return value;
    },
    evict(key: string): void {
      entries.delete(key);
    },
    clear(): void {
      entries.clear();
    },
  };
}
