import { api, call, currentWorkspace } from '../api';
import { useQuery } from './query';

// The dashboard metrics (`/api/v1/metrics/*`), one hook per endpoint. The query is the same
// for all of them: touchpoint, survey, from, to, bucket, tz, attribute, and the comparison
// period (compare, compareFrom, compareTo) on the endpoints that take one. A null query (an
// invalid filter) sends nothing.
export type MetricsQuery = NonNullable<Parameters<typeof api.metrics.nps.$get>[0]>['query'];
type PlainQuery = NonNullable<Parameters<typeof api.metrics.drivers.$get>[0]>['query'];
/** The query without its comparison period, for the endpoints that have none. */
export const withoutComparison = ({ compare: _c, compareFrom: _f, compareTo: _t, ...q }: MetricsQuery): PlainQuery => q;
const m = api.metrics;
const nps = (query: MetricsQuery) => call(m.nps.$get({ query }));
export type NpsMetrics = Awaited<ReturnType<typeof nps>>;
export type CsatMetrics = Awaited<ReturnType<typeof csat>>;
export type CesMetrics = Awaited<ReturnType<typeof ces>>;
export type SentimentMetrics = Awaited<ReturnType<typeof sentiment>>;
export type JourneyMetrics = Awaited<ReturnType<typeof journey>>;
export type CpiMetrics = Awaited<ReturnType<typeof cpi>>;
export type ThemeMetrics = Awaited<ReturnType<typeof themes>>;
const csat = (query: MetricsQuery) => call(m.csat.$get({ query }));
const ces = (query: MetricsQuery) => call(m.ces.$get({ query }));
const sentiment = (query: MetricsQuery) => call(m.sentiment.$get({ query }));
const journey = (query: MetricsQuery) => call(m.journey.$get({ query }));
const cpi = (query: MetricsQuery) => call(m.cpi.$get({ query }));
const themes = (query: MetricsQuery) => call(m.themes.$get({ query }));
const drivers = (query: MetricsQuery) => call(m.drivers.$get({ query: withoutComparison(query) }));
export type DriverMetrics = Awaited<ReturnType<typeof drivers>>;

const key = (q: MetricsQuery | null, extra = '') => `${currentWorkspace()}:${JSON.stringify(q)}:${extra}`;

/**
 * `GET /api/v1/metrics/nps`, once per touchpoint (the small multiples of the overview) and
 * once for the whole scope; each answer is the API's, untouched.
 */
export const useNpsByTouchpoint = (q: MetricsQuery | null, touchpointIds: string[]) =>
  useQuery(
    async () => {
      const [all, ...each] = await Promise.all([nps(q!), ...touchpointIds.map((touchpoint) => nps({ ...q!, touchpoint }))]);
      return { all: all!, byTouchpoint: touchpointIds.map((id, i) => ({ id, metrics: each[i]! })) };
    },
    key(q, touchpointIds.join(',')),
    q !== null && touchpointIds.length > 0,
  );
/** `GET /api/v1/metrics/csat`. */
export const useCsat = (q: MetricsQuery | null) => useQuery(() => csat(q!), key(q), q !== null);
/** `GET /api/v1/metrics/ces`. */
export const useCes = (q: MetricsQuery | null) => useQuery(() => ces(q!), key(q), q !== null);
/** `GET /api/v1/metrics/sentiment`. */
export const useSentimentTrend = (q: MetricsQuery | null) => useQuery(() => sentiment(q!), key(q), q !== null);
/** `GET /api/v1/metrics/journey`. */
export const useJourney = (q: MetricsQuery | null) => useQuery(() => journey(q!), key(q), q !== null);
/** `GET /api/v1/metrics/cpi`. */
export const useCpiMatrix = (q: MetricsQuery | null) => useQuery(() => cpi(q!), key(q), q !== null);
/** `GET /api/v1/metrics/themes`. */
export const useThemeMetrics = (q: MetricsQuery | null) => useQuery(() => themes(q!), key(q), q !== null);
/** `GET /api/v1/metrics/drivers`. */
export const useDrivers = (q: MetricsQuery | null) => useQuery(() => drivers(q!), key(q, 'drivers'), q !== null);

const breakdown = (query: BreakdownQuery) => call(m.breakdown.$get({ query }));
export type BreakdownQuery = NonNullable<Parameters<typeof api.metrics.breakdown.$get>[0]>['query'];
export type BreakdownMetrics = Awaited<ReturnType<typeof breakdown>>;
/** `GET /api/v1/metrics/breakdown`: one metric per value of a segment key. */
export const useBreakdown = (q: BreakdownQuery) => useQuery(() => breakdown(q), key(q, 'breakdown'));
