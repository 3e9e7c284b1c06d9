import { useEffect, useState } from 'preact/hooks';
import { api, call, ApiFailure } from '../api';

export type AnalysisRun = Awaited<ReturnType<typeof get>>;
const get = (id: string) => call(api.analysis.runs[':id'].$get({ param: { id } }));
const POLL_MS = 400;

/**
 * `GET /api/v1/analysis/runs/:id`, polled until the run is done or failed; starts from the
 * run a theme change returned so the bar shows at once.
 */
export function useAnalysisRun(initial: AnalysisRun | null) {
  const [run, setRun] = useState<AnalysisRun | null>(initial);
  const [error, setError] = useState<ApiFailure | null>(null);
  useEffect(() => {
    setRun(initial);
    setError(null);
    if (!initial || initial.status !== 'running') return;
    let stopped = false;
    const tick = async () => {
      try {
        const r = await get(initial.id);
        if (stopped) return;
        setRun(r);
        if (r.status === 'running') setTimeout(tick, POLL_MS);
      } catch (e) {
        if (!stopped) setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', String(e)));
      }
    };
    setTimeout(tick, POLL_MS);
    return () => void (stopped = true);
  }, [initial?.id]);
  return { run, error };
}
