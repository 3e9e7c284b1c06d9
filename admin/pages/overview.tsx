import { useEffect } from 'preact/hooks';
import { useTouchpoints } from '../hooks/use-touchpoints';
import { useWorkspace } from '../hooks/use-workspace';
import { useCes, useCpiMatrix, useCsat, useDrivers, useJourney, useNpsByTouchpoint, useSentimentTrend, useThemeMetrics, type MetricsQuery } from '../hooks/use-metrics';
import { useAccounts } from '../hooks/use-accounts';
import { href, navigate } from '../router';
import { OverviewFilterBar, type OverviewFilters } from '../components/overview-filters';
import { Empty, ErrorNote, Loading, Show } from '../components/states';
import { attributeFilterHint, isAttributeFilter } from '../lib/attribute-filter';
import { compareModes, presetRange, presets, rangeDays, todayIn, type CompareMode } from '../lib/periods';
import { NpsCard, CsatCesCards, SentimentCard } from '../overview/trends';
import { CpiCard, JourneyCard } from '../overview/journey-cpi';
import { ThemesCard } from '../overview/themes-card';
import { DriversCard } from '../overview/drivers-card';
import { ArrAtRisk } from '../overview/arr-at-risk';
import { BreakdownCard } from '../overview/breakdown-card';
import { FixFirst } from '../overview/fix-first';
import type { ApiFailure } from '../api';
import { ShareButton } from '../components/share-links';
import { useAccess } from '../context';

const pick = <T extends string>(all: Record<T, unknown>, v: string | null, fallback: T): T => (v !== null && v in all ? (v as T) : fallback);

const readFilters = (q: URLSearchParams): OverviewFilters => ({
  // Older links carry only from / to: those are custom dates.
  range: pick(presets, q.get('range'), q.get('from') || q.get('to') ? 'custom' : '90d'),
  from: q.get('from') ?? '',
  to: q.get('to') ?? '',
  compare: pick(compareModes, q.get('compare'), 'previous'),
  compareFrom: q.get('compareFrom') ?? '',
  compareTo: q.get('compareTo') ?? '',
  bucket: (['day', 'week', 'month'] as const).find((b) => b === q.get('bucket')) ?? 'week',
  touchpoint: q.get('touchpoint') ?? '',
  attribute: q.get('attribute') ?? '',
});

/** The URL keeps only what differs from the defaults (last 90 days against the 90 before, by week). */
const toUrl = (f: OverviewFilters) =>
  href('overview', {
    range: f.range === '90d' ? '' : f.range,
    from: f.range === 'custom' ? f.from : '',
    to: f.range === 'custom' ? f.to : '',
    compare: f.compare === 'previous' ? '' : f.compare,
    compareFrom: f.compare === 'custom' ? f.compareFrom : '',
    compareTo: f.compare === 'custom' ? f.compareTo : '',
    bucket: f.bucket === 'week' ? '' : f.bucket,
    touchpoint: f.touchpoint,
    attribute: f.attribute,
  });

// A preset becomes dates in the workspace's zone; empty custom dates are left to the API's defaults.
const toQuery = (f: OverviewFilters, today: string): MetricsQuery => {
  const range = presetRange(f.range, today) ?? { from: f.from, to: f.to };
  const compare: Partial<Record<CompareMode, MetricsQuery>> = {
    previous: { compare: 'previous' },
    custom: f.compareFrom && f.compareTo ? { compareFrom: f.compareFrom, compareTo: f.compareTo } : {},
  };
  return {
    bucket: f.bucket,
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    ...(f.touchpoint ? { touchpoint: f.touchpoint } : {}),
    ...(f.attribute ? { attribute: f.attribute } : {}),
    ...compare[f.compare],
  };
};

/** The one message for filters the API cannot answer: no figures, no spinners under it. */
function FilterProblem({ error, filters }: { error: ApiFailure | null; filters: OverviewFilters }) {
  const message = error ? error.message : `The segment filter “${filters.attribute}” is not valid: write it as ${attributeFilterHint}.`;
  return (
    <div class="state error filter-problem" role="alert">
      <strong>These filters cannot be shown.</strong> {message}{' '}
      <a href={toUrl({ ...filters, attribute: '', range: '90d', compare: 'previous' })}>Reset the filters</a>
    </div>
  );
}

/** The CCO's overview: every figure is the metrics API's, and links to the responses behind it. */
export function OverviewPage({ query }: { query: URLSearchParams }) {
  const filters = readFilters(query);
  const ws = useWorkspace();
  const { isOwner } = useAccess();
  const segmentOk = filters.attribute === '' || isAttributeFilter(filters.attribute);
  // Nothing is asked while the zone is unknown (presets are local dates) or the segment is malformed.
  const q = ws.data && segmentOk ? toQuery(filters, todayIn(ws.data.timezone)) : null;
  const tps = useTouchpoints();
  const shown = (tps.data?.data ?? []).filter((t) => !filters.touchpoint || t.id === filters.touchpoint);
  const nps = useNpsByTouchpoint(q, shown.map((t) => t.id));
  const csat = useCsat(q);
  const ces = useCes(q);
  const sentiment = useSentimentTrend(q);
  const journey = useJourney(q);
  const cpi = useCpiMatrix(q);
  const themes = useThemeMetrics(q);
  const drivers = useDrivers(q);
  // Account health over the accounts' own default window (a year), at the selected touchpoint.
  const accounts = useAccounts({ limit: '1', ...(filters.touchpoint ? { touchpoint: filters.touchpoint } : {}) });
  const scopeName = filters.touchpoint ? (shown[0]?.name ?? filters.touchpoint) : 'all touchpoints';

  // A marker for measuring time to the first meaningful paint (docs/ADMIN.md).
  useEffect(() => {
    if (nps.data && !performance.getEntriesByName('chorus:overview-chart').length) requestAnimationFrame(() => performance.mark('chorus:overview-chart'));
  }, [nps.data]);

  // A filter the API refuses (400) fails every request alike: one message, and no figures of the filters before.
  const refused = [nps, csat, ces, sentiment, journey, cpi, themes, drivers].find((x) => x.error?.status === 400)?.error ?? null;
  const bar = <OverviewFilterBar key={query.toString()} value={filters} touchpoints={tps.data?.data ?? []} onChange={(f) => navigate(toUrl(f))} />;
  if (!segmentOk || refused)
    return (
      <>
        <h1>Overview</h1>
        {bar}
        <FilterProblem error={segmentOk ? refused : null} filters={filters} />
      </>
    );

  const named = (nps.data?.byTouchpoint ?? []).map((x) => ({ ...x, name: shown.find((t) => t.id === x.id)?.name ?? x.id }));
  const scope = nps.data?.all ?? csat.data;
  const cmp = scope?.comparison;
  const against = cmp ? (filters.compare === 'previous' ? `the previous ${rangeDays(cmp.from, cmp.to)} days` : `${cmp.from} to ${cmp.to}`) : '';
  // A share link fixes the period as dates and carries no comparison (its view shows none).
  const shareFilters = q && { bucket: q.bucket, from: q.from, to: q.to, touchpoint: q.touchpoint, attribute: q.attribute };
  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <div class="actions no-print">
          <button type="button" class="secondary" onClick={() => print()}>
            Print
          </button>
          {isOwner && shareFilters && <ShareButton filters={shareFilters} />}
        </div>
      </div>
      {bar}
      <ErrorNote error={ws.error ?? tps.error} />
      {scope && (
        <p class="muted scope-line" data-from={scope.from} data-to={scope.to} data-compare-from={cmp?.from} data-compare-to={cmp?.to}>
          {scope.from} to {scope.to}
          {cmp ? ` compared with ${cmp.from} to ${cmp.to}` : ''}, by {scope.bucket}, time zone {scope.timeZone.name}
          {scope.filters.attribute ? `, segment ${scope.filters.attribute.key} = ${scope.filters.attribute.value}` : ''}. Hover or focus a point for n and the margin; click a number for its responses.
        </p>
      )}
      {nps.error && !nps.data ? (
        <ErrorNote error={nps.error} onRetry={nps.reload} />
      ) : !nps.data ? (
        <Loading label="Loading what to fix first…" />
      ) : (
        <FixFirst sources={{ npsByTp: named, all: nps.data.all, csat: csat.data, journey: journey.data, cpi: cpi.data, themes: themes.data, against: against || 'the comparison period' }} />
      )}
      <h2>Account health</h2>
      <Show q={accounts}>{(a) => <ArrAtRisk a={a} />}</Show>
      <h2>NPS by touchpoint</h2>
      <Show q={nps} label="Loading NPS…">
        {(d) => (
          <div class="cards">
            {!filters.touchpoint && <NpsCard name="All touchpoints" id={null} m={d.all} against={against} />}
            {named.map((x) => (
              <NpsCard key={x.id} name={x.name} id={x.id} m={x.metrics} against={against} cpi={cpi.data} />
            ))}
          </div>
        )}
      </Show>
      {tps.data && shown.length === 0 && <Empty>No touchpoints yet: add them on the Journey page.</Empty>}
      <div class="cards">
        <Show q={journey}>{(j) => <JourneyCard j={j} against={against} />}</Show>
        <Show q={cpi}>{(c) => <CpiCard c={c} against={against} />}</Show>
      </div>
      <Show q={drivers}>{(d) => <DriversCard d={d} scopeName={scopeName} />}</Show>
      {q && <BreakdownCard q={q} />}
      <h2>Satisfaction, effort and sentiment</h2>
      <div class="cards">
        <Show q={csat}>{(c) => (ces.data ? <CsatCesCards csat={c} ces={ces.data} against={against} /> : ces.error ? <ErrorNote error={ces.error} onRetry={ces.reload} /> : <Loading />)}</Show>
        <Show q={sentiment}>{(s) => <SentimentCard s={s} against={against} />}</Show>
      </div>
      <Show q={themes}>{(t) => <ThemesCard t={t} against={against} />}</Show>
    </>
  );
}
