import type { Theme } from '../hooks/use-themes';
import { useLatestMentions } from '../hooks/use-themes';
import { ShareBar, Sparkline } from '../charts/sparkline';
import { percent, sentimentClass, signed, trendFlag, type TrendBucket } from '../lib/theme-view';

/** One theme of the Themes page: the taxonomy entry with its metrics for the period. */
export interface ThemeView {
  key: string;
  label: string;
  category: string | null;
  mentions: number;
  share: number | null;
  sentiment: number | null;
  npsImpact: number | null;
  smallSample: boolean;
  buckets: (TrendBucket & { start: string })[];
  theme: Theme | undefined;
}

/** Up to 3 verbatims: discovery's representative ones, else the latest comments mentioning the theme. */
export function Verbatims({ view, limit = 3 }: { view: ThemeView; limit?: number }) {
  const stored = view.theme?.verbatims ?? [];
  const latest = useLatestMentions(view.key, stored.length === 0 && view.mentions > 0);
  const quotes = stored.length > 0 ? stored : (latest.data?.data ?? []).map((r) => r.comment).filter((c): c is string => !!c);
  if (quotes.length === 0) return null;
  return (
    <ul class="verbatims" aria-label={`What customers say about ${view.label}`}>
      {quotes.slice(0, limit).map((q, i) => (
        <li key={i}>“{q}”</li>
      ))}
    </ul>
  );
}

const flagText = { new: 'New', rising: 'Rising' } as const;

export function ThemeRow({ view, scale, selected, onOpen }: { view: ThemeView; scale: number; selected: boolean; onOpen: (key: string) => void }) {
  const flag = trendFlag(view.buckets);
  const mentions = view.buckets.map((b) => b.mentions);
  return (
    <tr class={selected ? 'selected' : ''}>
      <th scope="row" class="theme-cell">
        <button type="button" class="theme-name" aria-expanded={selected} aria-controls="theme-panel" onClick={() => onOpen(view.key)}>
          {view.label}
        </button>
        {flag && <span class={`badge flag-${flag}`}>{flagText[flag]}</span>}
        {view.theme?.learned && <span class="badge learned" title={`Learned from ${view.theme.examples} confirmed comments`}>learned</span>}
        <Verbatims view={view} />
      </th>
      <td class="num">
        <span class="share">
          <ShareBar share={view.share === null ? null : view.share / scale} />
          {percent(view.share)}
        </span>
        <span class="muted small">
          {view.mentions} mention{view.mentions === 1 ? '' : 's'}
          {view.smallSample ? ', few' : ''}
        </span>
      </td>
      <td>
        <Sparkline values={mentions} label={`Mentions per ${mentions.length > 0 ? 'bucket' : 'period'}: ${mentions.join(', ')}`} />
      </td>
      <td class="num">
        {view.sentiment === null ? '–' : <span class={`badge ${sentimentClass(view.sentiment)}`}>{signed(view.sentiment, 2)}</span>}
      </td>
      <td class={`num ${view.npsImpact !== null && view.npsImpact < 0 ? 'neg-text' : 'pos-text'}`}>{view.npsImpact === null ? '–' : signed(view.npsImpact)}</td>
    </tr>
  );
}
