import { useState } from 'preact/hooks';
import type { ResponseDetail } from '../hooks/use-responses';
import { useTagTheme, useThemes, useUntagTheme } from '../hooks/use-themes';
import { useAccess } from '../context';
import { ErrorNote } from './states';
import { sentimentClass, signed } from '../lib/theme-view';

type Match = ResponseDetail['themes'][number];

/** Where a theme on a comment came from, as a person reads it. */
function origin(t: Match): string {
  if (t.source === 'manual') return 'added by a person';
  if (t.source === 'learned') return `learned${t.confidence !== undefined ? `, ${Math.round(t.confidence * 100)} % sure` : ''}`;
  return t.keywords.length > 0 ? `matched ${t.keywords.map((k) => `“${k}”`).join(', ')}` : 'matched';
}

/**
 * The themes of one comment with their aspect sentiment and origin; editors add a theme from
 * the workspace's list or remove one, which the theme counts and the learned model follow.
 */
export function ResponseThemes({ r, onChanged }: { r: ResponseDetail; onChanged: () => void }) {
  const { canEdit } = useAccess();
  const themes = useThemes();
  const tag = useTagTheme();
  const untag = useUntagTheme();
  const [choice, setChoice] = useState('');
  const label = (t: Match) => themes.data?.data.find((x) => x.key === t.key)?.label ?? t.label;
  const options = (themes.data?.data ?? []).filter((t) => !t.hidden && !t.mergedInto && !r.themes.some((m) => m.key === t.key));
  const editable = canEdit && r.comment !== null;
  const busy = tag.busy || untag.busy;
  return (
    <div class="response-themes">
      {r.themes.length === 0 ? (
        <p class="muted">No theme matched.</p>
      ) : (
        <ul class="theme-chips" aria-label="Themes of this comment">
          {r.themes.map((t) => (
            <li key={t.key} class={`theme-chip ${t.source ?? 'keywords'}`}>
              <strong>{label(t)}</strong>
              {t.category && <span class="muted"> · {t.category}</span>}
              {t.sentiment !== undefined && (
                <span class={`badge ${sentimentClass(t.sentiment)}`} title="Sentiment of the clause that mentions this theme">
                  {signed(t.sentiment, 2)}
                </span>
              )}
              <span class="muted chip-origin">{origin(t)}</span>
              {editable && (
                <button
                  type="button"
                  class="icon"
                  disabled={busy}
                  aria-label={`Remove theme ${label(t)}`}
                  onClick={async () => {
                    if (await untag.run(r.id, t.key)) onChanged();
                  }}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form
          class="inline-form add-theme"
          onSubmit={async (e) => {
            e.preventDefault();
            if (choice && (await tag.run(r.id, choice))) (setChoice(''), onChanged());
          }}
        >
          <label>
            Add a theme
            <select value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
              <option value="">— choose a theme —</option>
              {options.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.category ? `${t.category} › ${t.label}` : t.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!choice || busy}>
            Add theme
          </button>
        </form>
      )}
      <ErrorNote error={tag.error ?? untag.error} />
    </div>
  );
}
