import type { FastifyPluginAsync } from 'fastify';
import { RegularsError } from '../../platform/errors.js';
import { readWidgetScript, WIDGET_FILE_HINT, widgetFolder } from './widget-script.reader.js';

export interface WidgetScriptRouteOptions {
  /** The built widget's folder (widgetFolder()), or null when it is not built. */
  readonly folder?: string | null;
}

/** A year, for a page that pins the version (?v=<hash>): that URL's content never changes. */
const PINNED_CACHE = 'public, max-age=31536000, immutable';
/** An hour for the plain URL, then a revalidation that the ETag usually answers with 304. */
const PLAIN_CACHE = 'public, max-age=3600, stale-while-revalidate=86400';

/**
 * GET /widget.js: the loyalty widget a shop embeds with one script tag (docs/shopper.md "The
 * widget"). A public script loaded by other sites' pages, so it is the one answer here that another
 * origin may use: Cross-Origin-Resource-Policy cross-origin (the API's same-origin would block the
 * script tag) and Access-Control-Allow-Origin * (a page may load it with crossorigin and integrity).
 */
export const widgetScriptRoutes: FastifyPluginAsync<WidgetScriptRouteOptions> = async (app, options) => {
  const folder = options.folder === undefined ? widgetFolder() : options.folder;

  // After the root hook that sets the API's headers (parents' hooks run first), so these win here.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return payload;
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('access-control-allow-origin', '*');
    const pinned = (request.query as { v?: string }).v;
    reply.header(
      'cache-control',
      pinned !== undefined && pinned === reply.getHeader('x-widget-version') ? PINNED_CACHE : PLAIN_CACHE,
    );
    return payload;
  });

  app.get<{ Querystring: { v?: string } }>(
    '/widget.js',
    {
      schema: {
        tags: ['shopper'],
        summary:
          'The loyalty widget (JavaScript) a shop embeds with <script src=".../widget.js" data-store=...>; ETag, ?v=<hash> for a year-long cache',
        querystring: {
          type: 'object',
          properties: { v: { type: 'string', maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const script = await readWidgetScript(folder);
      if (script === null)
        throw new RegularsError(
          'WIDGET_NOT_BUILT',
          `the widget is not built (${folder ?? WIDGET_FILE_HINT} is missing)`,
          {
            file: WIDGET_FILE_HINT,
          },
        );
      const etag = `"${script.hash}"`;
      reply
        .header('etag', etag)
        .header('x-widget-version', script.hash)
        .header('vary', 'Accept-Encoding')
        .type('text/javascript; charset=utf-8');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      if (acceptsGzip) return reply.code(200).header('content-encoding', 'gzip').send(script.gzip);
      return reply.code(200).send(script.body);
    },
  );
};
