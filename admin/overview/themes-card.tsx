import type { ThemeMetrics } from '../hooks/use-metrics';
import { responsesLink, round } from '../lib/chart-data';
import { href } from '../router';
import { Empty } from '../components/states';

/** Top themes with the API's share, mean sentiment and NPS impact (points the theme costs or earns). */
export function ThemesCard({ t }: { t: ThemeMetrics }) {
  const top = t.themes.slice(0, 10);
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
              <th scope="col" class="num">Mean sentiment</th>
              <th scope="col" class="num">NPS impact (points)</th>
            </tr>
          </thead>
          <tbody>
            {top.map((x) => (
              <tr key={x.key}>
                <th scope="row">
                  <a href={href('themes')}>{x.label}</a>
                  {x.smallSample && <span class="muted"> (few mentions)</span>}
                </th>
                <td class="num">
                  <a href={responsesLink(t, null, { theme: x.key })}>{x.mentions}</a>
                </td>
                <td class="num">{x.share === null ? '–' : `${round(x.share * 100, 1)} %`}</td>
                <td class={`num ${x.sentiment !== null && x.sentiment < 0 ? 'neg-text' : 'pos-text'}`}>{round(x.sentiment, 2)}</td>
                <td class={`num ${x.npsImpact !== null && x.npsImpact < 0 ? 'neg-text' : 'pos-text'}`}>
                  {x.npsImpact === null ? '–' : `${x.npsImpact > 0 ? '+' : ''}${round(x.npsImpact, 1)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="legend">
        {t.analysedComments} analysed comments. NPS impact = NPS of all responses − NPS of those not mentioning the theme.
      </p>
    </section>
  );
}
