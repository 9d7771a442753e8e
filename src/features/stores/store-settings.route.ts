import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, nullable } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import {
  apiKeyListing,
  createStoreApiKey,
  listStoreApiKeys,
  MAX_KEY_NAME,
  revokeStoreApiKey,
} from './api-keys.service.js';
import { readShopProfile, updateShopProfile } from './shop-profile.service.js';
import { setShopifySecret, shopifySecretStatus } from './shopify-secret.service.js';

const text = { type: 'string', maxLength: 2000 } as const;
const nullableText = nullable(text);

const shopProfile = {
  type: 'object',
  required: ['name', 'url', 'supportEmail', 'address', 'locale'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    url: nullable({ type: 'string' }),
    supportEmail: nullable({ type: 'string' }),
    address: nullable({ type: 'string' }),
    locale: nullable({ type: 'string' }),
  },
} as const;

const apiKey = {
  type: 'object',
  required: ['id', 'prefix', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: 'key_...' },
    prefix: { type: 'string', description: "the key's first characters, to recognise it" },
    name: { type: 'string' },
    createdAt: { type: 'string' },
    lastUsedAt: nullable({ type: 'string' }),
    revokedAt: nullable({ type: 'string' }),
  },
} as const;

const secretStatus = {
  type: 'object',
  required: ['set'],
  additionalProperties: false,
  properties: { set: { type: 'boolean', description: 'whether webhooks can be verified' } },
} as const;

/**
 * The store's own settings under /v1/settings: shop profile, API keys and the Shopify secret, as the
 * console's Settings page and `regulars stores` change them. Changes are the owner's (staff.ts).
 */
export const storeSettingsRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/settings/shop',
    {
      schema: {
        tags: ['settings'],
        summary: 'The shop profile every message carries: name, web address, support email, postal address, locale',
        security: bearerAuth,
        response: { 200: shopProfile, ...commonErrors },
      },
    },
    async (request) => readShopProfile(db, request.store.id),
  );

  app.put<{ Body: Record<string, string | null> }>(
    '/settings/shop',
    {
      schema: {
        tags: ['settings'],
        summary:
          'Change the shop profile: the fields sent replace the stored ones (null clears one); a bad field is INVALID_ARGUMENT naming it',
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: nullableText,
            url: nullableText,
            supportEmail: nullableText,
            address: nullableText,
            locale: nullableText,
          },
        },
        response: { 200: shopProfile, ...commonErrors },
      },
    },
    async (request) => updateShopProfile(db, request.store.id, request.body, nowIso()),
  );

  app.get(
    '/settings/api-keys',
    {
      schema: {
        tags: ['settings'],
        summary: "The store's API keys, revoked ones included: prefixes only, never a key",
        security: bearerAuth,
        response: {
          200: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: apiKey } } },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ keys: (await listStoreApiKeys(db, request.store.id)).map(apiKeyListing) }),
  );

  app.post<{ Body: { name: string } }>(
    '/settings/api-keys',
    {
      schema: {
        tags: ['settings'],
        summary: 'Create an API key: the answer holds the key itself, shown this once and stored only as a hash',
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', maxLength: MAX_KEY_NAME * 4 } },
        },
        response: {
          201: {
            type: 'object',
            required: ['key', 'apiKey'],
            additionalProperties: false,
            properties: { key: apiKey, apiKey: { type: 'string', description: 'the secret; not shown again' } },
          },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const created = await createStoreApiKey(db, request.store.id, request.body.name);
      return reply.code(201).send({ key: apiKeyListing(created.key), apiKey: created.plaintext });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/settings/api-keys/:id',
    {
      schema: {
        tags: ['settings'],
        summary: 'Revoke an API key (by id or prefix): a running server refuses it within 2 seconds',
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: apiKey, ...commonErrors },
      },
    },
    async (request) => apiKeyListing(await revokeStoreApiKey(db, request.store.id, request.params.id)),
  );

  app.get(
    '/settings/shopify-secret',
    {
      schema: {
        tags: ['settings'],
        summary: 'Whether the Shopify secret is set (the secret itself is never answered)',
        security: bearerAuth,
        response: { 200: secretStatus, ...commonErrors },
      },
    },
    async (request) => shopifySecretStatus(db, request.store.id),
  );

  app.put<{ Body: { secret: string | null } }>(
    '/settings/shopify-secret',
    {
      schema: {
        tags: ['settings'],
        summary: "Set or replace the Shopify app's shared secret that signs webhooks; null disconnects",
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['secret'],
          additionalProperties: false,
          properties: { secret: nullable({ type: 'string', maxLength: 1000 }) },
        },
        response: { 200: secretStatus, ...commonErrors },
      },
    },
    async (request) => setShopifySecret(db, request.store.id, request.body.secret),
  );
};
