import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Kysely } from 'kysely';
import { createOrderIntake } from '../../features/orders/index.js';
import { RegularsError } from '../errors.js';
import type { DatabaseTarget } from '../database/database.js';
import { createGroupCommitter } from '../database/group-commit.js';
import { currentTierOf } from '../../features/tiers/index.js';
import type { Database } from '../database/database.table.js';
import { createAuthenticator } from './authenticate.js';
import { sendError } from './errors.js';
import { createIdempotency } from './idempotency.js';
import { answerClientError, refuseLongUrl } from './client-error.js';
import { checkInput, jsonMayHoldNul } from './input-checks.js';
import { discardRefusedBody } from './refused-body.js';
import { AJV_OPTIONS, partAwareValidator } from './validation.js';
import { registerJsonBodyParser } from './json-body.js';
import { maskEmails } from './logging.js';
import { requestIdOf } from './request-id.js';
import { observeHttpRequest } from '../metrics/metrics.js';
import { registerOpenApi } from './openapi.js';
import { couponRoutes, couponsManageRoutes } from '../../features/coupons/index.js';
import { customerRoutes } from '../../features/customers/index.js';
import { deliverySettingsRoutes, outboxLogRoutes } from '../../features/delivery/index.js';
import { type DemoMailbox, demoMailRoutes } from '../../features/demo/index.js';
import { eventRoutes } from '../../features/events/index.js';
import { challengeRoutes, storeChallengeRoutes } from '../../features/challenges/index.js';
import { feedbackRoutes } from '../../features/feedback/index.js';
import { surveyPageRoutes, surveyRoutes } from '../../features/surveys/index.js';
import { flowRoutes } from '../../features/flows/index.js';
import { campaignRoutes } from '../../features/campaigns/index.js';
import { healthRoutes } from './health.route.js';
import { loyaltyRoutes } from '../../features/loyalty/index.js';
import { membershipRoutes } from '../../features/memberships/index.js';
import { orderRoutes } from '../../features/orders/index.js';
import { productRoutes } from '../../features/products/index.js';
import { referralRoutes } from '../../features/referrals/index.js';
import { segmentRoutes } from '../../features/segments/index.js';
import { shopDiscountsRoutes } from '../../features/shop-discounts/index.js';
import {
  appProxyRoutes,
  shopifyAppRoutes,
  shopifyCallbackRoutes,
  shopifyWebhookRoutes,
} from '../../features/shopify/index.js';
import { wooCommerceWebhookRoutes } from '../../features/woocommerce/index.js';
import { inboundSmsRoutes, smsSettingsRoutes } from '../../features/sms/index.js';
import { bounceRoutes, bounceWebhookRoutes, type SnsFetcher } from '../../features/bounces/index.js';
import { webhookEndpointRoutes } from '../../features/outgoing-webhooks/index.js';
import { subscriptionOfferListRoutes, subscriptionRoutes } from '../../features/subscriptions/index.js';
import { suppressionRoutes } from '../../features/consent/index.js';
import { tierRoutes } from '../../features/tiers/index.js';
import { storeSettingsRoutes } from '../../features/stores/index.js';
import { unsubscribeRoutes } from '../../features/consent/index.js';
import {
  accountPageRoutes,
  shopperProgramRoutes,
  shopperRoutes,
  thankYouScriptRoutes,
  widgetScriptRoutes,
} from '../../features/shopper/index.js';
import { isLooseObject } from './common.schema.js';
import { setSecurityHeaders } from './security-headers.js';
import type { Config } from '../config.js';
import {
  checkStaffRequest,
  consoleFolder,
  consolePagesRoutes,
  consoleSessionRoutes,
  createSessionLookup,
  DEFAULT_SESSION_POLICY,
  type LoginLimits,
  loginRoutes,
  overviewRoutes,
  type SessionPolicy,
  staffUsersRoutes,
} from '../../features/console/index.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_BATCH_BODY_LIMIT = 10 * 1024 * 1024;
/** Per API key per minute: 1,000 requests a second sustained, far above a store's webhook rate. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60_000;

export interface AppOptions {
  readonly db: Kysely<Database>;
  /** Which database db is: SQLite's writes are group-committed (store/group-commit.ts). */
  readonly dialect: DatabaseTarget['kind'];
  /** Fastify's logger options (logging.ts builds them); false (the default) logs nothing. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Requests per API key per minute; 0 turns rate limiting off. */
  readonly rateLimitPerMinute?: number;
  readonly bodyLimit?: number;
  readonly batchBodyLimit?: number;
  /** Milliseconds since the epoch; tests move it to expire caches and windows. */
  readonly now?: () => number;
  /** The configuration (the SpamAssassin gate of flow enable reads it); loadConfig() when left out. */
  readonly config?: Config;
  /** The demo's mail catcher (`regulars demo`): GET /v1/demo/mail lists what it took; no such routes without it. */
  readonly demoMailbox?: DemoMailbox;
  /**
   * Fastify's trustProxy: believe X-Forwarded-For and X-Forwarded-Proto from a reverse proxy, so that
   * request.ip is the browser's (login rate limits) and request.protocol says whether it used TLS
   * (the session cookie's Secure flag). Only behind a proxy that sets them.
   */
  readonly trustProxy?: boolean | string;
  /** Requests per shopper per minute on /v1/shopper/* (docs/shopper.md); 0 turns it off. */
  readonly shopperRateLimitPerMinute?: number;
  /** The console's server side (docs/console.md); tests give a folder and shorten the limits. */
  readonly console?: ConsoleOptions;
  /** Where the SES bounce feed fetches SNS certificates and confirms subscriptions (tests: a local fake). */
  readonly snsFetcher?: SnsFetcher;
}

export interface ConsoleOptions {
  /** The built browser app (index.html, assets/); consoleFolder() when left out, null when not built. */
  readonly folder?: string | null;
  readonly policy?: SessionPolicy;
  readonly loginLimits?: LoginLimits;
}

/**
 * Fastify's own serializer compiler (fast-json-stringify), except for responses described as
 * looseObject: fast-json-stringify's code for an object of unknown properties is slower than
 * JSON.stringify (16 against 12 µs for a customer 360), and the 360 is the busiest read.
 */
function looseAwareSerializer(externalSchemas?: unknown, options?: object) {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route: Parameters<typeof compile>[0]) => (isLooseObject(route.schema) ? JSON.stringify : compile(route));
}

/**
 * The HTTP API as a Fastify instance that has not started listening (architecture.md habit 8):
 * tests call inject() on it, `regulars serve` calls listen().
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // requestIdOf reads X-Request-Id itself, to check it; Fastify would take any value as it is.
    requestIdHeader: false,
    genReqId: requestIdOf,
    trustProxy: options.trustProxy ?? false,
    ajv: AJV_OPTIONS,
    // Fastify would log each request's URL (with emails) at the start and end; logging.ts masks them.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler: answerClientError,
    schemaController: {
      compilersFactory: { buildSerializer: looseAwareSerializer, buildValidator: partAwareValidator },
    },
  });

  registerJsonBodyParser(app);
  // JSON only: Fastify would otherwise take text/plain bodies and fail them later as a schema error.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(async (error, request, reply) => {
    if ((error as { statusCode?: number }).statusCode === 413) await discardRefusedBody(request, reply);
    return sendError(reply, request, error as Error);
  });
  app.addHook('onRequest', refuseLongUrl);
  // Before any schema or handler reads them: a NUL that PostgreSQL would refuse, a nesting that
  // would overflow a recursive reader. A webhook's raw body is checked after its signature.
  app.addHook('preValidation', async (request) => {
    checkInput(request.headers, 'headers');
    checkInput(request.query, 'querystring');
    checkInput(request.params, 'params');
    if (Buffer.isBuffer(request.body)) return;
    const mayHoldNul = request.rawBody === undefined || jsonMayHoldNul(request.rawBody);
    checkInput(request.body, 'body', { mayHoldNul });
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      request,
      new RegularsError('NOT_FOUND', `no route ${request.method} ${maskEmails(request.url.split('?')[0])}`),
    ),
  );
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    reply.header('x-request-id', request.id);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    observeHttpRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    request.log.info(
      { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });

  await registerOpenApi(app);
  await app.register(healthRoutes, { db });
  await app.register(shopifyWebhookRoutes, { db, config: options.config });
  await app.register(shopifyCallbackRoutes, { db, config: options.config, now: options.now });
  await app.register(appProxyRoutes, { db, config: options.config, now: options.now });
  await app.register(wooCommerceWebhookRoutes, { db });
  await app.register(inboundSmsRoutes, { db, publicUrl: options.config?.messaging.publicUrl ?? null });
  await app.register(bounceWebhookRoutes, { db, sns: options.snsFetcher });
  await app.register(unsubscribeRoutes, { db });
  await app.register(feedbackRoutes, { db });
  await app.register(surveyPageRoutes, { db });
  // Beside /v1, not inside it: a shopper token opens only these, and the store's key none of them.
  await app.register(shopperRoutes, {
    db,
    now: options.now,
    rateLimitPerMinute: options.shopperRateLimitPerMinute,
    prefix: '/v1/shopper',
  });
  await app.register(accountPageRoutes, { db, now: options.now });
  // The widget's public program (no token) and its script: their own plugins, outside the token hook.
  await app.register(shopperProgramRoutes, { db, now: options.now, prefix: '/v1/shopper' });
  await app.register(widgetScriptRoutes);
  await app.register(thankYouScriptRoutes);

  const now = options.now ?? Date.now;
  const policy = options.console?.policy ?? DEFAULT_SESSION_POLICY;
  await app.register(loginRoutes, { db, now, policy, limits: options.console?.loginLimits });
  await app.register(consolePagesRoutes, {
    db,
    now,
    folder: options.console?.folder === undefined ? consoleFolder() : options.console.folder,
    idleMs: policy.idleMs,
  });

  const authenticate = createAuthenticator(db, options.now, createSessionLookup(db, now, policy.idleMs));
  const idempotency = createIdempotency(db);
  const writer = createGroupCommitter(db, options.dialect);
  // PostgreSQL writes batches in parallel on its pool; SQLite has one writer.
  const intake = createOrderIntake(writer, options.dialect === 'postgres' ? 4 : 1);
  await app.register(
    async (v1) => {
      v1.decorateRequest('store');
      v1.decorateRequest('apiKeyId', '');
      v1.decorateRequest('staff', null);
      v1.addHook('onRequest', authenticate);
      // Right after authentication: a cookie's CSRF token and role are checked before anything runs.
      v1.addHook('onRequest', checkStaffRequest);
      const perMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
      if (perMinute > 0) {
        await v1.register(rateLimit, {
          max: perMinute,
          timeWindow: 60_000,
          hook: 'onRequest',
          keyGenerator: (request) => request.apiKeyId,
          errorResponseBuilder: (_request, context) =>
            new RegularsError(
              'RATE_LIMITED',
              `more than ${context.max} requests a minute with this key; retry in ${Math.ceil(context.ttl / 1000)} s`,
              {
                limit: context.max,
              },
            ),
        });
      }
      v1.addHook('preHandler', idempotency.before);
      v1.addHook('onSend', idempotency.after);
      await v1.register(orderRoutes, {
        writer,
        intake,
        batchBodyLimit: options.batchBodyLimit ?? DEFAULT_BATCH_BODY_LIMIT,
      });
      await v1.register(customerRoutes, { db, writer });
      await v1.register(productRoutes, { writer });
      await v1.register(eventRoutes, { writer });
      await v1.register(couponRoutes, {
        db,
        tierOf: async (tx, storeId, customerId) => (await currentTierOf(tx, storeId, customerId))?.name ?? null,
      });
      await v1.register(loyaltyRoutes, { db, writer });
      await v1.register(tierRoutes, { db });
      await v1.register(referralRoutes, { db });
      await v1.register(challengeRoutes, { db });
      await v1.register(membershipRoutes, { db });
      await v1.register(subscriptionRoutes, { db });
      await v1.register(segmentRoutes, { db });
      await v1.register(flowRoutes, { db, config: options.config });
      await v1.register(campaignRoutes, { db, config: options.config });
      await v1.register(suppressionRoutes, { db });
      await v1.register(deliverySettingsRoutes, { db });
      await v1.register(smsSettingsRoutes, { db });
      await v1.register(storeSettingsRoutes, { db });
      await v1.register(staffUsersRoutes, { db, policy });
      await v1.register(couponsManageRoutes, { db });
      await v1.register(storeChallengeRoutes, { db });
      await v1.register(subscriptionOfferListRoutes, { db });
      await v1.register(outboxLogRoutes, { db });
      await v1.register(bounceRoutes, { db });
      await v1.register(webhookEndpointRoutes, { db, now: options.now });
      await v1.register(surveyRoutes, { db });
      await v1.register(overviewRoutes, { db });
      await v1.register(consoleSessionRoutes);
      await v1.register(shopifyAppRoutes, { db, config: options.config, now: options.now });
      await v1.register(shopDiscountsRoutes, { db, now: options.now });
      if (options.demoMailbox) await v1.register(demoMailRoutes, { mailbox: options.demoMailbox });
    },
    { prefix: '/v1' },
  );
  return app;
}
