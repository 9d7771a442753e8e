import type { FastifyReply, FastifyRequest } from 'fastify';

/** Bytes of a refused body read and thrown away before answering; past this the connection is closed. */
export const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;
/** How long a refused body may take to arrive before the answer goes out and the connection closes. */
export const DISCARD_TIMEOUT_MS = 30_000;

/**
 * A body refused before it was read whole (413: past the limit) is read to its end and thrown
 * away before the answer is sent. Closing the connection while the client is still sending makes
 * the server's TCP stack answer the unread bytes with a reset, and the client, still busy
 * writing, loses the 413 with it (RFC 9112 section 9.6 asks for this care). A client that sends
 * more than MAX_DISCARDED_BYTES or takes longer than DISCARD_TIMEOUT_MS gets the answer at once
 * and the connection closed, as before.
 */
export function discardRefusedBody(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const raw = request.raw;
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let discarded = 0;
    const done = (whole: boolean) => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('close', onClose);
      // Read whole, the connection can carry the next request: nothing unread is left on it.
      if (whole) reply.removeHeader('connection');
      resolve();
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > MAX_DISCARDED_BYTES) done(false);
    };
    const onEnd = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), DISCARD_TIMEOUT_MS);
    timer.unref();
    raw.on('data', onData);
    raw.once('end', onEnd);
    raw.once('close', onClose);
    raw.resume();
  });
}
