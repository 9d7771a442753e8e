import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './sign-in.service.js';
import { MAX_PASSWORD_LENGTH, type Role, ROLES, type StaffUser } from './staff.js';
import { changeStaffRole, createStaffUser, listStaffUsers, removeStaffUserById } from './staff-users.service.js';

const staffUser = {
  type: 'object',
  required: ['id', 'email', 'role', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: 'usr_...' },
    email: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    createdAt: { type: 'string' },
  },
} as const;

const userParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64, description: 'usr_...' } },
} as const;

const role = { type: 'string', enum: [...ROLES] } as const;

/** What the API shows of a user: never the password hash or the lockout counters. */
function listing(user: StaffUser) {
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
}

/**
 * The store's console users under /v1/settings/users: the same use cases as `regulars users`.
 * Changes are the owner's (staff.ts requiredRole: settings are not a marketer's area).
 */
export const staffUsersRoutes: FastifyPluginAsync<{ db: Kysely<Database>; policy?: SessionPolicy }> = async (
  app,
  { db, policy = DEFAULT_SESSION_POLICY },
) => {
  app.get(
    '/settings/users',
    {
      schema: {
        tags: ['settings'],
        summary: "The store's console users and their roles, oldest first",
        security: bearerAuth,
        response: {
          200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: staffUser } } },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ users: (await listStaffUsers(db, request.store.id)).map(listing) }),
  );

  app.post<{ Body: { email: string; role: Role; password: string } }>(
    '/settings/users',
    {
      schema: {
        tags: ['settings'],
        summary:
          'Add a console user with a password the owner sets (at least 12 characters, PASSWORD_TOO_SHORT); the email is theirs to sign in with',
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['email', 'role', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 1, maxLength: 254 },
            role,
            password: { type: 'string', maxLength: MAX_PASSWORD_LENGTH * 4 },
          },
        },
        response: { 201: staffUser, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = await createStaffUser(
        db,
        { storeId: request.store.id, ...request.body },
        nowIso(),
        policy.passwordParameters,
      );
      return reply.code(201).send(listing(user));
    },
  );

  app.patch<{ Params: { id: string }; Body: { role: Role } }>(
    '/settings/users/:id',
    {
      schema: {
        tags: ['settings'],
        summary: "Change a user's role; the store's last owner stays an owner (LAST_OWNER)",
        security: bearerAuth,
        params: userParams,
        body: { type: 'object', required: ['role'], additionalProperties: false, properties: { role } },
        response: { 200: staffUser, ...commonErrors },
      },
    },
    async (request) => listing(await changeStaffRole(db, request.store.id, request.params.id, request.body.role)),
  );

  app.delete<{ Params: { id: string } }>(
    '/settings/users/:id',
    {
      schema: {
        tags: ['settings'],
        summary: 'Remove a user and end their sessions at once; never the last owner (LAST_OWNER)',
        security: bearerAuth,
        params: userParams,
        response: { 200: staffUser, ...commonErrors },
      },
    },
    async (request) => listing(await removeStaffUserById(db, request.store.id, request.params.id)),
  );
};
