import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender, verifyWebhook } from './webhook-channel.adapter.js';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../../test/support/webhook-receiver.js';

/** A real HTTP receiver that verifies deliveries the way docs/messaging.md tells receivers to. */
describe('webhook channel', () => {
  const secret = 'whsec_test_0123456789';
  let receiver: WebhookReceiver;
  let url = '';
  let seen: ReceivedWebhook[] = [];
  let answer: (response: ServerResponse) => void;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(secret, '/hooks/sms');
    ({ url, received: seen } = receiver);
    // Each test says how the receiver answers next.
    receiver.answer = (response) => answer(response);
    answer = (response) => response.writeHead(200).end('ok');
  });
  afterAll(() => receiver.close());

  it('POSTs the JSON body signed over timestamp and body; the receiver verifies it', async () => {
    answer = (response) => response.writeHead(202).end('queued');
    const sender = createWebhookSender({ url, secret });
    const delivery = await sender.send({
      idempotencyKey: 'flow:win-back:cus_1:t1',
      payload: { channel: 'sms', to: '+447700900123', text: 'Hi Alice' },
    });
    expect(delivery).toEqual({ status: 202, body: 'queued' });
    const last = seen.at(-1)!;
    expect(last.verified).toBe(true);
    expect(JSON.parse(last.body)).toEqual({ channel: 'sms', to: '+447700900123', text: 'Hi Alice' });
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['x-regulars-delivery']).toBe('flow:win-back:cus_1:t1');
    expect(last.headers['x-regulars-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('a receiver refuses a changed body, another secret and an old timestamp', async () => {
    answer = (response) => response.writeHead(200).end();
    await createWebhookSender({ url, secret }).send({ idempotencyKey: 'k1', payload: { text: 'original' } });
    const last = seen.at(-1)!;
    const headers = {
      signature: last.headers['x-regulars-signature'] as string,
      timestamp: last.headers['x-regulars-timestamp'] as string,
    };
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(secret, headers, last.body, now)).toBe(true);
    expect(verifyWebhook(secret, headers, last.body.replace('original', 'changed'), now)).toBe(false);
    expect(verifyWebhook('another', headers, last.body, now)).toBe(false);
    expect(verifyWebhook(secret, headers, last.body, now + 301)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, signature: undefined }, last.body, now)).toBe(false);
  });

  it('a non-2xx answer is WEBHOOK_DELIVERY_FAILED with the status', async () => {
    answer = (response) => response.writeHead(500).end('gateway down');
    await expect(
      createWebhookSender({ url, secret }).send({ idempotencyKey: 'k2', payload: {} }),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_DELIVERY_FAILED',
      details: { url, status: 500, body: 'gateway down' },
    });
    answer = (response) => response.writeHead(302, { location: 'https://elsewhere.example/' }).end();
    await expect(
      createWebhookSender({ url, secret }).send({ idempotencyKey: 'k3', payload: {} }),
    ).rejects.toMatchObject({ details: { status: 302 } });
  });

  it('gives up after the timeout', async () => {
    answer = (response) => setTimeout(() => response.writeHead(200).end(), 1_500);
    const started = Date.now();
    await expect(
      createWebhookSender({ url, secret, timeoutMs: 200 }).send({ idempotencyKey: 'k4', payload: {} }),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_DELIVERY_FAILED',
      details: { reason: 'no answer within 200 ms' },
    });
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('a refused connection is WEBHOOK_DELIVERY_FAILED', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(
      createWebhookSender({ url: `http://127.0.0.1:${closedPort}/x`, secret }).send({
        idempotencyKey: 'k5',
        payload: {},
      }),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_DELIVERY_FAILED',
      details: { reason: 'ECONNREFUSED' },
    });
  });
});
