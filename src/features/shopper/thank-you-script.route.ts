import type { FastifyPluginAsync } from 'fastify';
import { THANK_YOU_SCRIPT } from './thank-you-script.js';

/** A shop's pages load it from Regulars' origin: cached for a few minutes, like any embedded script. */
const MAX_AGE_SECONDS = 300;

/**
 * GET /thank-you.js, the order-status page's snippet (docs/shopper.md). Its own scope: its onSend
 * hook runs after the app's security headers and lets another origin load it (a script tag is a
 * no-cors request, which `Cross-Origin-Resource-Policy: same-origin` would block). It carries no
 * data: what it shows comes from /v1/shopper/offers with the page's token.
 */
export const thankYouScriptRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`);
    return payload;
  });
  app.get('/thank-you.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(THANK_YOU_SCRIPT),
  );
};
