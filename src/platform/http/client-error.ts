import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, RegularsError } from '../errors.js';
import { envelope, HTTP_STATUS } from './errors.js';

/** A request target longer than this is refused with 414; browsers and proxies stop near 8 KiB too. */
export const MAX_URL_LENGTH = 8 * 1024;
/**
 * Node's parser refuses a request line plus headers past this many bytes (its maxHeaderSize, 16
 * KiB by default) before Fastify sees the request; clientError below answers it.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

const METHOD_START = /^[A-Z]+ /;

/** What a request Node's parser refused gets: 414, 431, 408 or 400, each with the error body. */
function refusal(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
} {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // The packet Node was parsing when the limit broke: when it is the start of a request whose
    // first line has not ended within the URL limit, the URL alone is too long.
    const packet = error.rawPacket?.subarray(0, MAX_URL_LENGTH + 64).toString('latin1') ?? '';
    const lineEnd = packet.indexOf('\r\n');
    if (METHOD_START.test(packet) && (lineEnd === -1 || lineEnd > MAX_URL_LENGTH)) {
      return {
        code: 'URI_TOO_LONG',
        message: `the URL is longer than ${MAX_URL_LENGTH} characters`,
        details: { maxLength: MAX_URL_LENGTH },
      };
    }
    return {
      code: 'HEADERS_TOO_LARGE',
      message: `the request line and headers are larger than ${MAX_HEADER_BYTES} bytes`,
      details: { maxBytes: MAX_HEADER_BYTES },
    };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { code: 'REQUEST_TIMEOUT', message: 'the request did not arrive whole in time', details: {} };
  return {
    code: 'VALIDATION_FAILED',
    message: `the request is not valid HTTP/1.1 (${error.code ?? 'parse error'})`,
    details: { location: 'request' },
  };
}

/**
 * Node's 'clientError': the parser refused the request (a URL or headers past its limit, a
 * malformed request, a timeout) before any route ran. The answer is written on the socket, with
 * the same error body as every other error, then the connection is closed: the parser cannot read
 * the rest of that connection's bytes.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message, details } = refusal(error);
  const status = HTTP_STATUS[code];
  const body = JSON.stringify(envelope(code, message, details));
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroySoon();
}

/**
 * A URL Node's parser took but that is still past MAX_URL_LENGTH: refused before routing, so that
 * a long URL gets 414 whatever its length.
 */
export async function refuseLongUrl(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (request.url.length > MAX_URL_LENGTH) {
    throw new RegularsError('URI_TOO_LONG', `the URL is longer than ${MAX_URL_LENGTH} characters`, {
      maxLength: MAX_URL_LENGTH,
    });
  }
}
