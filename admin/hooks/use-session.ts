import { useEffect, useState } from 'preact/hooks';
import { api, call, handleUnauthorized, setCsrf, setWorkspace } from '../api';
import { useMutation } from './query';

type SessionBody = Awaited<ReturnType<typeof loadSession>>;
export type Session = SessionBody;
export type Role = SessionBody['workspaces'][number]['role'];

const loadSession = () => call(api.auth.session.$get());
const WS_KEY = 'chorus-admin-workspace';

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
    setSession(s);
    setWs(s ? (s.workspaces.find((w) => w.id === localStorage.getItem(WS_KEY)) ?? s.workspaces[0])?.id ?? null : null);
  };
  useEffect(() => {
    handleUnauthorized(() => accept(null));
    loadSession().then(accept, () => accept(null));
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

/** `POST /api/v1/auth/accept-invitation`. */
export const useAcceptInvitation = () =>
  useMutation((token: string, name: string, password: string) => call(api.auth['accept-invitation'].$post({ json: { token, name, password } })));
