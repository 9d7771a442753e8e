import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The console's session cookie (docs/console.md): HttpOnly, SameSite=Lax, Secure over TLS. */
export const SESSION_COOKIE = 'regulars_session';

/** A cookie the request carries (RFC 6265 section 5.4), or undefined; the first of a repeated name wins. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const split = pair.indexOf('=');
    if (split < 0 || pair.slice(0, split).trim() !== name) continue;
    const value = pair.slice(split + 1).trim();
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  }
  return undefined;
}

export interface CookieOptions {
  readonly path: string;
  /** Seconds; 0 deletes the cookie. Left out: it ends with the browser session. */
  readonly maxAge?: number;
  /** Only over TLS: request.protocol, which honours X-Forwarded-Proto when the proxy is trusted. */
  readonly secure: boolean;
}

/**
 * A Set-Cookie value for a cookie scripts cannot read (HttpOnly) and other sites' forms and
 * fetches do not send (SameSite=Lax, RFC 6265bis section 8.8); links from elsewhere still arrive
 * signed in. The values set here are base64url, which needs no quoting.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Whether a token a client sent is the expected one, in time that does not depend on where they differ. */
export function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length === 0) return false;
  // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length.
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
