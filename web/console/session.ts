import createClient from 'openapi-fetch';
import { authHeaders, type Credentials } from './api/client.ts';
import type { paths } from './api/schema';

export type Role = 'owner' | 'marketer' | 'viewer';

/** Who is signed in, to which store: GET /v1/console/session. */
export interface Session {
  readonly user: { readonly id: string; readonly email: string; readonly role: Role };
  readonly store: { readonly id: string; readonly name: string };
  readonly credentials: Credentials;
}

/** sessionStorage key of the development mode's API key (never set by the console itself). */
export const DEV_API_KEY = 'regulars.apiKey';

/** Whether the user may change things: viewers only look. */
export const canChange = (session: Session): boolean => session.user.role !== 'viewer';

/**
 * The signed-in session, or null after sending the browser to /login (no or an expired session).
 * With an API key in this tab's sessionStorage (development, tests before sign-in exists) the
 * key's store is used with the owner's rights.
 */
export async function loadSession(): Promise<Session | null> {
  const key = sessionStorage.getItem(DEV_API_KEY);
  if (key) {
    return {
      user: { id: 'dev', email: 'API key', role: 'owner' },
      store: { id: '', name: 'API key' },
      credentials: { kind: 'apiKey', key },
    };
  }
  const client = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
  const { data, response } = await client.GET('/v1/console/session');
  if (response.status === 401) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    return null;
  }
  if (data === undefined) throw new Error(`${response.status} ${response.statusText}`);
  return {
    user: { ...data.user, role: data.user.role as Role },
    store: data.store,
    credentials: { kind: 'session', csrfToken: data.csrfToken },
  };
}

/** POST /logout with the CSRF token, then to the login page. */
export async function signOut(session: Session): Promise<void> {
  if (session.credentials.kind === 'apiKey') sessionStorage.removeItem(DEV_API_KEY);
  else
    await fetch('/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: authHeaders(session.credentials, 'POST'),
    });
  location.assign('/login');
}
