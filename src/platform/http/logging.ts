import type { FastifyServerOptions } from 'fastify';

/** An email as logs show it: the first two characters and the domain ("al***@example.com"). */
export function maskEmails(text: string): string {
  return text.replace(/([^\s@&=?/,;:"'<>()%]{1,2})[^\s@&=?/,;:"'<>()%]*(@|%40)([\w.-]+)/g, '$1***$2$3');
}

/**
 * pino, as Fastify uses it, set so that logs carry no secrets and no full emails: the Authorization
 * and signature headers are never serialized, and a URL's emails (a customer search) are masked.
 * Bodies are never logged.
 */
export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-shopify-hmac-sha256"]', 'req.headers.cookie'],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        return { id: request.id, method: request.method, url: maskEmails(request.url) };
      },
    },
  };
}
