import type { SurveyStatus } from '../hooks/use-surveys';

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

/** The survey's status and the changes it allows (closing is final, so it asks first). */
export function StatusBar({ status, busy, canEdit, onChange }: { status: SurveyStatus; busy: boolean; canEdit: boolean; onChange: (s: SurveyStatus) => void }) {
  return (
    <div class="status-bar">
      Status: <span class={`badge ${status}`}>{status}</span>
      {canEdit &&
        next[status].map((n) => (
          <button
            key={n.to}
            type="button"
            class={n.to === 'closed' ? 'danger' : ''}
            disabled={busy}
            onClick={() => (n.to !== 'closed' || confirm('Closing is final: the survey will never take responses again. Close it?')) && onChange(n.to)}
          >
            {n.label}
          </button>
        ))}
    </div>
  );
}
