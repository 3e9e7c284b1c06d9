import { useSharedView, type SharedView } from '../hooks/use-share-links';
import { ErrorNote, Loading } from '../components/states';
import { NpsCard, CsatCesCards, SentimentCard } from '../overview/trends';
import { CpiCard, JourneyCard } from '../overview/journey-cpi';
import { ThemesCard } from '../overview/themes-card';
import { PrintStamp } from '../components/layout';

/**
 * The read-only overview a share link opens (`#/shared/<token>`): no session, no navigation,
 * the link's filters fixed by the server. The cards are the overview's own; their drill-down
 * links lead to responses a viewer may not see, so clicks on them do nothing here.
 */
export function SharedPage({ token }: { token: string }) {
  const q = useSharedView(token);
  return (
    <div class="app shared">
      <main id="main" tabIndex={-1}>
        {q.error ? (
          <div class="shared-gone">
            <h1>This share link does not work</h1>
            <ErrorNote error={q.error} />
            <p class="muted">Ask the person who shared it for a new link.</p>
          </div>
        ) : !q.data ? (
          <Loading label="Loading the shared overview…" />
        ) : (
          <SharedOverview v={q.data} />
        )}
      </main>
    </div>
  );
}

function SharedOverview({ v }: { v: SharedView }) {
  const scope = v.nps.all;
  const only = v.link.filters.touchpoint ? v.touchpoints[0]?.name ?? v.link.filters.touchpoint : null;
  return (
    // Capture phase: a drill-down link is neither followed by a click nor by Enter.
    <div class="shared-view" onClickCapture={(e) => (e.target as Element).closest('a') && e.preventDefault()}>
      <p class="shared-banner" role="note">
        <strong>Read-only</strong> · shared by {v.link.sharedBy} · expires {new Date(v.link.expiresAt).toLocaleDateString()}
      </p>
      <header class="print-head">
        <h1>
          {v.link.workspace}: overview{only ? ` of ${only}` : ''}
        </h1>
        <p class="muted">
          {scope.from} to {scope.to}, by {scope.bucket}, time zone {scope.timeZone.name}
          {scope.filters.attribute ? `, segment ${scope.filters.attribute.key} = ${scope.filters.attribute.value}` : ''} · <PrintStamp />
        </p>
      </header>
      <h2>NPS by touchpoint</h2>
      <div class="cards">
        {!only && <NpsCard name="All touchpoints" id={null} m={v.nps.all} against="" />}
        {v.nps.byTouchpoint.map((x) => (
          <NpsCard key={x.id} name={v.touchpoints.find((t) => t.id === x.id)?.name ?? x.id} id={x.id} m={x.metrics} against="" />
        ))}
      </div>
      <div class="cards">
        <JourneyCard j={v.journey} against="" />
        <CpiCard c={v.cpi} against="" />
      </div>
      <h2>Satisfaction, effort and sentiment</h2>
      <div class="cards">
        <CsatCesCards csat={v.csat} ces={v.ces} against="" />
        <SentimentCard s={v.sentiment} against="" />
      </div>
      <ThemesCard t={v.themes} against="" />
    </div>
  );
}
