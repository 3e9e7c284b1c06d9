import { useState } from 'preact/hooks';
import { useAddTheme, useDiscoverThemes, useThemes, useUpdateTheme, type Theme } from '../hooks/use-themes';
import { useAnalysisRun, type AnalysisRun } from '../hooks/use-analysis-run';
import { useAccess } from '../context';
import { Empty, ErrorNote, Show } from '../components/states';
import { RunProgress } from '../components/progress';

const words = (s: string) => s.split(',').map((w) => w.trim()).filter(Boolean);

/**
 * Theme curation: rename, pin keywords, hide, merge, add, rediscover. Every change starts a
 * re-analysis of all comments; its progress bar polls the run until it is done.
 */
export function ThemesPage() {
  const [version, setVersion] = useState(0);
  const [started, setStarted] = useState<AnalysisRun | null>(null);
  const themes = useThemes(version);
  const { run, error: runError } = useAnalysisRun(started);
  const discover = useDiscoverThemes();
  const { canEdit } = useAccess();
  const changed = (r: { run: AnalysisRun } | undefined) => {
    if (!r) return;
    setStarted(r.run);
    setVersion((v) => v + 1);
  };
  return (
    <>
      <h1>Themes</h1>
      <p class="muted">Topics the comments talk about: discovered automatically, curated by you. Changes re-analyse every comment.</p>
      {run && <RunProgress run={run} />}
      <ErrorNote error={runError} />
      {canEdit && (
        <div class="actions">
          <button type="button" class="secondary" disabled={discover.busy} onClick={async () => changed(await discover.run())}>
            {discover.busy ? 'Discovering…' : 'Rediscover themes'}
          </button>
        </div>
      )}
      <ErrorNote error={discover.error} />
      <Show q={themes}>
        {(d) => (
          <>
            {d.data.length === 0 && <Empty>No themes yet: they are discovered once the workspace has 30 comments.</Empty>}
            <div class="themes">
              {d.data.map((t) => (
                <ThemeCard key={`${t.key}:${t.updatedAt}`} theme={t} all={d.data} onChanged={changed} />
              ))}
            </div>
          </>
        )}
      </Show>
      {canEdit && <AddTheme onAdded={changed} />}
    </>
  );
}

function ThemeCard({ theme, all, onChanged }: { theme: Theme; all: Theme[]; onChanged: (r: { run: AnalysisRun } | undefined) => void }) {
  const { canEdit } = useAccess();
  const update = useUpdateTheme();
  const [label, setLabel] = useState(theme.label);
  const [pinned, setPinned] = useState(theme.pinnedKeywords.join(', '));
  const [merge, setMerge] = useState(theme.mergedInto ?? '');
  const save = async (e: Event) => {
    e.preventDefault();
    onChanged(await update.run(theme.key, { label, pinnedKeywords: words(pinned), mergedInto: merge || null }));
  };
  return (
    <form class={`panel theme ${theme.hidden ? 'hidden-theme' : ''}`} onSubmit={save} aria-label={`Theme ${theme.label}`}>
      <fieldset disabled={!canEdit || update.busy} class="plain">
        <div class="theme-head">
          <h2>{theme.label}</h2>
          <span class="badge">{theme.source}</span>
          {theme.hidden && <span class="badge">hidden</span>}
          {theme.mergedInto && <span class="badge">merged into {all.find((t) => t.key === theme.mergedInto)?.label ?? theme.mergedInto}</span>}
        </div>
        <p class="muted">Discovered keywords: {theme.keywords.length ? theme.keywords.join(', ') : '—'}</p>
        <label>
          Name
          <input required maxLength={80} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <label>
          Pinned keywords (comma-separated)
          <input value={pinned} onInput={(e) => setPinned(e.currentTarget.value)} />
        </label>
        <label>
          Merge into
          <select value={merge} onChange={(e) => setMerge(e.currentTarget.value)}>
            <option value="">— not merged —</option>
            {all
              .filter((t) => t.key !== theme.key)
              .map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
          </select>
        </label>
        {canEdit && (
          <div class="actions">
            <button type="submit">Save theme</button>
            <button type="button" class="secondary" onClick={async () => onChanged(await update.run(theme.key, { hidden: !theme.hidden }))}>
              {theme.hidden ? 'Show' : 'Hide'}
            </button>
          </div>
        )}
        <ErrorNote error={update.error} />
      </fieldset>
    </form>
  );
}

function AddTheme({ onAdded }: { onAdded: (r: { run: AnalysisRun } | undefined) => void }) {
  const add = useAddTheme();
  const [label, setLabel] = useState('');
  const [keywords, setKeywords] = useState('');
  return (
    <form
      class="panel inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await add.run(label, words(keywords));
        if (r) (setLabel(''), setKeywords(''));
        onAdded(r);
      }}
    >
      <h2>Add a theme</h2>
      <label>
        Name
        <input required maxLength={80} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
      </label>
      <label>
        Keywords (comma-separated)
        <input required value={keywords} onInput={(e) => setKeywords(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={add.busy}>
        Add theme
      </button>
      <ErrorNote error={add.error} />
    </form>
  );
}
