import { useState } from 'preact/hooks';
import { useAddNote, useUpdateLoop, type LoopStatus, type ResponseDetail } from '../hooks/use-responses';
import { useAccess } from '../context';
import { ErrorNote } from './states';

const labels: Record<LoopStatus, string> = { open: 'Open', in_progress: 'In progress', closed: 'Closed' };

/** Close the loop on a detractor: status, assignee and notes. */
export function LoopPanel({ r, onChanged }: { r: ResponseDetail; onChanged: () => void }) {
  const { canEdit } = useAccess();
  const update = useUpdateLoop();
  const note = useAddNote();
  const [assignee, setAssignee] = useState(r.loop.assignee ?? '');
  const [text, setText] = useState('');
  return (
    <section class="loop" aria-labelledby="loop-h">
      <h3 id="loop-h">Close the loop</h3>
      <fieldset disabled={!canEdit || update.busy} class="plain">
        <div class="actions" role="group" aria-label="Follow-up status">
          {(Object.keys(labels) as LoopStatus[]).map((s) => (
            <button key={s} type="button" class={r.loop.status === s ? '' : 'secondary'} aria-pressed={r.loop.status === s} onClick={async () => (await update.run(r.id, { status: s })) && onChanged()}>
              {labels[s]}
            </button>
          ))}
        </div>
        <form
          class="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await update.run(r.id, { assignee: assignee.trim() || null })) onChanged();
          }}
        >
          <label>
            Assignee
            <input value={assignee} onInput={(e) => setAssignee(e.currentTarget.value)} placeholder="name or email" />
          </label>
          <button type="submit" class="secondary">
            Assign
          </button>
        </form>
      </fieldset>
      <ErrorNote error={update.error} />
      <h4>Notes</h4>
      {r.notes.length === 0 ? (
        <p class="muted">No notes yet.</p>
      ) : (
        <ul class="notes">
          {r.notes.map((n) => (
            <li key={n.id}>
              <p>{n.text}</p>
              <span class="muted">
                {n.author} · {new Date(n.createdAt).toLocaleString()}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
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
            <textarea rows={3} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={note.busy}>
            Add note
          </button>
          <ErrorNote error={note.error} />
        </form>
      )}
    </section>
  );
}
