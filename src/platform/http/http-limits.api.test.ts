import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { MAX_URL_LENGTH } from './client-error.js';

interface RawResponse {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
  /** The connection ended with a reset (ECONNRESET) rather than a close. */
  readonly reset: boolean;
}

/**
 * Sends `head` and then `body` on a real TCP connection, then reads the answer until the server
 * closes the connection or the answer is whole.
 */
function exchange(port: number, head: string, body: Buffer = Buffer.alloc(0)): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let reset = false;
    let settled = false;
    const finish = () => {
      if (settled) return;
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        settled = true;
        reject(new Error(`no answer (reset: ${reset}): ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const headers = text.slice(0, split);
      const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
      const rest = text.slice(split + 4);
      if (length && Buffer.byteLength(rest) < Number(length[1]) && !socket.destroyed) return;
      settled = true;
      socket.destroy();
      resolve({ status: Number(headers.split(' ')[1]), headers, body: rest, reset });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
      else reject(error);
      socket.resume();
    });
    socket.on('close', finish);
    // Like most clients, read the answer only once the whole request is sent: a server that
    // closes the connection while the body is still arriving resets it, and the answer is lost.
    socket.pause();
    socket.write(head);
    if (body.length === 0) socket.resume();
    // The body follows after a pause, as a client's would over a slower network.
    else setTimeout(() => socket.end(body, () => socket.resume()), 20);
  });
}

function expectEnvelope(response: RawResponse, status: number, code: string): void {
  expect(response.status, response.headers).toBe(status);
  expect(response.headers).toMatch(/content-type: application\/json/i);
  const parsed = JSON.parse(response.body) as { error: { code: string; message: string; details: object } };
  expect(parsed.error.code).toBe(code);
  expect(typeof parsed.error.message).toBe('string');
  expect(typeof parsed.error.details).toBe('object');
}

describe.each(dialects)('limits over a real socket on %s', (dialect) => {
  // useTestApp closes the app, and with it the listening server, after the block.
  const ctx = useTestApp(dialect, { rateLimitPerMinute: 0 });
  let port = 0;
  beforeAll(async () => {
    await ctx().app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx().app.server.address() as AddressInfo).port;
  });

  it('answers a 10 MB body with 413 and the error body, every time', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024, 'a');
    // Half the clients ask for the connection to be closed after the answer.
    const head = (attempt: number) =>
      [
        'POST /v1/orders HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${ctx().store.apiKey}`,
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
        ...(attempt % 2 === 1 ? ['Connection: close'] : []),
        '',
        '',
      ].join('\r\n');
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await exchange(port, head(attempt), body);
      expect(response.reset).toBe(false);
      expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('answers 413 with the error body to a chunked body past the limit', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const parts: Buffer[] = [];
    for (let k = 0; k < 3; k++) parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    parts.push(Buffer.from('0\r\n\r\n'));
    const head = [
      'POST /v1/orders HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${ctx().store.apiKey}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      '',
      '',
    ].join('\r\n');
    for (let attempt = 0; attempt < 5; attempt++) {
      expectEnvelope(await exchange(port, head, Buffer.concat(parts)), 413, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('answers a very long URL with 414 and the error body, below and above the header limit', async () => {
    for (const length of [MAX_URL_LENGTH + 10, 20_000, 100_000]) {
      const url = `/v1/customers?query=${'a'.repeat(length)}`;
      const response = await exchange(port, `GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expectEnvelope(response, 414, 'URI_TOO_LONG');
    }
  });

  it('answers huge headers with 431 and the error body', async () => {
    for (const size of [20_000, 100_000]) {
      const response = await exchange(
        port,
        `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(size)}\r\n\r\n`,
      );
      expectEnvelope(response, 431, 'HEADERS_TOO_LARGE');
    }
  });

  it('answers a request that is not HTTP with 400 and the error body', async () => {
    expectEnvelope(await exchange(port, 'HELLO\r\n\r\n'), 400, 'VALIDATION_FAILED');
  });

  it('answers a NUL in a header or the query string with 400 and the error body', async () => {
    const header = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: a\u0000b\r\n\r\n');
    expect(header.status).toBe(400);
    expect(['INVALID_CHARACTER', 'VALIDATION_FAILED']).toContain(JSON.parse(header.body).error.code);
    const query = await exchange(
      port,
      `GET /v1/customers?query=a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ctx().store.apiKey}\r\n\r\n`,
    );
    expectEnvelope(query, 400, 'INVALID_CHARACTER');
  });
});
