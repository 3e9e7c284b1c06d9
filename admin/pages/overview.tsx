import { useEffect } from 'preact/hooks';
import { useTouchpoints } from '../hooks/use-touchpoints';
import { useCes, useCpiMatrix, useCsat, useDrivers, useJourney, useNpsByTouchpoint, useSentimentTrend, useThemeMetrics, type MetricsQuery } from '../hooks/use-metrics';
import { useAccounts } from '../hooks/use-accounts';
import { href, navigate } from '../router';
import { OverviewFilterBar, type OverviewFilters } from '../components/overview-filters';
import { Empty, ErrorNote, Loading, Show } from '../components/states';
import { significantChanges } from '../lib/changes';
import { NpsCard, CsatCesCards, SentimentCard } from '../overview/trends';
import { CpiCard, JourneyCard } from '../overview/journey-cpi';
import { ThemesCard } from '../overview/themes-card';
import { DriversCard } from '../overview/drivers-card';
import { ArrAtRisk } from '../overview/arr-at-risk';
import { BreakdownCard } from '../overview/breakdown-card';
import { ShareButton } from '../components/share-links';
import { useAccess } from '../context';

const readFilters = (q: URLSearchParams): OverviewFilters => ({
  from: q.get('from') ?? '',
  to: q.get('to') ?? '',
  bucket: (['day', 'week', 'month'] as const).find((b) => b === q.get('bucket')) ?? 'week',
  touchpoint: q.get('touchpoint') ?? '',
  attribute: q.get('attribute') ?? '',
});

// Empty filters are left out, so the API applies its defaults (e.g. the last weeks).
const toQuery = (f: OverviewFilters): MetricsQuery => ({
  bucket: f.bucket,
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
  ...(f.touchpoint ? { touchpoint: f.touchpoint } : {}),
  ...(f.attribute ? { attribute: f.attribute } : {}),
});

/** The CCO's overview: every figure is the metrics API's, and links to the responses behind it. */
export function OverviewPage({ query }: { query: URLSearchParams }) {
  const filters = readFilters(query);
  const q = toQuery(filters);
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

  const named = (nps.data?.byTouchpoint ?? []).map((x) => ({ ...x, name: shown.find((t) => t.id === x.id)?.name ?? x.id }));
  const callouts = nps.data ? significantChanges(named, csat.data, journey.data, cpi.data) : [];
  const scope = nps.data?.all ?? csat.data;
  const { isOwner } = useAccess();
  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <div class="actions no-print">
          <button type="button" class="secondary" onClick={() => print()}>
            Print
          </button>
          {isOwner && <ShareButton filters={q} />}
        </div>
      </div>
      <OverviewFilterBar key={query.toString()} value={filters} touchpoints={tps.data?.data ?? []} onChange={(f) => navigate(href('overview', { ...f, bucket: f.bucket === 'week' ? '' : f.bucket }))} />
      {scope && (
        <p class="muted">
          {scope.from} to {scope.to}, by {scope.bucket}, time zone {scope.timeZone.name}
          {scope.filters.attribute ? `, segment ${scope.filters.attribute.key} = ${scope.filters.attribute.value}` : ''}. Hover or focus a point for n and the margin; click a number for its responses.
        </p>
      )}
      <ErrorNote error={tps.error} />
      <section class="panel" aria-labelledby="changes-h">
        <h2 id="changes-h">Significant changes</h2>
        {!nps.data ? (
          <Loading />
        ) : callouts.length === 0 ? (
          <Empty>No statistically significant change in this period.</Empty>
        ) : (
          <ul class="alerts">
            {callouts.slice(0, 8).map((c, i) => (
              <li key={i}>
                <span class={c.direction} aria-hidden="true">
                  {c.direction === 'down' ? '▼' : '▲'}
                </span>{' '}
                <a href={c.href}>{c.text}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>Account health</h2>
      <Show q={accounts}>{(a) => <ArrAtRisk a={a} />}</Show>
      <h2>NPS by touchpoint</h2>
      <Show q={nps} label="Loading NPS…">
        {(d) => (
          <div class="cards">
            {!filters.touchpoint && <NpsCard name="All touchpoints" id={null} m={d.all} />}
            {named.map((x) => (
              <NpsCard key={x.id} name={x.name} id={x.id} m={x.metrics} />
            ))}
          </div>
        )}
      </Show>
      {tps.data && shown.length === 0 && <Empty>No touchpoints yet: add them on the Journey page.</Empty>}
      <div class="cards">
        <Show q={journey}>{(j) => <JourneyCard j={j} />}</Show>
        <Show q={cpi}>{(c) => <CpiCard c={c} />}</Show>
      </div>
      <Show q={drivers}>{(d) => <DriversCard d={d} scopeName={scopeName} />}</Show>
      <BreakdownCard q={q} />
      <h2>Satisfaction, effort and sentiment</h2>
      <div class="cards">
        <Show q={csat}>{(c) => (ces.data ? <CsatCesCards csat={c} ces={ces.data} /> : ces.error ? <ErrorNote error={ces.error} onRetry={ces.reload} /> : <Loading />)}</Show>
        <Show q={sentiment}>{(s) => <SentimentCard s={s} />}</Show>
      </div>
      <Show q={themes}>{(t) => <ThemesCard t={t} />}</Show>
    </>
  );
}
