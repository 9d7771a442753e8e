import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers every answer carries (OWASP's REST security cheat sheet): the API returns JSON that must
 * never be sniffed as HTML, framed or cached by a shared proxy. The /docs pages need their own
 * scripts and styles, so they get a content security policy that allows this origin only.
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (request.url.startsWith('/docs')) {
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  } else {
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    reply.header('cache-control', 'no-store');
  }
}
