import { useState } from 'preact/hooks';
import { useLogin, type Session } from '../hooks/use-session';
import { ErrorNote } from '../components/states';
import { CredentialFields } from '../components/credential-fields';

/** Email + password → a session cookie and the CSRF token. */
export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: Session) => void }) {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const s = await login.run(email, password);
    if (s) onLoggedIn(s);
  };
  return (
    <main class="auth">
      <form class="card" onSubmit={submit}>
        <h1>Log in to Chorus</h1>
        <CredentialFields email={email} password={password} onEmail={setEmail} onPassword={setPassword} />
        <ErrorNote error={login.error} />
        <button type="submit" disabled={login.busy}>
          {login.busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
