import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressionList } from './deliver-email.service.js';
import { createWebhookChannel } from './deliver-webhook.service.js';
import { builtInTemplatesDir } from '../messaging/templates.adapter.js';
import { createWebhookSender } from '../messaging/webhook-channel.adapter.js';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listOutboxMessages } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { DELIVERY_SETTING } from './delivery-settings.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { fakeClock, planned } from './delivery.fixtures.js';
import { freePort } from './smtp-receiver.fixtures.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

const data = {
  shop: {
    name: 'Sunny Beans',
    url: 'https://beans.example',
    support_email: 'help@beans.example',
    address: '1 Roast St',
  },
  coupon: { code: 'COMEBACK-1234', description: '15% off', expires_on: '2026-06-01' },
};

/** The worker's webhook channel against a real HTTP receiver that verifies signatures as docs/messaging.md says. */
describe.each(dialects)('the webhook channel in the worker on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const secret = 'whsec_worker_0123456789';
  let receiver: WebhookReceiver;
  /** The deliveries so far, with their JSON bodies parsed. */
  const received = () => receiver.received.map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
  beforeAll(async () => {
    receiver = await startWebhookReceiver(secret, '/sms');
  });
  afterAll(() => receiver.close());

  it('sends an SMS-consented customer their message as a signed POST with the rendered text, once', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sunny Beans' });
    const texter = await upsertCustomerByExternalId(db, store.id, {
      externalId: 'sms-1',
      phone: '+447700900123',
      firstName: 'Ada',
    });
    const silent = await upsertCustomerByExternalId(db, store.id, { externalId: 'sms-2', phone: '+447700900456' });
    await recordConsent(db, store.id, texter.id, {
      channel: 'sms',
      purpose: 'marketing',
      status: 'granted',
      source: 'checkout',
      recordedAt: '2026-01-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    await planMessages(
      db,
      store.id,
      [texter, silent].map((c) =>
        planned(store.id, c.id, {
          channel: 'webhook',
          consentChannel: 'sms',
          template: 'win-back-2',
          data,
          sendAt: '2026-05-01T10:00:00Z',
        }),
      ),
      '2026-05-01T09:00:00Z',
    );
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const channel = createWebhookChannel({
      db,
      sender: createWebhookSender({ url: receiver.url, secret }),
      templatesDir: builtInTemplatesDir(),
      publicUrl: 'https://regulars.example',
      clock: clock.now,
    });
    const totals = await runDeliveryWorker(
      {
        db,
        channels: { webhook: channel },
        suppression: suppressionList,
        workerId: 'w',
        clock: clock.now,
        leaseMs: 60_000,
      },
      { storeId: store.id, once: true },
    );
    expect(totals).toMatchObject({ sent: 1, skipped: 1 });
    const mine = received().filter((r) => r.body.customerId === 'sms-1' || r.body.customerId === 'sms-2');
    expect(mine).toHaveLength(1);
    const [delivery] = mine;
    expect(delivery.verified).toBe(true);
    expect(delivery.body).toMatchObject({
      channel: 'sms',
      to: '+447700900123',
      customerId: 'sms-1',
      flow: 'win-back',
      purpose: 'marketing',
      template: 'win-back-2',
    });
    // The template's SMS part, in one message with its STOP line; never the email's text and footer.
    expect(delivery.body.text).toBe(
      'Sunny Beans: Hi Ada, your code COMEBACK-1234 for 15% off ends 2026-06-01: https://beans.example\nReply STOP to opt out',
    );
    expect(delivery.body).not.toHaveProperty('subject');
    expect(delivery.body.unsubscribeUrl).toMatch(/^https:\/\/regulars\.example\/u\//);
    const messages = await listOutboxMessages(db, store.id);
    const sent = messages.find((m) => m.customerId === texter.id);
    expect(delivery.headers['x-regulars-delivery']).toBe(sent?.idempotencyKey);
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: sent?.idempotencyKey });
    expect(messages.find((m) => m.customerId === silent.id)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^no_consent/),
    });
  });
  it('fails, never sending the email text, a message whose template has no SMS part', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sunny Beans' });
    const texter = await upsertCustomerByExternalId(db, store.id, { externalId: 'sms-3', phone: '+447700900789' });
    await recordConsent(db, store.id, texter.id, {
      channel: 'sms',
      purpose: 'marketing',
      status: 'granted',
      source: 'checkout',
      recordedAt: '2026-01-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    const templatesDir = mkdtempSync(path.join(tmpdir(), 'regulars-sms-'));
    try {
      cpSync(builtInTemplatesDir(), templatesDir, { recursive: true });
      rmSync(path.join(templatesDir, 'win-back-2', 'sms.liquid'));
      await planMessages(
        db,
        store.id,
        [
          planned(store.id, texter.id, {
            channel: 'webhook',
            consentChannel: 'sms',
            template: 'win-back-2',
            data: { shop: { name: 'Sunny Beans', url: 'https://beans.example' } },
            sendAt: '2026-05-01T10:00:00Z',
          }),
        ],
        '2026-05-01T09:00:00Z',
      );
      const clock = fakeClock('2026-05-01T10:00:00Z');
      const before = receiver.received.length;
      const channel = createWebhookChannel({
        db,
        sender: createWebhookSender({ url: receiver.url, secret }),
        templatesDir,
        publicUrl: 'https://regulars.example',
        clock: clock.now,
      });
      const totals = await runDeliveryWorker(
        {
          db,
          channels: { webhook: channel },
          suppression: suppressionList,
          workerId: 'w',
          clock: clock.now,
          leaseMs: 60_000,
        },
        { storeId: store.id, once: true },
      );
      expect(totals).toMatchObject({ sent: 0, failed: 1 });
      expect(receiver.received.length).toBe(before);
      expect((await listOutboxMessages(db, store.id))[0]).toMatchObject({
        status: 'failed',
        reason: expect.stringContaining('win-back-2 has no sms.liquid'),
      });
    } finally {
      rmSync(templatesDir, { recursive: true, force: true });
    }
  });

  /** A store with `n` SMS-consented customers (sms-0 ...) and one webhook message each, due at 10:00, maxAttempts 2. */
  async function smsMessages(db: Kysely<Database>, n: number) {
    const { store } = await createStore(db, { name: 'Outage Beans' });
    const customers = [];
    for (let i = 0; i < n; i++) {
      const customer = await upsertCustomerByExternalId(db, store.id, {
        externalId: `sms-${i}`,
        phone: `+4477009000${i}`,
      });
      await recordConsent(db, store.id, customer.id, {
        channel: 'sms',
        purpose: 'marketing',
        status: 'granted',
        source: 'checkout',
        recordedAt: '2026-01-01T00:00:00Z',
        ip: null,
        doubleOptInAt: null,
      });
      customers.push(customer);
    }
    await writeSetting(db, store.id, DELIVERY_SETTING, { maxAttempts: 2 }, '2026-05-01T09:00:00Z');
    await planMessages(
      db,
      store.id,
      customers.map((c) =>
        planned(store.id, c.id, {
          channel: 'webhook',
          consentChannel: 'sms',
          template: 'win-back-2',
          data,
          sendAt: '2026-05-01T10:00:00Z',
        }),
      ),
      '2026-05-01T09:00:00Z',
    );
    return store.id;
  }

  function worker(db: Kysely<Database>, url: string, clock: ReturnType<typeof fakeClock>, storeId: string) {
    const channel = createWebhookChannel({
      db,
      sender: createWebhookSender({ url, secret, timeoutMs: 2_000 }),
      templatesDir: builtInTemplatesDir(),
      publicUrl: 'https://regulars.example',
      clock: clock.now,
    });
    return () =>
      runDeliveryWorker(
        {
          db,
          channels: { webhook: channel },
          suppression: suppressionList,
          workerId: 'w',
          clock: clock.now,
          leaseMs: 60_000,
        },
        { storeId, once: true },
      );
  }

  const later = (clock: ReturnType<typeof fakeClock>) =>
    clock.set(new Date(Date.parse(clock.now()) + 120_000).toISOString());

  it("an endpoint's 5xx and 429 cost no attempt and the messages go once it answers; a 400 is the message's", async () => {
    const { db } = database();
    const storeId = await smsMessages(db, 3);
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const run = worker(db, receiver.url, clock, storeId);
    try {
      for (const status of [503, 429, 500, 503]) {
        receiver.answer = (response) => void response.writeHead(status).end('busy');
        expect(await run()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
        later(clock);
      }
      const waiting = await listOutboxMessages(db, storeId);
      expect(waiting.map((m) => [m.status, m.attempts])).toEqual([
        ['postponed', 0],
        ['postponed', 0],
        ['postponed', 0],
      ]);
      expect(waiting[0].reason).toMatch(/^transport_unavailable: .*answered (503|429|500)/);

      receiver.answer = (response) => {
        const last = JSON.parse(receiver.received.at(-1)!.body) as { customerId: string };
        response.writeHead(last.customerId === 'sms-0' ? 400 : 202).end();
      };
      expect(await run()).toMatchObject({ sent: 2, retried: 1 });
      const after = await listOutboxMessages(db, storeId);
      expect(after.map((m) => [m.status, m.attempts])).toEqual([
        ['postponed', 1],
        ['sent', 1],
        ['sent', 1],
      ]);
      expect(after[0].reason).toMatch(/^retry: attempt 1 failed: .*400/);
    } finally {
      receiver.answer = (response) => void response.writeHead(202).end();
    }
  });

  it('a refused connection to the endpoint costs no attempt', async () => {
    const { db } = database();
    const storeId = await smsMessages(db, 2);
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const run = worker(db, `http://127.0.0.1:${await freePort()}/sms`, clock, storeId);
    for (let round = 0; round < 4; round++) {
      expect(await run()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
      later(clock);
    }
    const waiting = await listOutboxMessages(db, storeId);
    expect(waiting.map((m) => [m.status, m.attempts, m.reason?.slice(0, 22)])).toEqual([
      ['postponed', 0, 'transport_unavailable:'],
      ['postponed', 0, 'transport_unavailable:'],
    ]);
  });
});
