import { useState } from 'preact/hooks';
import { useResponseCounts, useResponses, type ResponseQuery } from '../hooks/use-responses';
import { useMembers } from '../hooks/use-access';
import { ResponseFacets } from '../components/response-facets';
import { useSurveys } from '../hooks/use-surveys';
import { useTouchpoints } from '../hooks/use-touchpoints';
import { useCpis } from '../hooks/use-cpis';
import { href, navigate } from '../router';
import { Empty, Show } from '../components/states';
import { ResponseFilters, filterKeys } from '../components/response-filters';
import { ResponseDetailPanel } from '../components/response-detail';
import { Matched } from '../components/highlighted';

/**
 * The responses inbox: filters live in the URL (`#/responses?touchpoint=…&maxScore=6`), so
 * every number on the overview can link here and a filtered view can be shared.
 */
export function ResponsesPage({ query }: { query: URLSearchParams }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const filters: Record<string, string> = {};
  for (const k of filterKeys) {
    const v = query.get(k);
    if (v) filters[k] = v;
  }
  // Links written before the facets were named `loop=`.
  const legacyLoop = query.get('loop');
  if (legacyLoop && !filters.loopStatus) filters.loopStatus = legacyLoop;
  const selected = query.get('id');
  const cursor = cursors[cursors.length - 1];
  const apiQuery: ResponseQuery = { ...filters, limit: '25', ...(cursor ? { cursor } : {}) };
  const list = useResponses(apiQuery, version);
  const { sort: _sort, ...countFilters } = filters;
  const counts = useResponseCounts(countFilters, version);
  const members = useMembers();
  const memberName = (id: string) => {
    const m = members.data?.data.find((x) => x.userId === id);
    return m ? m.name || m.email : id;
  };
  const apply = (f: Record<string, string>) => {
    setCursors([]);
    navigate(href('responses', f));
  };
  const surveys = useSurveys();
  const tps = useTouchpoints();
  const cpis = useCpis();
  const surveyName = (id: string) => surveys.data?.data.find((s) => s.id === id)?.name ?? id;
  const tpName = (id: string) => tps.data?.data.find((t) => t.id === id)?.name ?? id;
  const open = (id: string | null) => navigate(href('responses', { ...filters, id }));
  return (
    <>
      <h1>Responses</h1>
      <ResponseFilters
        value={filters}
        surveys={surveys.data?.data ?? []}
        touchpoints={tps.data?.data ?? []}
        cpis={cpis.data?.data ?? []}
        onChange={apply}
      />
      <ResponseFacets value={filters} counts={counts.data} members={members.data?.data ?? []} onChange={apply} />
      <div class="inbox">
        <section class="panel inbox-list" aria-label="Responses found">
          <Show q={list} label="Loading responses…">
            {(page) =>
              page.data.length === 0 ? (
                <Empty>No responses match these filters.</Empty>
              ) : (
                <>
                  <ul class="responses">
                    {page.data.map((r) => (
                      <li key={r.id} class={r.id === selected ? 'selected' : ''}>
                        <a href={href('responses', { ...filters, id: r.id })} aria-current={r.id === selected ? 'true' : undefined}>
                          <span class={`score ${r.scores.nps === null ? '' : r.scores.nps <= 6 ? 'det' : r.scores.nps >= 9 ? 'pro' : 'pas'}`}>{r.scores.nps ?? r.scores.csat ?? r.scores.ces ?? '–'}</span>
                          <span class="r-main">
                            <span class="r-meta">
                              {surveyName(r.surveyId)} · {tpName(r.touchpointId)} · {new Date(r.createdAt).toLocaleString()}
                            </span>
                            <span class="r-comment">{r.comment === null ? <em class="muted">No comment</em> : <Matched text={r.comment} words={r.matches ?? []} />}</span>
                          </span>
                          {r.loop.status && <span class={`badge loop-${r.loop.status}`}>{r.loop.status.replace('_', ' ')}</span>}
                          {r.loop.assignee && <span class="badge assignee">{memberName(r.loop.assignee)}</span>}
                          {r.sentiment && <span class={`badge ${r.sentiment.label}`}>{r.sentiment.label}</span>}
                        </a>
                      </li>
                    ))}
                  </ul>
                  <div class="pager">
                    <button type="button" class="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                      Newer
                    </button>
                    <button type="button" class="secondary" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
                      Older
                    </button>
                  </div>
                </>
              )
            }
          </Show>
        </section>
        <section class="panel inbox-detail" aria-label="Response">
          {selected ? (
            <ResponseDetailPanel id={selected} surveyName={surveyName} tpName={tpName} members={members.data?.data ?? []} onClose={() => open(null)} onChanged={() => setVersion((v) => v + 1)} />
          ) : (
            <Empty>Select a response to see its answers, context, sentiment and themes.</Empty>
          )}
        </section>
      </div>
    </>
  );
}
