import { useEffect, useState } from 'preact/hooks';
import { useAddTheme, useDiscoverThemes, useThemes, type Theme, type ThemeList } from '../hooks/use-themes';
import { useThemeMetrics, type ThemeMetrics } from '../hooks/use-metrics';
import { useAnalysisRun, type AnalysisRun } from '../hooks/use-analysis-run';
import { useAccess } from '../context';
import { Empty, ErrorNote, Show } from '../components/states';
import { RunProgress } from '../components/progress';
import { ThemeRow, type ThemeView } from '../components/theme-row';
import { ThemePanel } from '../components/theme-panel';
import { byCategory } from '../lib/theme-view';

const words = (s: string) => s.split(',').map((w) => w.trim()).filter(Boolean);

/** The taxonomy joined with the period's metrics; themes without mentions count zero. */
function views(list: ThemeList, metrics: ThemeMetrics): ThemeView[] {
  const byKey = new Map(metrics.themes.map((m) => [m.key, m]));
  return list.data
    .filter((t) => !t.hidden && !t.mergedInto)
    .map((t) => {
      const m = byKey.get(t.key);
      return {
        key: t.key,
        label: t.label,
        category: t.category,
        mentions: m?.mentions ?? 0,
        share: m?.share ?? (metrics.analysedComments > 0 ? 0 : null),
        sentiment: m?.sentiment ?? null,
        npsImpact: m?.npsImpact ?? null,
        smallSample: m?.smallSample ?? true,
        buckets: m?.buckets ?? [],
        theme: t,
      };
    });
}

/**
 * The analyst's view of themes: categories with their sub-themes, each with its share of
 * comments, trend, aspect sentiment, NPS impact and what customers say; new and rising themes
 * are marked. A theme opens in a side panel for the team's edits, which re-analyse every comment.
 */
export function ThemesPage() {
  const [version, setVersion] = useState(0);
  const [started, setStarted] = useState<AnalysisRun | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const themes = useThemes(version);
  const metrics = useThemeMetrics({ bucket: 'week' });
  const { run, error: runError } = useAnalysisRun(started);
  const discover = useDiscoverThemes();
  const { canEdit } = useAccess();
  // A finished re-analysis moved the counts: read them again.
  useEffect(() => {
    if (run?.status === 'done') (metrics.reload(), setVersion((v) => v + 1));
  }, [run?.status]);
  const changed = (r: { run: AnalysisRun } | undefined) => {
    if (!r) return;
    setStarted(r.run);
    setVersion((v) => v + 1);
    metrics.reload();
  };
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Themes</h1>
          <p class="muted">What customers talk about, grouped into a codeframe, over the last 13 weeks. Select a theme to see it and edit it.</p>
        </div>
        {canEdit && (
          <button type="button" class="secondary" disabled={discover.busy} onClick={async () => changed(await discover.run())}>
            {discover.busy ? 'Discovering…' : 'Rediscover themes'}
          </button>
        )}
      </div>
      {run && <RunProgress run={run} />}
      <ErrorNote error={runError ?? discover.error} />
      <Show q={themes} label="Loading themes…">
        {(list) => (
          <Show q={metrics} label="Loading theme metrics…">
            {(m) => <Hierarchy list={list} metrics={m} open={open} setOpen={setOpen} onChanged={changed} />}
          </Show>
        )}
      </Show>
      {canEdit && <AddTheme onAdded={changed} />}
    </>
  );
}

interface HierarchyProps {
  list: ThemeList;
  metrics: ThemeMetrics;
  open: string | null;
  setOpen: (key: string | null) => void;
  onChanged: (r: { run: AnalysisRun } | undefined) => void;
}

function Hierarchy({ list, metrics, open, setOpen, onChanged }: HierarchyProps) {
  if (list.data.length === 0) return <Empty>No themes yet: they are discovered once the workspace has 30 comments.</Empty>;
  const all = views(list, metrics);
  const groups = byCategory(all);
  // Bars are drawn against the busiest theme, so that small shares still compare at a glance.
  const scale = Math.max(0.01, ...all.map((v) => v.share ?? 0));
  const categories = groups.map((g) => g.category).filter((c): c is string => c !== null);
  const put = list.data.filter((t) => t.hidden || t.mergedInto);
  const selected = all.find((v) => v.key === open) ?? hiddenView(put.find((t) => t.key === open));
  return (
    <div class={`themes-layout ${selected ? 'with-panel' : ''}`}>
      <div class="themes-main">
        <p class="muted summary">
          {metrics.analysedComments.toLocaleString()} analysed comments · {all.length} themes
          {categories.length > 0 ? ` in ${categories.length} categor${categories.length === 1 ? 'y' : 'ies'}` : ''}
        </p>
        {groups.map((g, i) => (
          <section class="panel category" key={g.category ?? ''} aria-labelledby={`cat-${i}`}>
            <h2 id={`cat-${i}`}>
              {g.category ?? (categories.length > 0 ? 'Uncategorised' : 'All themes')}
              <span class="muted small"> · {g.themes.length} theme{g.themes.length === 1 ? '' : 's'}, {g.mentions.toLocaleString()} mentions</span>
            </h2>
            <table class="theme-table">
              <thead>
                <tr>
                  <th scope="col">Theme and what customers say</th>
                  <th scope="col" class="num">Share of comments</th>
                  <th scope="col">Trend (weekly mentions)</th>
                  <th scope="col" class="num">Aspect sentiment</th>
                  <th scope="col" class="num">NPS impact</th>
                </tr>
              </thead>
              <tbody>
                {g.themes.map((v) => (
                  <ThemeRow key={v.key} view={v} scale={scale} selected={v.key === open} onOpen={(k) => setOpen(k === open ? null : k)} />
                ))}
              </tbody>
            </table>
          </section>
        ))}
        {put.length > 0 && (
          <details class="panel put-aside">
            <summary>Hidden and merged themes ({put.length})</summary>
            <ul class="plain-list">
              {put.map((t) => (
                <li key={t.key}>
                  <button type="button" class="link" onClick={() => setOpen(t.key)}>
                    {t.label}
                  </button>{' '}
                  <span class="muted">{t.hidden ? 'hidden' : `merged into ${list.data.find((x) => x.key === t.mergedInto)?.label ?? t.mergedInto}`}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
        <p class="legend">Share: comments mentioning the theme among analysed comments. Aspect sentiment: of the clause mentioning the theme (−1 to 1). NPS impact: NPS of all responses − NPS of those not mentioning the theme.</p>
      </div>
      {selected && (
        <ThemePanel
          key={`${selected.key}:${selected.theme?.updatedAt}`}
          view={selected}
          all={list.data}
          categories={categories}
          range={{ from: metrics.from, to: metrics.to }}
          onClose={() => setOpen(null)}
          onChanged={onChanged}
        />
      )}
    </div>
  );
}

const hiddenView = (t: Theme | undefined): ThemeView | undefined =>
  t && { key: t.key, label: t.label, category: t.category, mentions: 0, share: null, sentiment: null, npsImpact: null, smallSample: true, buckets: [], theme: t };

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
