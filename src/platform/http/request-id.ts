import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * A caller's X-Request-Id is kept when it looks like an id: at most 128 characters of letters,
 * digits and `-_.:@/+=` (UUIDs, ULIDs, a proxy's ids, base64). Anything else (a log-injection
 * attempt, a megabyte of header) is replaced by a fresh id, because the id goes into every log
 * line of the request and back into the response header.
 */
const CALLER_ID = /^[A-Za-z0-9\-_.:@/+=]{1,128}$/;

/** Fastify's genReqId: the caller's id when valid, else a random UUID (unique across processes and workers). */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CALLER_ID.test(given) ? given : randomUUID();
}
