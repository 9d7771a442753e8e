import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/features/messaging/webhook-channel.adapter.js';

export interface ReceivedWebhook {
  readonly headers: IncomingMessage['headers'];
  /** The raw body, as signed. */
  readonly body: string;
  /** Whether the signature checks out, verified the way docs/messaging.md tells receivers to. */
  readonly verified: boolean;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT`path` */
  readonly url: string;
  /** Every delivery so far, oldest first. */
  readonly received: ReceivedWebhook[];
  /** How the next deliveries are answered (202 by default). */
  answer: (response: ServerResponse) => void;
  close(): Promise<void>;
}

/** A real HTTP receiver on a free port that verifies each delivery's signature with `secret`. */
export async function startWebhookReceiver(secret: string, path: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const receiver = {
    url: '',
    received,
    answer: (response: ServerResponse) => void response.writeHead(202).end(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        signature: request.headers['x-regulars-signature'] as string | undefined,
        timestamp: request.headers['x-regulars-timestamp'] as string | undefined,
      };
      received.push({
        headers: request.headers,
        body,
        verified: verifyWebhook(secret, headers, body, Math.floor(Date.now() / 1000)),
      });
      receiver.answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}
