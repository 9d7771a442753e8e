import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import type { SessionLookup } from '../../platform/http/authenticate.js';
import { sameToken } from '../../platform/http/cookies.js';
import { commonErrors } from '../../platform/http/common.schema.js';
import { isRole, requiredRole, roleAllows, ROLES, SESSION_IDLE_MS } from './staff.js';
import { resolveSession } from './sign-in.service.js';

/** What the /v1 authenticator asks of this feature: the store and user of a session cookie. */
export function createSessionLookup(
  db: Kysely<Database>,
  now: () => number,
  idleMs: number = SESSION_IDLE_MS,
): SessionLookup {
  return async (token) => {
    const session = await resolveSession(db, token, now(), idleMs);
    if (session === null) return null;
    return {
      store: session.store,
      staff: {
        sessionId: session.sessionId,
        userId: session.user.id,
        email: session.user.email,
        role: session.user.role,
        csrfToken: session.csrfToken,
      },
    };
  };
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The /v1 hook after authentication, for requests signed in by cookie (API keys pass untouched):
 * a state-changing request must carry the session's CSRF token in X-CSRF-Token (a header another
 * site's form cannot set, and its scripts cannot read the token to set it), and the user's role
 * must allow the change (staff.ts requiredRole; docs/console.md has the matrix).
 */
export async function checkStaffRequest(request: FastifyRequest): Promise<void> {
  const staff = request.staff;
  if (!staff) return;
  const method = request.method.toUpperCase();
  if (CHANGING.has(method) && !sameToken(request.headers['x-csrf-token'], staff.csrfToken))
    throw new RegularsError(
      'CSRF_TOKEN_INVALID',
      'a change made with the session cookie must send the session’s X-CSRF-Token header (GET /v1/console/session)',
      { header: 'x-csrf-token' },
    );
  // The route's declared pattern (/v1/segments/:id/preview), not the URL as sent: no encoding of
  // the path can make a change look like a read.
  const path = (request.routeOptions.url ?? request.url).split('?')[0].replace(/^\/v1(?=\/|$)/, '');
  const needed = requiredRole(method, path);
  const role = isRole(staff.role) ? staff.role : 'viewer';
  if (!roleAllows(role, needed))
    throw new RegularsError('ROLE_FORBIDDEN', `a ${role} may not ${method} ${path}; it needs a ${needed} or above`, {
      role,
      required: needed,
    });
}

const sessionResponse = {
  type: 'object',
  required: ['user', 'store', 'csrfToken'],
  additionalProperties: false,
  properties: {
    user: {
      type: 'object',
      required: ['id', 'email', 'role'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string', enum: [...ROLES] },
      },
    },
    store: {
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, name: { type: 'string' } },
    },
    csrfToken: { type: 'string', description: 'send as X-CSRF-Token on every POST, PUT, PATCH and DELETE' },
  },
} as const;

/** GET /v1/console/session: who is signed in, to which store, and the token their changes must carry. */
export const consoleSessionRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/console/session',
    {
      schema: {
        tags: ['console'],
        summary: 'The signed-in console user, their store and the CSRF token (401 without a session cookie)',
        security: [{ cookieAuth: [] }],
        response: { 200: sessionResponse, ...commonErrors },
      },
    },
    async (request) => {
      const staff = request.staff;
      if (!staff) throw new RegularsError('UNAUTHENTICATED', 'no console session: sign in at /login', {});
      return {
        user: { id: staff.userId, email: staff.email, role: isRole(staff.role) ? staff.role : 'viewer' },
        store: { id: request.store.id, name: request.store.name },
        csrfToken: staff.csrfToken,
      };
    },
  );
};
