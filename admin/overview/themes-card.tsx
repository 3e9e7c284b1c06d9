import { useState } from 'preact/hooks';
import type { ThemeMetrics } from '../hooks/use-metrics';
import { responsesLink, round } from '../lib/chart-data';
import { themeRows } from '../lib/export-rows';
import { href } from '../router';
import { Empty } from '../components/states';
import { ChangeBadge } from '../components/change-badge';
import { ExportMenu } from '../components/export-menu';
import { LineChart } from '../charts/line-chart';

type Theme = ThemeMetrics['themes'][number];

/** A theme opened from the table: its share of comments per bucket, its responses, and the edit form behind its own link. */
function ThemeTrend({ t, x }: { t: ThemeMetrics; x: Theme }) {
  const points = x.buckets.map((b) => ({
    x: b.start,
    y: b.share === null ? null : 100 * b.share,
    note: `${b.mentions} of ${b.comments} analysed comments${b.change?.significant ? `, a significant change of ${round(b.change.delta, 1)} points` : ''}`,
    href: responsesLink(t, null, { theme: x.key }),
    mark: b.change?.significant ? (b.change.delta < 0 ? ('down' as const) : ('up' as const)) : b.smallSample ? ('small' as const) : undefined,
  }));
  return (
    <div class="theme-trend" id={`theme-${x.key}`}>
      <LineChart title={`Share of comments mentioning ${x.label}, per ${t.bucket}`} yLabel="Share (%)" domain={[0, Math.max(10, ...points.map((p) => p.y ?? 0))]} width={640} series={[{ name: x.label, points }]} />
      <p>
        <a href={responsesLink(t, null, { theme: x.key })}>Open the {x.mentions} responses mentioning {x.label}</a> ·{' '}
        <a href={href('themes', { theme: x.key })}>Edit this theme</a>
      </p>
    </div>
  );
}

/** Top themes with the API's share, mean sentiment and NPS impact (points the theme costs or earns), and the share's change against the comparison period. */
export function ThemesCard({ t, against }: { t: ThemeMetrics; against: string }) {
  const [open, setOpen] = useState('');
  const top = t.themes.slice(0, 10);
  const cols = t.comparison ? 6 : 5;
  return (
    <section class="panel" aria-labelledby="themes-h">
      <h2 id="themes-h">Top themes</h2>
      {top.length === 0 ? (
        <Empty>No themes in this period.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col" class="num">Mentions</th>
              <th scope="col" class="num">Share of comments</th>
              {t.comparison && <th scope="col">Share vs {against}</th>}
              <th scope="col" class="num">Mean sentiment</th>
              <th scope="col" class="num">NPS impact (points)</th>
            </tr>
          </thead>
          <tbody>
            {top.flatMap((x) => [
              <tr key={x.key}>
                <th scope="row">
                  <button type="button" class="link" aria-expanded={open === x.key} aria-controls={`theme-${x.key}`} onClick={() => setOpen(open === x.key ? '' : x.key)}>
                    {x.label}
                  </button>
                  {x.smallSample && <span class="muted"> (few mentions)</span>}
                </th>
                <td class="num">
                  <a href={responsesLink(t, null, { theme: x.key })}>{x.mentions}</a>
                </td>
                <td class="num">{x.share === null ? '–' : `${round(x.share * 100, 1)} %`}</td>
                {t.comparison && <td>{x.comparison ? <ChangeBadge change={x.comparison.change} unit="" /> : '–'}</td>}
                <td class={`num ${x.sentiment !== null && x.sentiment < 0 ? 'neg-text' : 'pos-text'}`}>{round(x.sentiment, 2)}</td>
                <td class={`num ${x.npsImpact !== null && x.npsImpact < 0 ? 'neg-text' : 'pos-text'}`}>
                  {x.npsImpact === null ? '–' : `${x.npsImpact > 0 ? '+' : ''}${round(x.npsImpact, 1)}`}
                </td>
              </tr>,
              ...(open === x.key
                ? [
                    <tr key={`${x.key}-trend`} class="theme-open">
                      <td colSpan={cols}>
                        <ThemeTrend t={t} x={x} />
                      </td>
                    </tr>,
                  ]
                : []),
            ])}
          </tbody>
        </table>
      )}
      <p class="legend">
        {t.analysedComments} analysed comments. NPS impact = NPS of all responses − NPS of those not mentioning the theme. Click a theme for its trend and responses.
      </p>
      <ExportMenu title="Top themes" rows={() => themeRows(t)} />
    </section>
  );
}
