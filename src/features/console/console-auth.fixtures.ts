import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { ScryptParameters } from './password-hash.adapter.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sign-in.service.js';
import type { Role } from './staff.js';
import { createStaffUser } from './staff-users.service.js';

/** Cheap scrypt for tests: the hashes are real, only less costly than production's. */
export const TEST_SCRYPT: ScryptParameters = { N: 1024, r: 8, p: 1 };
export const TEST_POLICY: SessionPolicy = { ...DEFAULT_SESSION_POLICY, passwordParameters: TEST_SCRYPT };
export const TEST_PASSWORD = 'correct horse battery staple';

export async function addUser(db: Kysely<Database>, storeId: string, email: string, role: Role = 'owner') {
  return createStaffUser(db, { storeId, email, role, password: TEST_PASSWORD }, new Date().toISOString(), TEST_SCRYPT);
}

/** The value of a Set-Cookie header's cookie of this name, and the whole header line. */
export function setCookie(response: LightMyRequestResponse, name: string): { value: string; line: string } | undefined {
  const header = response.headers['set-cookie'];
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line === undefined ? undefined : { value: line.slice(name.length + 1).split(';')[0], line };
}

/** GET /login: the form's token and its cookie, as a browser would hold them. */
export async function openLoginForm(app: FastifyInstance, headers: Record<string, string> = {}) {
  const page = await app.inject({ method: 'GET', url: '/login', headers });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { page, csrf, cookie: `regulars_login=${setCookie(page, 'regulars_login')?.value ?? ''}` };
}

export interface LoginAttempt {
  readonly email: string;
  readonly password?: string;
  readonly next?: string;
  /** Extra cookies the browser already holds (a planted session cookie, say). */
  readonly cookies?: string[];
  readonly headers?: Record<string, string>;
}

/** The sign-in a browser makes: the form, then its POST; the response and the new session cookie. */
export async function login(app: FastifyInstance, attempt: LoginAttempt) {
  const form = await openLoginForm(app, attempt.headers);
  const response = await app.inject({
    method: 'POST',
    url: '/login',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [form.cookie, ...(attempt.cookies ?? [])].join('; '),
      ...attempt.headers,
    },
    payload: new URLSearchParams({
      csrf: form.csrf,
      email: attempt.email,
      password: attempt.password ?? TEST_PASSWORD,
      next: attempt.next ?? '/',
    }).toString(),
  });
  const session = setCookie(response, 'regulars_session');
  return { response, session, cookie: session ? `regulars_session=${session.value}` : '' };
}

/** GET /v1/console/session with the cookie: the CSRF token a change must send. */
export async function sessionOf(app: FastifyInstance, cookie: string) {
  const response = await app.inject({ method: 'GET', url: '/v1/console/session', headers: { cookie } });
  return { response, csrfToken: (response.json() as { csrfToken?: string }).csrfToken ?? '' };
}
