import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI 3 document, generated from the routes' own schemas (so it cannot drift from what the
 * server validates): the browsable reference at /docs, the document itself at /docs/json.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Regulars API',
        version: '1',
        description:
          'Orders, customers, products and events of one store; the API key chooses the store. Errors are ' +
          '`{ "error": { "code", "message", "details" } }` with the codes of docs/errors.md. POSTs accept ' +
          'an `Idempotency-Key` header: a retry with the same key replays the first answer.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'rk_live_... from `regulars stores create`' },
          shopperAuth: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description:
              '"Shopper <token>": a shopper token minted by the store\'s backend (docs/shopper.md); /v1/shopper/* only',
          },
          cookieAuth: {
            type: 'apiKey',
            in: 'cookie',
            name: 'regulars_session',
            description:
              'the console session from POST /login; works on every /v1 route (changes also need X-CSRF-Token)',
          },
        },
      },
      tags: [
        { name: 'orders' },
        { name: 'customers' },
        { name: 'products' },
        { name: 'events' },
        { name: 'coupons' },
        { name: 'loyalty' },
        { name: 'tiers' },
        { name: 'referrals' },
        { name: 'challenges' },
        { name: 'memberships' },
        { name: 'subscriptions' },
        { name: 'segments' },
        { name: 'messaging' },
        { name: 'delivery' },
        { name: 'unsubscribe' },
        { name: 'webhooks' },
        { name: 'health' },
        { name: 'console' },
        { name: 'settings' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
}
