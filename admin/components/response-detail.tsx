import { useResponse, type ResponseDetail } from '../hooks/use-responses';
import { Highlighted } from './highlighted';
import { LoopPanel, type MemberOption } from './loop-panel';
import { Show } from './states';
import { ResponseThemes } from './response-themes';

interface Props {
  id: string;
  surveyName: (id: string) => string;
  tpName: (id: string) => string;
  members: MemberOption[];
  onClose: () => void;
  onChanged: () => void;
}

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

/** One response: answers, context, sentiment with its explanation, themes, and the loop. */
export function ResponseDetailPanel({ id, surveyName, tpName, members, onClose, onChanged }: Props) {
  const q = useResponse(id);
  return (
    <Show q={q} label="Loading the response…">
      {(r) => <Detail r={r} surveyName={surveyName} tpName={tpName} members={members} onClose={onClose} onChanged={() => (q.reload(), onChanged())} />}
    </Show>
  );
}

function Detail({ r, surveyName, tpName, members, onClose, onChanged }: { r: ResponseDetail } & Omit<Props, 'id'>) {
  const attrs = Object.entries(r.attributes ?? {});
  return (
    <article class="detail" aria-labelledby="resp-h">
      <header class="detail-head">
        <h2 id="resp-h">
          {surveyName(r.surveyId)} <span class="muted">· {tpName(r.touchpointId)}</span>
        </h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </header>
      <p class="muted">
        {r.status} · received {new Date(r.createdAt).toLocaleString()} · <code>{r.id}</code>
      </p>
      {r.comment !== null && (
        <>
          <h3>Comment</h3>
          <Highlighted text={r.comment} terms={r.sentiment?.explanation ?? []} />
        </>
      )}
      {/* Above the fold, under the comment it answers: triage is what this page is for. */}
      {r.loop.status !== null && <LoopPanel r={r} members={members} onChanged={onChanged} />}
      <h3>Answers</h3>
      <dl class="kv">
        {Object.entries(r.answers).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
      </dl>
      <h3>Sentiment</h3>
      {r.sentiment ? (
        <p>
          <span class={`badge ${r.sentiment.label}`}>{r.sentiment.label}</span> score {r.sentiment.score.toFixed(2)} (−1 to 1)
          {r.sentiment.explanation.length > 0 && (
            <span class="muted">
              {' '}
              — driven by{' '}
              {r.sentiment.explanation.map((t, i) => (
                <span key={i} class={t.weight > 0 ? 'pos-text' : 'neg-text'}>
                  {i > 0 ? ', ' : ''}“{t.term}” {t.weight > 0 ? '+' : ''}
                  {t.weight.toFixed(2)}
                </span>
              ))}
            </span>
          )}
        </p>
      ) : (
        <p class="muted">{r.comment === null ? 'No comment to analyse.' : 'Not analysed yet.'}</p>
      )}
      <h3>Themes</h3>
      <ResponseThemes r={r} onChanged={onChanged} />
      <h3>Context</h3>
      <dl class="kv">
        <div>
          <dt>Page</dt>
          <dd>{r.pageUrl ?? '—'}</dd>
        </div>
        <div>
          <dt>Device</dt>
          <dd>{r.deviceClass ?? '—'}</dd>
        </div>
        <div>
          <dt>Locale</dt>
          <dd>{r.locale ?? '—'}</dd>
        </div>
        <div>
          <dt>Respondent</dt>
          <dd>{r.respondentId ?? (r.anonymousId ? `anonymous ${r.anonymousId}` : '—')}</dd>
        </div>
        {attrs.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
