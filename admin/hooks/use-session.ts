import { useEffect, useState } from 'preact/hooks';
import { api, call, handleUnauthorized, setCsrf, setWorkspace } from '../api';
import { useMutation } from './query';

type SessionBody = Awaited<ReturnType<typeof loadSession>>;
export type Session = SessionBody;
export type Role = SessionBody['workspaces'][number]['role'];

const loadSession = () => call(api.auth.session.$get());
const WS_KEY = 'chorus-admin-workspace';
// The session cookie is HttpOnly, so the page cannot see it. This flag (no secret in it) lets a
// first visit go straight to the login form instead of asking the server and getting a 401.
const SEEN_KEY = 'chorus-admin-session';

/** Remembers the picked workspace per browser; falls back to the user's first. */
function adopt(s: Session): Session {
  setCsrf(s.csrfToken);
  const saved = localStorage.getItem(WS_KEY);
  const ws = s.workspaces.find((w) => w.id === saved) ?? s.workspaces[0];
  setWorkspace(ws?.id ?? null);
  return s;
}

/**
 * The logged-in user (`GET /api/v1/auth/session`), or null when logged out. Any 401 from
 * any endpoint drops back to the login page.
 */
export function useSession() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [workspaceId, setWs] = useState<string | null>(null);
  const accept = (s: Session | null) => {
    if (s) adopt(s);
    else setCsrf(null);
    if (s) localStorage.setItem(SEEN_KEY, '1');
    else localStorage.removeItem(SEEN_KEY);
    setSession(s);
    setWs(s ? (s.workspaces.find((w) => w.id === localStorage.getItem(WS_KEY)) ?? s.workspaces[0])?.id ?? null : null);
  };
  useEffect(() => {
    handleUnauthorized(() => accept(null));
    if (localStorage.getItem(SEEN_KEY)) loadSession().then(accept, () => accept(null));
    else accept(null);
  }, []);
  const pickWorkspace = (id: string) => {
    localStorage.setItem(WS_KEY, id);
    setWorkspace(id);
    setWs(id);
  };
  const role: Role | null = session?.workspaces.find((w) => w.id === workspaceId)?.role ?? null;
  return { session, accept, workspaceId, pickWorkspace, role };
}

/** `POST /api/v1/auth/login`. */
export const useLogin = () => useMutation((email: string, password: string) => call(api.auth.login.$post({ json: { email, password } })));

/** `POST /api/v1/auth/logout`. */
export const useLogout = () => useMutation(() => call(api.auth.logout.$post()));

/** `POST /api/v1/auth/accept-invitation`: a new account's name and password, or none from an existing account's session. */
export const useAcceptInvitation = () =>
  useMutation((token: string, account?: { name: string; password: string }) => call(api.auth['accept-invitation'].$post({ json: { token, ...account } })));
