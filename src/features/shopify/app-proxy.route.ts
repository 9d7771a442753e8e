import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { commonErrors, nullable } from '../../platform/http/common.schema.js';
import { mintProxiedShopperToken } from './app-proxy.service.js';

interface Options {
  readonly db: Kysely<Database>;
  readonly config?: Config;
  /** Milliseconds since the epoch; tests move it to age a signature. */
  readonly now?: () => number;
}

const text = { type: 'string' } as const;

/**
 * The App Proxy's target: Shopify forwards the storefront's /apps/regulars/shopper-token here
 * (proxy URL `{app URL}/shopify/proxy`, docs/shopify.md "The widget in the theme"). Authentication
 * is Shopify's signature of the query, not an API key or a shopper token.
 */
export const appProxyRoutes: FastifyPluginAsync<Options> = async (
  app,
  { db, config = loadConfig(), now = Date.now },
) => {
  app.get<{ Querystring: Record<string, string | string[]> }>(
    '/shopify/proxy/shopper-token',
    {
      schema: {
        tags: ['shopify'],
        summary:
          "Shopify's App Proxy: a shopper token for the storefront's signed-in customer (logged_in_customer_id), after the signature and its age are checked; a guest gets token null",
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['store', 'shop', 'customer', 'token', 'expiresAt'],
            properties: {
              store: { ...text, description: "the widget's data-store" },
              shop: text,
              customer: nullable({ ...text, description: "Shopify's customer id; null for a guest" }),
              token: nullable({ ...text, description: 'the shopper token (docs/shopper.md); null for a guest' }),
              expiresAt: nullable(text),
            },
          },
          ...commonErrors,
        },
      },
    },
    // Cache-Control: no-store comes with every API answer (security-headers.ts): a token names one
    // customer, so neither Shopify's proxy nor a browser may keep it for another.
    async (request) => mintProxiedShopperToken(db, config.shopify, request.query, new Date(now())),
  );
};
