import type { Account } from '../hooks/use-accounts';
import { round } from '../lib/chart-data';
import { formatMoney } from '../lib/money';
import { href } from '../router';

const signed = (v: number | null) => (v === null ? '' : ` (${v > 0 ? '▲ +' : v < 0 ? '▼ ' : ''}${round(v, 2)})`);

/** Accounts with their health score and band, the components behind it, revenue and activity. */
export function AccountTable({ accounts, accountAttribute }: { accounts: Account[]; accountAttribute: string }) {
  return (
    <table class="accounts">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col" class="num">Health</th>
          <th scope="col" class="num">ARR</th>
          <th scope="col" class="num">Latest NPS</th>
          <th scope="col" class="num">Latest CSAT</th>
          <th scope="col" class="num">CPI attainment</th>
          <th scope="col" class="num">Sentiment (trend)</th>
          <th scope="col">Last response</th>
          <th scope="col" class="num">Responses</th>
          <th scope="col">Renewal</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => {
          const c = a.health.components;
          return (
            <tr key={a.account}>
              <th scope="row">
                <a href={href('responses', { attribute: `${accountAttribute}:${a.account}` })}>{a.account}</a>
              </th>
              <td class="num">
                <span class={`band ${a.health.band}`} title={`${a.health.band}: score ${a.health.score} / 100`}>
                  {a.health.score}
                </span>
              </td>
              <td class="num">{formatMoney(a.revenue)}</td>
              <td class={`num ${c.nps.latest !== null && c.nps.latest <= 6 ? 'neg-text' : ''}`}>{c.nps.latest ?? '–'}</td>
              <td class="num">{c.csat.latest ?? '–'}</td>
              <td class="num">{c.cpi.attainment === null ? '–' : `${round(c.cpi.attainment * 100)} %`}</td>
              <td class={`num ${c.sentiment.trend !== null && c.sentiment.trend < 0 ? 'neg-text' : ''}`}>
                {round(c.sentiment.recent, 2)}
                {signed(c.sentiment.trend)}
              </td>
              <td>
                {a.lastResponseAt.slice(0, 10)} <span class="muted">({round(c.recency.days)} d)</span>
              </td>
              <td class="num">{a.responses}</td>
              <td>{a.renewalDate ?? '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
