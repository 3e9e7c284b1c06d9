import type { Resolution, ResponseDetail } from '../hooks/use-responses';
import type { MemberOption } from './loop-panel';

export const resolutionLabels: Record<Resolution, string> = {
  resolved: 'Resolved',
  refund_or_credit: 'Refund or credit',
  explained: 'Explained',
  feature_request: 'Feature request logged',
  unreachable: 'Could not reach',
  not_actionable: 'Not actionable',
  other: 'Other',
};
const statusLabels = { open: 'reopened', in_progress: 'moved to in progress', closed: 'closed' } as const;

type LoopEvent = ResponseDetail['activity'][number];

function describe(e: LoopEvent, name: (id: string) => string): string {
  switch (e.kind) {
    case 'assigned':
      return e.assignee ? `assigned ${name(e.assignee)}` : 'unassigned';
    case 'status':
      return `${e.status ? statusLabels[e.status] : 'changed the status'}${e.resolution ? `: ${resolutionLabels[e.resolution]}` : ''}${e.text ? ` — ${e.text}` : ''}`;
    case 'note':
      return 'noted';
    case 'reply':
      return `replied to ${e.to ?? 'the respondent'}: “${e.subject ?? ''}”`;
  }
}

/** Who assigned, changed the status, noted or replied, and when: newest first. */
export function LoopActivity({ events, members }: { events: LoopEvent[]; members: MemberOption[] }) {
  const name = (id: string) => {
    const m = members.find((x) => x.userId === id);
    return m ? m.name || m.email : id;
  };
  return (
    <>
      <h4>Activity</h4>
      {events.length === 0 ? (
        <p class="muted">Nothing done yet.</p>
      ) : (
        <ol class="activity" reversed aria-label="Follow-up activity">
          {[...events].reverse().map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <span>
                <strong>{e.actor}</strong> {describe(e, name)}
              </span>
              {(e.kind === 'note' || e.kind === 'reply') && e.text && <p>{e.text}</p>}
              <time class="muted" dateTime={e.createdAt}>
                {new Date(e.createdAt).toLocaleString()}
              </time>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
