import type { FastifyReply } from 'fastify';

/**
 * CORS for /v1/shopper/* (the Fetch standard's CORS protocol): a page of the shop calls the API
 * from the shopper's browser. Only the shop's own origins are answered with
 * Access-Control-Allow-Origin; no credentials mode (the token is a header, never a cookie), so
 * Allow-Credentials is never sent. `Vary: Origin` on every answer, so a cache never hands one
 * origin's answer to another.
 */
export const CORS_METHODS = 'GET, PUT, POST';
export const CORS_HEADERS = 'authorization, content-type, idempotency-key';
/** Seconds a browser may keep a preflight's answer. */
export const CORS_MAX_AGE = 600;

export function allowOrigin(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-expose-headers', 'retry-after, x-request-id, idempotent-replayed');
}

export function varyOnOrigin(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  if (typeof vary === 'string' && /\borigin\b/i.test(vary)) return;
  reply.header('vary', typeof vary === 'string' && vary !== '' ? `${vary}, Origin` : 'Origin');
}
