import type { SurveyStatus } from '../hooks/use-surveys';
import type { ActivationCheck } from '../hooks/use-activation';
import { ActivationWarnings } from './activation-warnings';

// Mirrors the server's allowed transitions so only valid buttons show; the server still decides.
const next: Record<SurveyStatus, { to: SurveyStatus; label: string }[]> = {
  draft: [
    { to: 'active', label: 'Activate' },
    { to: 'closed', label: 'Close' },
  ],
  active: [
    { to: 'paused', label: 'Pause' },
    { to: 'closed', label: 'Close' },
  ],
  paused: [
    { to: 'active', label: 'Resume' },
    { to: 'closed', label: 'Close' },
  ],
  closed: [],
};

/** Why a status change needs a second thought: closing is final; going live with warnings will not show as intended. */
function confirmed(to: SurveyStatus, checks: ActivationCheck[]): boolean {
  if (to === 'closed') return confirm('Closing is final: the survey will never take responses again. Close it?');
  if (to === 'active' && checks.length) return confirm(`${checks.map((c) => `• ${c.message}`).join('\n')}\n\nActivate anyway?`);
  return true;
}

/** The survey's status, the changes it allows, and the activation checks' warnings. */
export function StatusBar({ status, busy, canEdit, checks, onChange }: { status: SurveyStatus; busy: boolean; canEdit: boolean; checks: ActivationCheck[]; onChange: (s: SurveyStatus) => void }) {
  return (
    <>
      <div class="status-bar">
        Status: <span class={`badge ${status}`}>{status}</span>
        {canEdit &&
          next[status].map((n) => (
            <button key={n.to} type="button" class={n.to === 'closed' ? 'danger' : ''} disabled={busy} onClick={() => confirmed(n.to, checks) && onChange(n.to)}>
              {n.label}
            </button>
          ))}
      </div>
      {status !== 'closed' && <ActivationWarnings checks={checks} status={status} />}
    </>
  );
}
