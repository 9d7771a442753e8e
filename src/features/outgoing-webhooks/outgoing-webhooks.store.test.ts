import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/database/transaction.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../../../test/support/webhook-receiver.js';
import { emitWebhookEvent } from './emit-webhook-event.service.js';
import { deliverDueWebhooks } from './deliver-webhooks.service.js';
import {
  addWebhookEndpoint,
  enableWebhookEndpoint,
  testWebhookEndpoint,
  webhookDeliveryLog,
  webhookEndpointsOf,
} from './webhook-endpoints.service.js';

const T0 = '2026-05-01T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const HOUR = 3600_000;

/**
 * A receiver's check written from the spec's text alone (spec/standard-webhooks.md "Signature
 * scheme"), not with the code under test: HMAC-SHA256 keyed with the base64 after `whsec_`, over
 * "id.timestamp.body", compared with each `v1,` signature of the header.
 */
function receiverVerifies(secret: string, delivery: ReceivedWebhook, body = delivery.body): boolean {
  const id = delivery.headers['webhook-id'] as string;
  const timestamp = delivery.headers['webhook-timestamp'] as string;
  const key = Buffer.from(secret.split('_')[1], 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return (delivery.headers['webhook-signature'] as string)
    .split(' ')
    .some((s) => s.startsWith('v1,') && s.slice(3) === expected);
}

const always = (status: number) => (response: import('node:http').ServerResponse) =>
  void response.writeHead(status).end();

describe.each(dialects)('outgoing webhooks on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  async function setup(events: string[] = ['order.recorded', 'points.changed']) {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Hooks' });
    receiver = await startWebhookReceiver('unused', '/hooks');
    const endpoint = await addWebhookEndpoint(db, store.id, { url: receiver.url, events }, T0);
    const emit = (
      type: 'order.recorded' | 'points.changed' | 'tier.changed',
      data: Record<string, unknown>,
      when = T0,
    ) => inTransaction(db, (trx) => emitWebhookEvent(trx, store.id, { type, at: when, data }));
    const deliver = (now: string, owner = 'job-1') =>
      deliverDueWebhooks(db, store.id, { now, owner, random: () => 0.5 });
    return { db, store, endpoint, emit, deliver, receiver };
  }

  it('delivers a subscribed event signed as the spec says; a tampered body fails verification; unsubscribed events are not queued', async () => {
    const { endpoint, emit, deliver, receiver } = await setup();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await emit('order.recorded', { orderId: 'ord_1', totalMinor: 2598 })).toBe(1);
    expect(await emit('tier.changed', { customerId: 'cus_1' })).toBe(0);
    expect(await deliver(T0)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.headers['webhook-id']).toMatch(/^whm_/);
    expect(delivery.headers['webhook-timestamp']).toBe(String(Date.parse(T0) / 1000));
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(JSON.parse(delivery.body)).toEqual({
      type: 'order.recorded',
      timestamp: T0,
      data: { orderId: 'ord_1', totalMinor: 2598 },
    });
    expect(receiverVerifies(endpoint.secret, delivery)).toBe(true);
    expect(receiverVerifies(endpoint.secret, delivery, delivery.body.replace('2598', '2599'))).toBe(false);
    expect(receiverVerifies(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, delivery)).toBe(false);
    // Delivered once: the next run finds nothing due.
    expect(await deliver(at(HOUR))).toBe(0);
  });

  it('queues nothing for a change that rolls back', async () => {
    const { db, store, deliver, receiver } = await setup();
    await expect(
      inTransaction(db, async (trx) => {
        await emitWebhookEvent(trx, store.id, { type: 'order.recorded', at: T0, data: { orderId: 'ord_x' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliver(at(HOUR))).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it('retries after a 500 with backoff, with the same webhook-id and body, and logs every attempt', async () => {
    const { db, store, endpoint, emit, deliver, receiver } = await setup();
    receiver.answer = always(500);
    await emit('points.changed', { customerId: 'cus_1', delta: 10 });
    expect(await deliver(T0)).toBe(1);
    // Not due again before its backoff (30 s, jitter 0.5 = none) has passed.
    expect(await deliver(at(29_000))).toBe(0);
    expect(await deliver(at(30_000))).toBe(1);
    receiver.answer = always(204);
    expect(await deliver(at(90_000))).toBe(1);
    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received.every((r) => receiverVerifies(endpoint.secret, r))).toBe(true);
    const [entry] = await webhookDeliveryLog(db, store.id, endpoint.id, 10);
    expect(entry).toMatchObject({ status: 'delivered', attempts: 3, eventType: 'points.changed', nextAttemptAt: null });
    expect(entry.tries.map((t) => [t.attempt, t.at, t.statusCode, t.error])).toEqual([
      [1, T0, 500, 'answered 500'],
      [2, at(30_000), 500, 'answered 500'],
      [3, at(90_000), 204, null],
    ]);
    const [health] = await webhookEndpointsOf(db, store.id);
    expect(health).toMatchObject({ status: 'enabled', failingSince: null, consecutiveFailures: 0 });
  });

  it('disables an endpoint whose every attempt failed for 24 hours, drops its queue, and queues nothing more until enabled', async () => {
    const { db, store, endpoint, emit, deliver, receiver } = await setup();
    receiver.answer = always(503);
    await emit('order.recorded', { orderId: 'ord_1' });
    let now = T0;
    for (let step = 0; step < 40 && (await webhookEndpointsOf(db, store.id))[0].status === 'enabled'; step++) {
      await emit('order.recorded', { orderId: `ord_${step + 2}` }, now);
      await deliver(now);
      now = new Date(Date.parse(now) + HOUR).toISOString();
    }
    const [disabled] = await webhookEndpointsOf(db, store.id);
    expect(disabled.status).toBe('disabled');
    expect(disabled.disabledReason).toBe(`every attempt failed for 24 hours (since ${T0})`);
    expect(disabled.disabledAt).toBe(at(24 * HOUR));
    const log = await webhookDeliveryLog(db, store.id, endpoint.id, 100);
    expect(log.filter((m) => m.status === 'pending')).toEqual([]);
    expect(log.some((m) => m.lastError?.includes('the endpoint was disabled'))).toBe(true);
    expect(await emit('order.recorded', { orderId: 'ord_late' }, now)).toBe(0);
    const enabled = await enableWebhookEndpoint(db, store.id, endpoint.id, now);
    expect(enabled).toMatchObject({ status: 'enabled', disabledReason: null, failingSince: null });
    expect(await emit('order.recorded', { orderId: 'ord_after' }, now)).toBe(1);
  });

  it('disables at once on 410 Gone', async () => {
    const { db, store, emit, deliver, receiver } = await setup();
    receiver.answer = always(410);
    await emit('order.recorded', { orderId: 'ord_1' });
    await emit('order.recorded', { orderId: 'ord_2' });
    await deliver(T0);
    const [endpoint] = await webhookEndpointsOf(db, store.id);
    expect(endpoint).toMatchObject({ status: 'disabled', disabledReason: 'the endpoint answered 410 Gone' });
    // The first 410 failed the other message too: the receiver saw one request, or two if both were in flight.
    expect(receiver.received.length).toBeLessThanOrEqual(2);
    expect(await deliver(at(HOUR))).toBe(0);
  });

  it('gives each message to one of several concurrent job runs: every event is received exactly once', async () => {
    const { emit, deliver, receiver } = await setup();
    for (let i = 0; i < 12; i++) await emit('order.recorded', { orderId: `ord_${i}` });
    const counts = await Promise.all([deliver(T0, 'a'), deliver(T0, 'b'), deliver(T0, 'c')]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    const orders = receiver.received.map((r) => (JSON.parse(r.body) as { data: { orderId: string } }).data.orderId);
    expect(orders.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `ord_${i}`).sort());
  });

  it('sends a signed webhook.test on request and logs it; a refused connection is reported, not thrown', async () => {
    const { db, store, endpoint, receiver } = await setup();
    const result = await testWebhookEndpoint(db, store.id, endpoint.id, { now: T0 });
    expect(result).toMatchObject({ delivered: true, statusCode: 202, error: null });
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      type: 'webhook.test',
      data: { endpointId: endpoint.id },
    });
    expect(receiverVerifies(endpoint.secret, receiver.received[0])).toBe(true);
    await receiver.close();
    const refused = await testWebhookEndpoint(db, store.id, endpoint.id, { now: at(1000) });
    expect(refused).toMatchObject({ delivered: false, statusCode: null, error: 'ECONNREFUSED' });
    const log = await webhookDeliveryLog(db, store.id, endpoint.id, 10);
    expect(log.map((m) => m.status).sort()).toEqual(['delivered', 'pending']);
  });

  it("refuses a bad URL or an unknown event with WEBHOOK_ENDPOINT_INVALID, another store's endpoint with NOT_FOUND", async () => {
    const { db, store, endpoint } = await setup();
    await expect(
      addWebhookEndpoint(db, store.id, { url: 'ftp://x.example', events: ['order.recorded'] }, T0),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_ENDPOINT_INVALID',
      details: { field: 'url' },
    });
    await expect(
      addWebhookEndpoint(db, store.id, { url: 'https://x.example', events: ['order.placed'] }, T0),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_ENDPOINT_INVALID',
      details: { field: 'events', unknown: ['order.placed'] },
    });
    const { store: other } = await createStore(db, { name: 'Other' });
    await expect(webhookDeliveryLog(db, other.id, endpoint.id, 10)).rejects.toMatchObject({
      code: 'WEBHOOK_ENDPOINT_NOT_FOUND',
    });
  });
});
