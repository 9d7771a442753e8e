import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type ReceiveShopifyWebhookResult, receiveShopifyWebhook } from './receive-shopify-webhook.service.js';
import { isShopifyWebhookTopic } from './topics.js';
import { countWebhook } from '../../platform/metrics/metrics.js';
import { toEnvelope } from '../../platform/http/errors.js';
import type { Database } from '../../platform/database/database.table.js';
import { commonErrors } from '../../platform/http/common.schema.js';
import { type Config, loadConfig } from '../../platform/config.js';
import { receiveShopifyAppWebhook } from './app-webhook.service.js';
import { isShopifyAppTopic, SHOPIFY_APP_TOPICS, type ShopifyAppTopic } from './shopify-app.js';
import { RegularsError } from '../../platform/errors.js';
import { appSecretFor } from './shopify-app.service.js';

/** Shopify caps a webhook body well below this; an order with hundreds of lines stays far under it. */
const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;

const appWebhookAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'topic', 'storeId'],
  properties: {
    outcome: { type: 'string', enum: ['processed', 'duplicate', 'ignored'] },
    topic: { type: 'string' },
    storeId: { type: ['string', 'null'] },
    reason: { type: 'string' },
    dataRequestId: {
      type: 'string',
      description: 'customers/data_request: the export made (GET /v1/shopify/data-requests/{id})',
    },
    customerIds: { type: 'array', items: { type: 'string' } },
    tables: {
      type: 'object',
      additionalProperties: { type: 'integer' },
      description: 'rows erased or anonymised, by table',
    },
  },
} as const;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Shopify webhooks. The body is kept as raw bytes here: the signature covers the exact bytes, and
 * nothing may be parsed before it is verified (receiveShopifyWebhook verifies, then parses).
 * Authentication is the signature, not an API key.
 */
export const shopifyWebhookRoutes: FastifyPluginAsync<{ db: Kysely<Database>; config?: Config }> = async (
  app,
  { db, config = loadConfig() },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post<{ Params: { storeId: string }; Body: Buffer }>(
    '/webhooks/shopify/:storeId',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        tags: ['webhooks'],
        summary:
          'Shopify webhooks (orders/create, orders/updated, orders/cancelled, refunds/create, customers/create, customers/update, checkouts/create, checkouts/update, products/create, products/update), signed with X-Shopify-Hmac-Sha256',
        params: {
          type: 'object',
          required: ['storeId'],
          properties: { storeId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            required: ['outcome', 'topic'],
            properties: {
              outcome: {
                type: 'string',
                enum: ['processed', 'duplicate', 'stale', 'ignored'],
                description:
                  "'duplicate': delivered before; 'stale': a later version is stored; 'ignored': nothing to do (reason says why)",
              },
              topic: { type: 'string' },
              customerId: { type: ['string', 'null'] },
              orderId: { type: ['string', 'null'] },
              reason: { type: 'string' },
              warning: {
                type: 'string',
                description: 'stored, but needs a look: the order’s refunds exceed its total (capped, excess kept)',
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const h = request.headers;
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const topic = header(h['x-shopify-topic']) ?? '';
      // The metric's topic is one of the handled ones or 'other': a sender cannot grow the label set.
      const topicLabel = isShopifyWebhookTopic(topic) ? topic : 'other';
      // The app's own topics (uninstall, privacy requests): docs/shopify.md.
      if (isShopifyAppTopic(topic)) return receiveAppWebhook(request, request.params.storeId, topic);
      let answer: ReceiveShopifyWebhookResult;
      try {
        answer = await receiveShopifyWebhook(db, {
          appSecret: await appSecretFor(db, config.shopify, request.params.storeId),
          storeId: request.params.storeId,
          topic,
          eventId: header(h['x-shopify-event-id']) ?? null,
          webhookId: header(h['x-shopify-webhook-id']) ?? null,
          hmac: header(h['x-shopify-hmac-sha256']),
          rawBody,
        });
      } catch (error) {
        countWebhook(topicLabel, toEnvelope(error as Error).status < 500 ? 'rejected' : 'failed');
        throw error;
      }
      countWebhook(topicLabel, answer.outcome);
      // Shopify's delivery log keeps only the status; the server's log is where an operator sees it.
      if (answer.warning)
        request.log.warn({ storeId: request.params.storeId, orderId: answer.orderId }, answer.warning);
      return answer;
    },
  );

  /** An app topic's delivery, on either URL; each is logged, as the owner's record of a privacy request. */
  async function receiveAppWebhook(
    request: FastifyRequest<{ Body: Buffer }>,
    storeId: string | null,
    topic: ShopifyAppTopic,
  ) {
    const h = request.headers;
    const answer = await receiveShopifyAppWebhook(db, config.shopify, {
      storeId,
      topic,
      shopDomain: header(h['x-shopify-shop-domain']) ?? null,
      webhookId: header(h['x-shopify-webhook-id']) ?? null,
      eventId: header(h['x-shopify-event-id']) ?? null,
      hmac: header(h['x-shopify-hmac-sha256']),
      rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      now: new Date(),
    });
    request.log.info(
      {
        shopifyAppWebhook: topic,
        storeId: answer.storeId,
        outcome: answer.outcome,
        dataRequestId: answer.dataRequestId,
        customerIds: answer.customerIds,
        tables: answer.tables,
      },
      `Shopify ${topic}: ${answer.outcome}`,
    );
    return answer;
  }

  app.post<{ Body: Buffer }>(
    '/webhooks/shopify',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        tags: ['webhooks'],
        summary:
          "The Shopify app's compliance webhooks (customers/data_request, customers/redact, shop/redact) and app/uninstalled, for every shop: the store is the one connected to X-Shopify-Shop-Domain; signed with the app's client secret",
        response: { 200: appWebhookAnswer, ...commonErrors },
      },
    },
    async (request) => {
      const topic = header(request.headers['x-shopify-topic']) ?? '';
      if (!isShopifyAppTopic(topic))
        throw new RegularsError(
          'UNSUPPORTED_TOPIC',
          `this URL takes the app's own topics (${SHOPIFY_APP_TOPICS.join(', ')}); a shop's orders and customers go to /webhooks/shopify/{storeId}`,
          { topic },
        );
      return receiveAppWebhook(request, null, topic);
    },
  );
};
