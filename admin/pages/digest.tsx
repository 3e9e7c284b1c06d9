import { useContext, useState } from 'preact/hooks';
import { AccessContext } from '../context';
import { useDigest, useDigestSubscription, useSendDigest, useSetDigestSubscription, type Digest } from '../hooks/use-digest';
import { href, navigate } from '../router';
import { Empty, ErrorNote, Show } from '../components/states';
import { formatMoney } from '../lib/money';

const num = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const signed = (x: number, digits = 1) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(100 * x)} %`);

function Changes({ d }: { d: Digest }) {
  if (d.significantChanges.length === 0) return <Empty>No significant change in NPS, CSAT, CES or CPI attainment at any touchpoint.</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Touchpoint</th>
          <th scope="col">Measure</th>
          <th scope="col" class="num">This week</th>
          <th scope="col" class="num">Change</th>
          <th scope="col" class="num">n</th>
          <th scope="col" class="num">± 95 %</th>
        </tr>
      </thead>
      <tbody>
        {d.significantChanges.map((c) => (
          <tr key={`${c.touchpointId}:${c.metric}:${c.cpiId ?? ''}`}>
            <th scope="row">{c.touchpoint}</th>
            <td>{c.label}</td>
            <td class="num">{num(c.value)}</td>
            <td class={`num ${c.delta < 0 ? 'neg-text' : ''}`}>{signed(c.delta)}</td>
            <td class="num">{c.n}</td>
            <td class="num">{num(c.margin, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Subscription() {
  const [version, setVersion] = useState(0);
  const sub = useDigestSubscription(version);
  const set = useSetDigestSubscription();
  // Shown as clicked at once; the stored value replaces it when the request returns.
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <Show q={sub} label="Loading your subscription…">
      {(s) => (
        <label class="inline">
          <input
            type="checkbox"
            checked={pending ?? s.subscribed}
            onChange={async (e) => {
              const on = e.currentTarget.checked;
              setPending(on);
              await set.run(on);
              setVersion((v) => v + 1);
              setPending(null);
            }}
          />{' '}
          Email me this digest every Monday at 08:00 ({s.default ? 'the default for your role' : 'your choice'})
        </label>
      )}
    </Show>
  );
}

/** The weekly digest: what moved, where and why, for one complete week; send it now, or choose to receive it. */
export function DigestPage({ query }: { query: URLSearchParams }) {
  const week = query.get('week') ?? undefined;
  const digest = useDigest(week);
  const send = useSendDigest();
  const { canEdit } = useContext(AccessContext);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <>
      <h1>Weekly digest</h1>
      <form class="panel overview-filters" aria-label="Digest week" onSubmit={(e) => e.preventDefault()}>
        <label>
          Week of
          <input type="date" value={digest.data?.week ?? week ?? ''} onChange={(e) => navigate(href('digest', { week: e.currentTarget.value }))} />
        </label>
        {canEdit && (
          <button
            type="button"
            disabled={send.busy}
            onClick={async () => {
              const r = await send.run(week);
              if (r) setSent(r.emailed.length ? `Sent to ${r.emailed.join(', ')}${r.failed.length ? `; failed: ${r.failed.map((f) => f.email).join(', ')}` : ''}.` : 'No member has opted in: sent to digest webhooks only.');
            }}
          >
            Send now
          </button>
        )}
        <Subscription />
      </form>
      <ErrorNote error={send.error} />
      {sent && <p role="status">{sent}</p>}
      <Show q={digest} label="Loading the digest…">
        {(d) => (
          <>
            <p class="muted">
              {d.week} to {d.weekEnd} ({d.workspace.timeZone}), compared with the week of {d.previousWeek}. Changes are flagged when significant at 95 % with at least {d.minN} answers on both sides.
            </p>
            <section class="panel" aria-labelledby="dg-changes">
              <h2 id="dg-changes">Significant changes</h2>
              <Changes d={d} />
            </section>
            <section class="panel" aria-labelledby="dg-themes">
              <h2 id="dg-themes">Themes that moved</h2>
              {d.themes.length === 0 ? (
                <Empty>No theme moved.</Empty>
              ) : (
                d.themes.map((t) => (
                  <article key={t.key} class="digest-theme">
                    <h3>{t.label}</h3>
                    <p>
                      Share {pct(t.shareBefore)} → {pct(t.share)} of comments{t.shareChange?.significant ? ' (significant)' : ''}; sentiment {num(t.sentimentBefore, 2)} → {num(t.sentiment, 2)}
                    </p>
                    <ul>
                      {t.verbatims.map((v) => (
                        <li key={v.responseId}>
                          <a href={href('responses', { id: v.responseId })}>“{v.comment}”</a>
                        </li>
                      ))}
                    </ul>
                  </article>
                ))
              )}
            </section>
            <section class="panel" aria-labelledby="dg-cpis">
              <h2 id="dg-cpis">CPIs below target</h2>
              {d.cpisBelowTarget.length === 0 ? (
                <Empty>Every CPI with a target is on or above it, or too close to tell.</Empty>
              ) : (
                <ul>
                  {d.cpisBelowTarget.map((c) => (
                    <li key={`${c.touchpointId}:${c.cpiId}`}>
                      {c.touchpoint} · {c.name}: {pct(c.attainment)} (95 % {pct(c.interval?.low)}–{pct(c.interval?.high)}, n {c.answered}) against {pct(c.target)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <div class="grid-2">
              <section class="panel" aria-labelledby="dg-loops">
                <h2 id="dg-loops">Close the loop</h2>
                <p>
                  {d.loops.detractors} detractors: {d.loops.open} open, {d.loops.inProgress} in progress, {d.loops.closed} closed. Median time to close:{' '}
                  {d.loops.medianHoursToClose === null ? '–' : `${num(d.loops.medianHoursToClose, 1)} h`}.
                </p>
              </section>
              <section class="panel" aria-labelledby="dg-volume">
                <h2 id="dg-volume">Volume</h2>
                <p>
                  {d.volume.responses} responses; the {d.volume.previousWeeks.length} weeks before averaged {num(d.volume.previousMean, 1)}
                  {d.volume.changePercent === null ? '' : ` (${signed(d.volume.changePercent, 0)} %)`}.
                </p>
              </section>
            </div>
            <section class="panel" aria-labelledby="dg-red">
              <h2 id="dg-red">Accounts that turned red</h2>
              {d.accountsTurnedRed.length === 0 ? (
                <Empty>None this week.</Empty>
              ) : (
                <ul>
                  {d.accountsTurnedRed.map((a) => (
                    <li key={a.account}>
                      {a.account}: health {a.score}
                      {a.revenue === null ? '' : `, ${formatMoney(a.revenue)}`}
                      {a.renewalDate ? `, renews ${a.renewalDate}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              <p class="muted">ARR at risk at the week's end: {formatMoney(d.arrAtRisk)}.</p>
            </section>
            <section class="panel" aria-labelledby="dg-anomalies">
              <h2 id="dg-anomalies">Anomalies</h2>
              {d.anomalies.length === 0 ? (
                <Empty>No unusual day against the same weekday of the 8 weeks before.</Empty>
              ) : (
                <ul>
                  {d.anomalies.map((a) => (
                    <li key={`${a.day}:${a.metric}`}>
                      {a.day} · {a.metric === 'nps' ? 'NPS' : 'responses'} {num(a.value)} against a usual {num(a.median)} (robust z {signed(a.z)}; flagged at {a.flaggedAt.join(', ')} sensitivity)
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </Show>
    </>
  );
}
