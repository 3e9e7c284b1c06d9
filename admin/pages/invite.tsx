import { useState } from 'preact/hooks';
import { useAcceptInvitation, useLogin, useLogout, type Session } from '../hooks/use-session';
import { ErrorNote, Loading } from '../components/states';
import { CredentialFields } from '../components/credential-fields';

interface Props {
  token: string;
  session: Session | null | undefined;
  /** Adopts a session started (or ended) on this page: CSRF token, workspace. */
  onSession: (s: Session | null) => void;
  /** Joined: the session, and the workspace the invitation was for. */
  onAccepted: (s: Session, workspaceId: string) => void;
}

/**
 * `#/invite/:token`: join the inviting workspace. A new account chooses its password here;
 * an existing one joins from its own session (the link proves nothing about who holds it),
 * so the page logs in first when the server says the email has an account.
 */
export function InvitePage({ token, session, onSession, onAccepted }: Props) {
  const accept = useAcceptInvitation();
  const login = useLogin();
  const logout = useLogout();
  const [wantsLogin, setWantsLogin] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const join = async (account?: { name: string; password: string }) => {
    const s = await accept.run(token, account);
    if (s) onAccepted(s, s.joinedWorkspaceId);
  };
  const create = (e: Event) => {
    e.preventDefault();
    void join({ name, password });
  };
  const logIn = async (e: Event) => {
    e.preventDefault();
    const s = await login.run(email, password);
    if (!s) return;
    onSession(s);
    await join();
  };

  if (session === undefined) return <Loading label="Loading Chorus…" />;
  if (session) {
    return (
      <main class="auth">
        <div class="card">
          <h1>Join the workspace</h1>
          <p class="muted">
            You are logged in as <strong>{session.user.email}</strong>. The invitation must be for this email.
          </p>
          <ErrorNote error={accept.error} />
          <button type="button" disabled={accept.busy} onClick={() => void join()}>
            {accept.busy ? 'Joining…' : 'Accept invitation'}
          </button>
          {/* Invited as another email, with or without an account of its own. */}
          {(accept.error?.code === 'wrong_account' || accept.error?.code === 'password_required') && (
            <button
              type="button"
              class="secondary"
              onClick={async () => {
                await logout.run();
                accept.reset();
                setPassword('');
                onSession(null);
              }}
            >
              Log out and use another account
            </button>
          )}
        </div>
      </main>
    );
  }
  if (wantsLogin || accept.error?.code === 'login_required') {
    return (
      <main class="auth">
        <form class="card" onSubmit={logIn}>
          <h1>Log in to join</h1>
          <p class="muted">
            {accept.error?.code === 'login_required'
              ? 'This email already has a Chorus account. Log in to it to accept the invitation.'
              : 'Log in with the invited email to accept the invitation.'}
          </p>
          <CredentialFields email={email} password={password} onEmail={setEmail} onPassword={setPassword} />
          <ErrorNote error={login.error ?? (accept.error?.code === 'login_required' ? null : accept.error)} />
          <button type="submit" disabled={login.busy || accept.busy}>
            {login.busy || accept.busy ? 'Joining…' : 'Log in and accept'}
          </button>
        </form>
      </main>
    );
  }
  return (
    <main class="auth">
      <form class="card" onSubmit={create}>
        <h1>Join the workspace</h1>
        <p class="muted">You were invited to Chorus. Choose your name and a password (at least 10 characters).</p>
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
        <p class="muted">
          Already have a Chorus account?
          <button type="button" class="link" onClick={() => (setPassword(''), setWantsLogin(true))}>
            Log in to accept
          </button>
        </p>
      </form>
    </main>
  );
}
