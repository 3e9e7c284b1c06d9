import { useState } from 'preact/hooks';
import { useReply, type ResponseDetail } from '../hooks/use-responses';
import { useAccess } from '../context';
import { ErrorNote } from './states';

/** Reply to the respondent by email, when their address is known and mail is configured; why not otherwise. */
export function LoopReply({ r, onSent }: { r: ResponseDetail; onSent: () => void }) {
  const { canEdit } = useAccess();
  const reply = useReply();
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState('About your feedback');
  const [text, setText] = useState('');
  if (!r.reply.available) {
    return (
      <p class="muted reply-unavailable">
        <button type="button" class="secondary" disabled aria-describedby="reply-why">
          Reply by email
        </button>{' '}
        <span id="reply-why">{r.reply.reason}</span>
      </p>
    );
  }
  if (!open)
    return (
      <p>
        <button type="button" class="secondary" disabled={!canEdit} onClick={() => setOpen(true)}>
          Reply by email
        </button>{' '}
        <span class="muted">to {r.reply.to}</span>
      </p>
    );
  return (
    <form
      class="reply"
      aria-label="Reply by email"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await reply.run(r.id, { subject, text })) {
          setText('');
          setOpen(false);
          onSent();
        }
      }}
    >
      <p class="muted">To {r.reply.to}</p>
      <label>
        Subject
        <input required value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      <label>
        Message
        <textarea rows={4} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" disabled={reply.busy}>
          Send reply
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <ErrorNote error={reply.error} />
    </form>
  );
}
