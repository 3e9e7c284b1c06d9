import { useState } from 'preact/hooks';
import { Empty } from '../components/states';
import { rankFindings, type Finding } from '../lib/changes';
import { ExportMenu } from '../components/export-menu';

const SHOWN = 8;

function FindingList({ items, label }: { items: Finding[]; label: string }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <>
      <ol class="alerts findings" aria-label={label}>
        {shown.map((f, i) => (
          <li key={i} data-delta={f.delta.toFixed(1)} data-impact={Math.round(f.impact)}>
            <span class={f.direction} aria-hidden="true">
              {f.direction === 'down' ? '▼' : '▲'}
            </span>{' '}
            <a href={f.href}>{f.text}</a> <span class="muted">impact {Math.round(f.impact).toLocaleString('en')}</span>
          </li>
        ))}
      </ol>
      {items.length > SHOWN && (
        <button type="button" class="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show the top 8 only' : `and ${items.length - SHOWN} more`}
        </button>
      )}
    </>
  );
}

/** "What to fix first": the significant falls and missed targets by impact, then the improvements. */
export function FixFirst({ sources }: { sources: Parameters<typeof rankFindings>[0] }) {
  const { problems, improvements } = rankFindings(sources);
  const rows = () => [['kind', 'finding', 'change (points)', 'impact (|change| × n)'], ...problems.map((f) => ['problem', f.text, f.delta, f.impact]), ...improvements.map((f) => ['improvement', f.text, f.delta, f.impact])];
  return (
    <section class="panel" aria-labelledby="fix-h">
      <h2 id="fix-h">What to fix first</h2>
      {problems.length === 0 ? <Empty>No significant fall and no missed CPI target in this period.</Empty> : <FindingList items={problems} label="Problems, biggest impact first" />}
      {improvements.length > 0 && (
        <>
          <h3>Improvements</h3>
          <FindingList items={improvements} label="Improvements, biggest impact first" />
        </>
      )}
      <p class="legend">
        Only changes the 95 % tests call significant (and CPIs whose interval lies below target), ranked by impact = size of the change in points × the responses it concerns. Period changes are against {sources.against}; bucket changes against the bucket before.
      </p>
      <ExportMenu title="What to fix first" rows={rows} />
    </section>
  );
}
