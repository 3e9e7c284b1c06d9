import { hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../server/app';

/** The API's error envelope, as a value the UI can show and branch on. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
  /** A 403 from the role check gets a sentence a viewer understands, not a code. */
  get forbidden(): boolean {
    return this.status === 403;
  }
}

// Session state the client sends on every request: the CSRF token (writes only need it,
// but sending it always is harmless) and the workspace the user picked.
const state: { csrf: string | null; workspace: string | null } = { csrf: null, workspace: null };
export const setCsrf = (token: string | null): void => void (state.csrf = token);
export const setWorkspace = (id: string | null): void => void (state.workspace = id);
export const currentWorkspace = (): string | null => state.workspace;

/** Called when any request answers 401, so the app can go back to the login page. */
let onUnauthorized: () => void = () => {};
export const handleUnauthorized = (fn: () => void): void => void (onUnauthorized = fn);

/**
 * The only way the admin talks to the API: Hono's typed client over the app's own routes,
 * so request and response shapes come from the server code and are never written twice.
 */
export const api = hc<AppType>('/', {
  init: { credentials: 'same-origin' },
  headers: (): Record<string, string> => ({
    ...(state.csrf ? { 'X-CSRF-Token': state.csrf } : {}),
    ...(state.workspace ? { 'X-Workspace-Id': state.workspace } : {}),
  }),
}).api.v1;

interface JsonResponse<T, S extends number = number> {
  ok: boolean;
  status: S;
  json(): Promise<T>;
}

/** The body of a call's 2xx answers: the documented error statuses never reach the caller (they throw). */
type SuccessBody<R> = R extends JsonResponse<infer T, infer S> ? (number extends S ? T : [Extract<S, SuccessStatusCode>] extends [never] ? never : T) : never;

/**
 * Awaits a typed call and returns its body; any non-2xx becomes an `ApiFailure` built from
 * the `{ error: { code, message, details } }` envelope (or from the status when a proxy
 * answered with something else).
 */
export async function call<R extends JsonResponse<unknown>>(request: Promise<R>): Promise<SuccessBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiFailure(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as SuccessBody<R>;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (res.status === 401) onUnauthorized();
  throw new ApiFailure(
    res.status,
    typeof e?.code === 'string' ? e.code : `http_${res.status}`,
    typeof e?.message === 'string' ? e.message : `The server answered ${res.status}`,
    e?.details,
  );
}
