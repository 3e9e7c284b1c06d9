import { useState } from 'preact/hooks';
import { useAcceptInvitation, type Session } from '../hooks/use-session';
import { ErrorNote } from '../components/states';

/** `#/invite/:token`: join the inviting workspace (a new account, or an existing one's password). */
export function InvitePage({ token, onAccepted }: { token: string; onAccepted: (s: Session) => void }) {
  const accept = useAcceptInvitation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const s = await accept.run(token, name, password);
    if (s) onAccepted(s);
  };
  return (
    <main class="auth">
      <form class="card" onSubmit={submit}>
        <h1>Join the workspace</h1>
        <p class="muted">You were invited to Chorus. Choose your name and a password (at least 10 characters). If you already have an account, enter its password.</p>
        <label>
          Your name
          <input autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="new-password" required minLength={10} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <ErrorNote error={accept.error} />
        <button type="submit" disabled={accept.busy}>
          {accept.busy ? 'Joining…' : 'Accept invitation'}
        </button>
      </form>
    </main>
  );
}
