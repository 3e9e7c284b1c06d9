import { useTouchpoints } from '../hooks/use-touchpoints';
import { useAccounts, type AccountsQuery } from '../hooks/use-accounts';
import { href, navigate } from '../router';
import { NamedSelect } from '../components/named-select';
import { Empty, ErrorNote, Show } from '../components/states';
import { AccountTable } from '../overview/account-table';
import { ArrAtRisk } from '../overview/arr-at-risk';
import { formatMoney } from '../lib/money';

const sorts = [
  ['score', 'Health (worst first)'],
  ['revenue', 'ARR (largest first)'],
  ['lastResponse', 'Last response (newest first)'],
  ['responses', 'Responses (most first)'],
  ['account', 'Account (A–Z)'],
] as const;
const bands = ['red', 'yellow', 'green'] as const;

const readQuery = (q: URLSearchParams): AccountsQuery => {
  const out: AccountsQuery = { limit: '200' };
  for (const k of ['band', 'touchpoint', 'sort', 'from', 'to'] as const) {
    const v = q.get(k);
    if (v) (out as Record<string, string>)[k] = v;
  }
  return out;
};

/** Accounts by health: ARR at risk, bands per touchpoint, and every account with the reasons for its score. */
export function AccountsPage({ query }: { query: URLSearchParams }) {
  const q = readQuery(query);
  const tps = useTouchpoints();
  const accounts = useAccounts(q);
  const set = (k: string, v: string) => navigate(href('accounts', { ...Object.fromEntries(query), [k]: v }));
  return (
    <>
      <h1>Accounts</h1>
      <form class="panel overview-filters" aria-label="Account filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Band
          <select value={q.band ?? ''} onChange={(e) => set('band', e.currentTarget.value)}>
            <option value="">All bands</option>
            {bands.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          Touchpoint
          <NamedSelect value={q.touchpoint ?? ''} items={tps.data?.data ?? []} onChange={(id) => set('touchpoint', id)} all="All touchpoints" />
        </label>
        <label>
          Sort by
          <select value={q.sort ?? 'score'} onChange={(e) => set('sort', e.currentTarget.value)}>
            {sorts.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote error={tps.error} />
      <Show q={accounts} label="Loading accounts…">
        {(a) => (
          <>
            <p class="muted">
              {a.from} to {a.to}. Responses roll up to accounts by the <code>{a.settings.accountAttribute}</code> attribute, revenue from <code>{a.settings.revenueAttribute}</code> (workspace settings).
              Health 0–100 from the latest NPS and CSAT, CPI attainment, sentiment trend and recency: green ≥ 70, yellow ≥ 50, red below.
            </p>
            <ArrAtRisk a={a} />
            <section class="panel" aria-labelledby="by-tp-h">
              <h2 id="by-tp-h">By touchpoint</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Touchpoint</th>
                    <th scope="col" class="num">Accounts</th>
                    <th scope="col" class="num">Red</th>
                    <th scope="col" class="num">Yellow</th>
                    <th scope="col" class="num">Green</th>
                    <th scope="col" class="num">ARR at risk</th>
                  </tr>
                </thead>
                <tbody>
                  {a.summary.byTouchpoint.map((t) => (
                    <tr key={t.touchpointId}>
                      <th scope="row">
                        <a href={href('accounts', { ...Object.fromEntries(query), touchpoint: t.touchpointId })}>{t.name}</a>
                      </th>
                      <td class="num">{t.accounts}</td>
                      <td class="num">{t.bands.red}</td>
                      <td class="num">{t.bands.yellow}</td>
                      <td class="num">{t.bands.green}</td>
                      <td class={`num ${t.arrAtRisk > 0 ? 'neg-text' : ''}`}>{formatMoney(t.arrAtRisk)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section class="panel" aria-labelledby="accounts-h">
              <h2 id="accounts-h">
                {a.total} account{a.total === 1 ? '' : 's'}
                {a.filters.band ? ` in ${a.filters.band}` : ''}
              </h2>
              {a.accounts.length === 0 ? (
                <Empty>No account in this selection. Responses need a {a.settings.accountAttribute} attribute (set it with the widget's identify call or on import).</Empty>
              ) : (
                <AccountTable accounts={a.accounts} accountAttribute={a.settings.accountAttribute} />
              )}
              {a.total > a.accounts.length && <p class="muted">Showing the first {a.accounts.length}.</p>}
            </section>
          </>
        )}
      </Show>
    </>
  );
}
