import { useState } from 'preact/hooks';
import { useAddNote, useUpdateLoop, type LoopStatus, type Resolution, type ResponseDetail } from '../hooks/use-responses';
import { useAccess } from '../context';
import { ErrorNote } from './states';
import { LoopActivity, resolutionLabels } from './loop-activity';
import { LoopReply } from './loop-reply';

const labels: Record<LoopStatus, string> = { open: 'Open', in_progress: 'In progress', closed: 'Closed' };
export interface MemberOption {
  userId: string;
  name: string;
  email: string;
}

interface Props {
  r: ResponseDetail;
  members: MemberOption[];
  onChanged: () => void;
}

/** Close the loop: status (a reason when closing), assignee from the members, reply, notes and the activity log. */
export function LoopPanel({ r, members, onChanged }: Props) {
  const { canEdit } = useAccess();
  const update = useUpdateLoop();
  const note = useAddNote();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState<Resolution>('resolved');
  const [reasonNote, setReasonNote] = useState('');
  const [text, setText] = useState('');
  const known = members.some((m) => m.userId === r.loop.assignee);
  const run = async (patch: Parameters<typeof update.run>[1]) => {
    if (await update.run(r.id, patch)) {
      setClosing(false);
      onChanged();
    }
  };
  return (
    <section class="loop" aria-labelledby="loop-h">
      <h3 id="loop-h">Close the loop</h3>
      <fieldset disabled={!canEdit || update.busy} class="plain loop-controls">
        <div class="actions" role="group" aria-label="Follow-up status">
          {(Object.keys(labels) as LoopStatus[]).map((s) => (
            <button key={s} type="button" class={r.loop.status === s ? '' : 'secondary'} aria-pressed={r.loop.status === s} onClick={() => (s === 'closed' ? setClosing(true) : run({ status: s }))}>
              {labels[s]}
            </button>
          ))}
        </div>
        <label class="loop-assignee">
          Assignee
          <select value={r.loop.assignee ?? ''} onChange={(e) => run({ assignee: e.currentTarget.value || null })}>
            <option value="">Unassigned</option>
            {!known && r.loop.assignee && <option value={r.loop.assignee}>{r.loop.assignee} (not a member)</option>}
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name || m.email}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {r.loop.status === 'closed' && r.loop.resolution && !closing && (
        <p class="muted">
          Closed: {resolutionLabels[r.loop.resolution.reason]}
          {r.loop.resolution.note ? ` — ${r.loop.resolution.note}` : ''}
        </p>
      )}
      {closing && (
        <form
          class="inline-form resolution"
          aria-label="Close with a reason"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ status: 'closed', resolution: { reason, ...(reasonNote.trim() ? { note: reasonNote.trim() } : {}) } });
          }}
        >
          <label>
            Resolution
            <select value={reason} onChange={(e) => setReason(e.currentTarget.value as Resolution)}>
              {(Object.keys(resolutionLabels) as Resolution[]).map((k) => (
                <option key={k} value={k}>
                  {resolutionLabels[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note{reason === 'other' ? '' : ' (optional)'}
            <input value={reasonNote} required={reason === 'other'} onInput={(e) => setReasonNote(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={update.busy}>
            Close loop
          </button>
          <button type="button" class="secondary" onClick={() => setClosing(false)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorNote error={update.error} />
      <LoopReply r={r} onSent={onChanged} />
      {canEdit && (
        <form
          class="loop-note"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await note.run(r.id, text)) {
              setText('');
              onChanged();
            }
          }}
        >
          <label>
            Add a note
            <textarea rows={2} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <button type="submit" class="secondary" disabled={note.busy}>
            Add note
          </button>
          <ErrorNote error={note.error} />
        </form>
      )}
      <LoopActivity events={r.activity} members={members} />
    </section>
  );
}
