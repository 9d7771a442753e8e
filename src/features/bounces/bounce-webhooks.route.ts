import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { commonErrors } from '../../platform/http/common.schema.js';
import {
  type BounceWebhookResult,
  receiveMailgunWebhook,
  receivePostmarkWebhook,
  receiveSendGridWebhook,
  receiveSesWebhook,
  type SnsFetcher,
} from './receive-bounce-webhook.service.js';
import { httpsSnsFetcher } from './sns-fetcher.adapter.js';

/** A SendGrid post holds up to a few thousand events; far below this. */
const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const answer = {
  200: {
    type: 'object',
    additionalProperties: false,
    required: ['outcome', 'recorded', 'duplicates', 'suppressed', 'matched'],
    properties: {
      outcome: {
        type: 'string',
        enum: ['processed', 'duplicate', 'subscribed', 'confirmation_failed', 'ignored'],
        description:
          "'duplicate': every event was recorded before; 'subscribed': an SNS subscription confirmed; 'confirmation_failed': open subscribeUrl to confirm it by hand",
      },
      recorded: { type: 'integer', description: 'events recorded now (one per recipient)' },
      duplicates: { type: 'integer', description: 'events recorded before: nothing changed' },
      suppressed: { type: 'integer', description: 'hard bounces and complaints that suppressed their address' },
      matched: { type: 'integer', description: 'events whose message was found in the outbox and marked' },
      subscribeUrl: { type: 'string' },
    },
  },
  ...commonErrors,
} as const;

const params = {
  type: 'object',
  required: ['storeId'],
  properties: { storeId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/**
 * The ESPs' bounce and complaint webhooks (docs/integrations.md "Bounces and complaints"). Bodies
 * are kept as raw bytes whatever their content type (SNS posts JSON as text/plain): signatures
 * cover the exact bytes, and nothing is parsed before the store's feed is known. Authentication is
 * each provider's own proof, not an API key.
 */
export const bounceWebhookRoutes: FastifyPluginAsync<{ db: Kysely<Database>; sns?: SnsFetcher }> = async (
  app,
  { db, sns = httpsSnsFetcher() },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  type Request = { Params: { storeId: string }; Body: Buffer };
  const route = (provider: string, summary: string) => ({
    bodyLimit: WEBHOOK_BODY_LIMIT,
    schema: { tags: ['webhooks'], summary, params, response: answer },
  });
  const raw = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));
  const reply = async (work: Promise<BounceWebhookResult>, log: (message: string) => void) => {
    const result = await work;
    // The owner must open the link if SNS could not be reached: the log is where they look.
    if (result.subscribeUrl) log(`SNS subscription not confirmed; open ${result.subscribeUrl} to confirm it`);
    return result;
  };

  app.post<Request>(
    '/webhooks/bounces/ses/:storeId',
    route('ses', 'Amazon SES bounce and complaint notifications through an SNS HTTPS subscription (signed by SNS)'),
    async (request) =>
      reply(
        receiveSesWebhook(
          db,
          { storeId: request.params.storeId, rawBody: raw(request.body), receivedAt: new Date().toISOString() },
          sns,
        ),
        (message) => request.log.warn(message),
      ),
  );
  app.post<Request>(
    '/webhooks/bounces/postmark/:storeId',
    route('postmark', 'Postmark bounce and spam complaint webhooks (basic auth in the webhook URL)'),
    async (request) =>
      receivePostmarkWebhook(db, {
        storeId: request.params.storeId,
        rawBody: raw(request.body),
        receivedAt: new Date().toISOString(),
        authorization: header(request.headers.authorization),
      }),
  );
  app.post<Request>(
    '/webhooks/bounces/sendgrid/:storeId',
    route(
      'sendgrid',
      'SendGrid Event Webhook: bounce, dropped, spamreport and deferred events (ECDSA-signed when set)',
    ),
    async (request) =>
      receiveSendGridWebhook(db, {
        storeId: request.params.storeId,
        rawBody: raw(request.body),
        receivedAt: new Date().toISOString(),
        signature: header(request.headers['x-twilio-email-event-webhook-signature']),
        timestamp: header(request.headers['x-twilio-email-event-webhook-timestamp']),
      }),
  );
  app.post<Request>(
    '/webhooks/bounces/mailgun/:storeId',
    route(
      'mailgun',
      'Mailgun webhooks: failed (permanent and temporary) and complained, signed with the webhook signing key',
    ),
    async (request) =>
      receiveMailgunWebhook(db, {
        storeId: request.params.storeId,
        rawBody: raw(request.body),
        receivedAt: new Date().toISOString(),
      }),
  );
};
