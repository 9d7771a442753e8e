import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject, nullable } from '../../platform/http/common.schema.js';
import {
  completeShopifyInstall,
  listDataRequests,
  readDataRequest,
  registerShopifyWebhooks,
  shopifyAppStatus,
  startShopifyInstall,
} from './shopify-app.service.js';

interface Options {
  readonly db: Kysely<Database>;
  readonly config?: Config;
  /** Milliseconds since the epoch; tests move it to expire install states. */
  readonly now?: () => number;
}

const text = { type: 'string' } as const;

const status = {
  type: 'object',
  additionalProperties: false,
  required: [
    'state',
    'shop',
    'scopes',
    'missingScopes',
    'installedAt',
    'uninstalledAt',
    'webhooks',
    'webhooksRegisteredAt',
    'webhookError',
    'apiVersion',
    'configured',
  ],
  properties: {
    state: { type: 'string', enum: ['not_connected', 'installed', 'uninstalled', 'redacted'] },
    shop: nullable(text),
    scopes: { type: 'array', items: text, description: 'the scopes Shopify granted' },
    missingScopes: { type: 'array', items: text, description: 'scopes Regulars asks for that the grant lacks' },
    installedAt: nullable(text),
    uninstalledAt: nullable(text),
    webhooks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['topic', 'id'],
        properties: { topic: text, id: text },
      },
      description: 'the webhook subscriptions registered in the shop',
    },
    webhooksRegisteredAt: nullable(text),
    webhookError: nullable({ ...text, description: 'why the last registration failed' }),
    apiVersion: { ...text, description: 'the Admin API version Regulars calls' },
    configured: { type: 'boolean', description: 'whether this server has the app credentials and secret key' },
  },
} as const;

const registration = {
  type: 'object',
  additionalProperties: false,
  required: ['webhooks', 'created', 'error'],
  properties: {
    webhooks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['topic', 'id', 'uri'],
        properties: { topic: text, id: text, uri: text },
      },
    },
    created: { type: 'integer' },
    error: nullable(text),
  },
} as const;

/**
 * The install's browser step: Shopify sends the shop's owner here after they approve the app
 * (docs/shopify.md). Authentication is the callback's hmac and state, not an API key.
 */
export const shopifyCallbackRoutes: FastifyPluginAsync<Options> = async (
  app,
  { db, config = loadConfig(), now = Date.now },
) => {
  app.get<{ Querystring: Record<string, string | string[]> }>(
    '/shopify/callback',
    {
      schema: {
        tags: ['shopify'],
        summary:
          "Shopify's OAuth redirect after the owner approves the app: verifies shop, hmac and state, exchanges the code for an offline token (stored encrypted), registers the webhooks, then 302 to the console's Settings",
        response: { 302: { type: 'null', description: 'to /settings?shopify=installed' }, ...commonErrors },
      },
    },
    async (request, reply) => {
      const done = await completeShopifyInstall(db, config.shopify, request.query, new Date(now()));
      request.log.info(
        {
          storeId: done.storeId,
          shop: done.shop,
          scopes: done.scopes,
          webhooks: done.webhooks.webhooks.length,
          webhookError: done.webhooks.error,
        },
        'Shopify app installed',
      );
      return reply.redirect(`/settings?shopify=installed#shopify-app`, 302);
    },
  );
};

/** The store's Shopify app under /v1: its state, starting an install, webhook registration, privacy exports. */
export const shopifyAppRoutes: FastifyPluginAsync<Options> = async (
  app,
  { db, config = loadConfig(), now = Date.now },
) => {
  app.get(
    '/settings/shopify-app',
    {
      schema: {
        tags: ['settings'],
        summary:
          "The Shopify app's state for the store: installed or not, shop, scopes, install time, webhooks registered",
        security: bearerAuth,
        response: { 200: status, ...commonErrors },
      },
    },
    async (request) => shopifyAppStatus(db, config.shopify, request.store.id),
  );

  app.post<{ Body: { shop: string } }>(
    '/settings/shopify-app/connect',
    {
      schema: {
        tags: ['settings'],
        summary:
          "Start an install: the URL the shop's owner opens to approve the app (valid 30 minutes); `regulars shopify connect` prints the same",
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['shop'],
          additionalProperties: false,
          properties: {
            shop: { type: 'string', minLength: 1, maxLength: 300, description: 'sunny-beans.myshopify.com' },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['storeId', 'shop', 'installUrl', 'expiresAt', 'scopes'],
            properties: {
              storeId: text,
              shop: text,
              installUrl: text,
              expiresAt: text,
              scopes: { type: 'array', items: text },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) =>
      startShopifyInstall(db, config.shopify, {
        storeId: request.store.id,
        shop: request.body.shop,
        now: new Date(now()),
      }),
  );

  app.post(
    '/settings/shopify-app/register-webhooks',
    {
      schema: {
        tags: ['settings'],
        summary: 'Register the webhook subscriptions that are missing in the shop (the install does it; this repairs)',
        security: bearerAuth,
        response: { 200: registration, ...commonErrors },
      },
    },
    async (request) => registerShopifyWebhooks(db, config.shopify, request.store.id, new Date(now())),
  );

  app.get(
    '/shopify/data-requests',
    {
      schema: {
        tags: ['shopify'],
        summary:
          'The exports made for customers/data_request, newest first (their content at /v1/shopify/data-requests/{id})',
        security: bearerAuth,
        response: {
          200: {
            type: 'object',
            required: ['dataRequests'],
            properties: {
              dataRequests: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['id', 'requestId', 'shopifyCustomerId', 'customerId', 'requestedAt'],
                  properties: {
                    id: text,
                    requestId: text,
                    shopifyCustomerId: text,
                    customerId: nullable(text),
                    requestedAt: text,
                  },
                },
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ dataRequests: await listDataRequests(db, request.store.id) }),
  );

  app.get<{ Params: { id: string } }>(
    '/shopify/data-requests/:id',
    {
      schema: {
        tags: ['shopify'],
        summary:
          'One customers/data_request export: everything stored about the customer, table by table, for the owner to send',
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => readDataRequest(db, request.store.id, request.params.id) as Promise<Record<string, unknown>>,
  );
};
