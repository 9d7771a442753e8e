import type { FastifyInstance } from 'fastify';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received, for a reader that needs its bytes (the log of a malformed body, a signature). */
    rawBody?: Buffer;
  }
}

/**
 * JSON bodies are parsed losslessly: an integer too long to be an exact double (a Shopify id such
 * as 820982911946154508) arrives as its digits in a string instead of a rounded number.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    if (raw.length === 0) {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseJsonLossless(raw.toString('utf8')));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
