import { useActivationChecks, type ActivationCheck } from '../hooks/use-activation';
import { href } from '../router';

const titles: Record<ActivationCheck['kind'], string> = {
  outranked: 'Another survey always shows first',
  origin_not_allowed: 'Site not allowed',
  event_never_seen: 'Trigger event never seen',
};

/** The activation checks as warnings, each linking to what to change. */
export function ActivationWarnings({ checks, status }: { checks: ActivationCheck[]; status: string }) {
  if (!checks.length) return null;
  return (
    <div class="activation-warnings" role={status === 'active' ? 'status' : 'alert'}>
      <strong>
        {status === 'active' ? 'This survey may not show as intended' : 'Before activating'}: {checks.length} warning{checks.length > 1 ? 's' : ''}
      </strong>
      <ul>
        {checks.map((c, i) => (
          <li key={i}>
            <b>{titles[c.kind]}.</b> {c.message}{' '}
            {c.kind === 'outranked' && c.surveys.map((s) => <a key={s.id} href={href(`surveys/${s.id}`)}>Open {s.name}</a>)}
            {c.kind === 'origin_not_allowed' && <a href={href('settings')}>Allowed origins</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One line for a list: the warnings' count, the messages in its title. */
export const WarningCount = ({ checks }: { checks: ActivationCheck[] }) =>
  checks.length ? (
    <span class="warning-count" title={checks.map((c) => c.message).join('\n')}>
      ⚠ {checks.length} warning{checks.length > 1 ? 's' : ''}: {titles[checks[0]!.kind].toLowerCase()}
    </span>
  ) : null;

/** The surveys list's cell: a survey's warnings, asked only for surveys that can still go live. */
export function SurveyWarnings({ id, status, version }: { id: string; status: string; version: number }) {
  const checks = useActivationChecks(id, version, status !== 'closed');
  return <WarningCount checks={checks.data?.data ?? []} />;
}
