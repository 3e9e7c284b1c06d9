import type { Accounts } from '../hooks/use-accounts';
import { href } from '../router';
import { formatMoney } from '../lib/money';

/** Revenue of the accounts whose health is red, linking to them on the Accounts page. */
export function ArrAtRisk({ a }: { a: Accounts }) {
  const s = a.summary;
  return (
    <div class="kpis" aria-label="Account health">
      <a class="kpi" href={href('accounts', { band: 'red', touchpoint: a.filters.touchpoint })}>
        <strong class={s.arrAtRisk > 0 ? 'neg-text' : ''}>{formatMoney(s.arrAtRisk)}</strong>
        <span>
          ARR at risk: {s.bands.red} red account{s.bands.red === 1 ? '' : 's'} of {s.accounts}
        </span>
      </a>
      <a class="kpi" href={href('accounts', { touchpoint: a.filters.touchpoint })}>
        <strong>{s.revenue > 0 ? `${Math.round((100 * s.arrAtRisk) / s.revenue)} %` : '–'}</strong>
        <span>of {formatMoney(s.revenue)} ARR</span>
      </a>
      <a class="kpi" href={href('accounts', { band: 'yellow', touchpoint: a.filters.touchpoint })}>
        <strong>{s.bands.yellow}</strong>
        <span>yellow accounts ({s.bands.green} green)</span>
      </a>
    </div>
  );
}
