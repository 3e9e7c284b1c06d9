import { useEffect, useState } from 'preact/hooks';
import { useUpdateTheme, type Theme } from '../hooks/use-themes';
import type { AnalysisRun } from '../hooks/use-analysis-run';
import { useAccess } from '../context';
import { href } from '../router';
import { ErrorNote } from './states';
import { Verbatims, type ThemeView } from './theme-row';
import { percent, sentimentClass, signed } from '../lib/theme-view';

const words = (s: string) => s.split(',').map((w) => w.trim()).filter(Boolean);
/** Confirmed comments a theme needs before a classifier learns it (server/analysis MIN_EXAMPLES). */
const TO_LEARN = 10;

interface Props {
  view: ThemeView;
  all: Theme[];
  categories: string[];
  range: { from: string; to: string };
  onClose: () => void;
  onChanged: (r: { run: AnalysisRun } | undefined) => void;
}

/** The side panel of one theme: what it is, and the team's edits (rename, category, pin, merge, hide). */
export function ThemePanel({ view, all, categories, range, onClose, onChanged }: Props) {
  const { canEdit } = useAccess();
  const update = useUpdateTheme();
  const t = view.theme;
  const [label, setLabel] = useState(view.label);
  const [category, setCategory] = useState(view.category ?? '');
  const [pinned, setPinned] = useState(t?.pinnedKeywords.join(', ') ?? '');
  const [merge, setMerge] = useState(t?.mergedInto ?? '');
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    addEventListener('keydown', esc);
    return () => removeEventListener('keydown', esc);
  }, [onClose]);
  const save = async (e: Event) => {
    e.preventDefault();
    onChanged(await update.run(view.key, { label, category: category.trim() || null, pinnedKeywords: words(pinned), mergedInto: merge || null }));
  };
  return (
    <aside id="theme-panel" class="side-panel" aria-labelledby="theme-panel-h">
      <header class="detail-head">
        <div>
          <p class="muted small">{view.category ?? 'No category'}</p>
          <h2 id="theme-panel-h">{view.label}</h2>
        </div>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </header>
      <dl class="kv">
        <div>
          <dt>Share of comments</dt>
          <dd>{percent(view.share)}</dd>
        </div>
        <div>
          <dt>Aspect sentiment</dt>
          <dd>{view.sentiment === null ? '–' : <span class={`badge ${sentimentClass(view.sentiment)}`}>{signed(view.sentiment, 2)}</span>}</dd>
        </div>
        <div>
          <dt>NPS impact</dt>
          <dd>{view.npsImpact === null ? '–' : `${signed(view.npsImpact)} points`}</dd>
        </div>
      </dl>
      <p>
        <a href={href('responses', { theme: view.key, from: range.from, to: range.to })}>
          See the {view.mentions} response{view.mentions === 1 ? '' : 's'} mentioning it
        </a>
      </p>
      <h3>What customers say</h3>
      <Verbatims view={view} />
      {t && (
        <p class="muted small">
          {t.learned
            ? `Learned from ${t.examples} comments your team confirmed; it is also assigned where no keyword matches.`
            : `${t.examples} of the ${TO_LEARN} confirmed comments it takes to learn this theme: add it to comments in the inbox.`}
        </p>
      )}
      {t && t.keywords.length > 0 && <p class="muted small">Discovered keywords: {t.keywords.join(', ')}</p>}
      {t && (
        <form onSubmit={save} aria-label={`Edit theme ${view.label}`}>
          <fieldset disabled={!canEdit || update.busy} class="plain">
            <h3>Edit</h3>
            <label>
              Name
              <input required maxLength={80} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
            </label>
            <label>
              Category
              <input list="theme-categories" maxLength={80} value={category} placeholder="e.g. Support" onInput={(e) => setCategory(e.currentTarget.value)} />
            </label>
            <datalist id="theme-categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <label>
              Pinned keywords (comma-separated)
              <input value={pinned} onInput={(e) => setPinned(e.currentTarget.value)} />
            </label>
            <label>
              Merge into
              <select value={merge} onChange={(e) => setMerge(e.currentTarget.value)}>
                <option value="">— not merged —</option>
                {all
                  .filter((x) => x.key !== view.key && !x.mergedInto)
                  .map((x) => (
                    <option key={x.key} value={x.key}>
                      {x.category ? `${x.category} › ${x.label}` : x.label}
                    </option>
                  ))}
              </select>
            </label>
            {canEdit && (
              <div class="actions">
                <button type="submit">Save theme</button>
                <button type="button" class="secondary" onClick={async () => onChanged(await update.run(view.key, { hidden: !t.hidden }))}>
                  {t.hidden ? 'Show theme' : 'Hide theme'}
                </button>
              </div>
            )}
            <p class="muted small">Saving re-analyses every comment with the new taxonomy.</p>
            <ErrorNote error={update.error} />
          </fieldset>
        </form>
      )}
    </aside>
  );
}
