import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Busy and total jiffies of all CPUs, from /proc/stat (Linux). */
function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const n = fields.map(Number);
    const total = n.reduce((a, b) => a + b, 0);
    const idle = (n[3] ?? 0) + (n[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/**
 * Waits until the machine is nearly idle (a freshly started server has finished analysing the
 * demo's seeded comments, a previous benchmark's processes have exited), for at most `maxMs`.
 * Polling the CPU instead of sleeping a fixed time keeps the suite inside its time budget on
 * fast machines and still waits long enough on slow ones. Returns the milliseconds waited.
 */
export async function waitForQuiet(maxMs = 15_000, busyShare = 0.15): Promise<number> {
  const started = Date.now();
  let calm = 0;
  let last = cpuTimes();
  if (!last) {
    await sleep(maxMs);
    return maxMs;
  }
  while (Date.now() - started < maxMs) {
    await sleep(500);
    const now = cpuTimes()!;
    const share = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    calm = share < busyShare ? calm + 1 : 0;
    if (calm >= 2) break;
  }
  return Date.now() - started;
}
