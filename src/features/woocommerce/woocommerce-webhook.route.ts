import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { commonErrors } from '../../platform/http/common.schema.js';
import { toEnvelope } from '../../platform/http/errors.js';
import { countWebhook } from '../../platform/metrics/metrics.js';
import {
  receiveWooCommerceWebhook,
  type ReceiveWooCommerceWebhookResult,
} from './receive-woocommerce-webhook.service.js';
import { isWooCommerceWebhookTopic } from './topics.js';

/** An order with hundreds of lines stays far below this. */
const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * WooCommerce webhooks. The body is kept as raw bytes (JSON deliveries and the form-encoded ping
 * alike): the signature covers the exact bytes, and nothing is parsed before it is verified.
 * Authentication is the signature, not an API key.
 */
export const wooCommerceWebhookRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post<{ Params: { storeId: string }; Body: Buffer }>(
    '/webhooks/woocommerce/:storeId',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        tags: ['webhooks'],
        summary:
          'WooCommerce webhooks (order.created, order.updated, order.deleted, order.restored, customer.created, customer.updated), signed with X-WC-Webhook-Signature',
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
                enum: ['processed', 'duplicate', 'stale', 'ignored', 'ping'],
                description:
                  "'duplicate': delivered before; 'stale': a later version is stored; 'ignored': nothing to do (reason says why); 'ping': the test WooCommerce sends when a webhook is saved",
              },
              topic: { type: 'string' },
              customerId: { type: ['string', 'null'] },
              orderId: { type: ['string', 'null'] },
              purchase: { type: 'boolean', description: 'whether the order as stored counts as a purchase' },
              reason: { type: 'string' },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const h = request.headers;
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const topic = header(h['x-wc-webhook-topic']);
      // One of the handled topics or 'other': a sender cannot grow the metric's label set.
      const topicLabel = isWooCommerceWebhookTopic(topic) ? `woocommerce:${topic}` : 'woocommerce:other';
      let answer: ReceiveWooCommerceWebhookResult;
      try {
        answer = await receiveWooCommerceWebhook(db, {
          storeId: request.params.storeId,
          topic,
          deliveryId: header(h['x-wc-webhook-delivery-id']) ?? null,
          signature: header(h['x-wc-webhook-signature']),
          rawBody,
        });
      } catch (error) {
        countWebhook(topicLabel, toEnvelope(error as Error).status < 500 ? 'rejected' : 'failed');
        throw error;
      }
      countWebhook(answer.outcome === 'ping' ? 'woocommerce:ping' : topicLabel, answer.outcome);
      return answer;
    },
  );
};
