import type { AnalysisRun } from '../hooks/use-analysis-run';

/** A re-analysis run as an accessible progress bar (the share comes from the API). */
export function RunProgress({ run }: { run: AnalysisRun }) {
  const pct = Math.round(run.progress * 100);
  const label = run.status === 'done' ? 'Re-analysis complete' : run.status === 'failed' ? `Re-analysis failed: ${run.error ?? 'unknown error'}` : 'Re-analysing comments';
  return (
    <div class="run" data-status={run.status}>
      <div class="run-label">
        {label} — {run.processed.toLocaleString()} of {run.total.toLocaleString()} comments ({pct} %)
      </div>
      <progress max={100} value={pct} aria-label="Re-analysis progress" />
    </div>
  );
}
