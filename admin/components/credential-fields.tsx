/** The email and password inputs of every log-in form (log in, accept an invitation by logging in). */
export function CredentialFields({ email, password, onEmail, onPassword }: {
  email: string;
  password: string;
  onEmail: (value: string) => void;
  onPassword: (value: string) => void;
}) {
  return (
    <>
      <label>
        Email
        <input type="email" autoComplete="username" required value={email} onInput={(e) => onEmail(e.currentTarget.value)} />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" required value={password} onInput={(e) => onPassword(e.currentTarget.value)} />
      </label>
    </>
  );
}
