import { afterEach, describe, expect, it } from 'vitest';
import { createEmailChannel, suppressionList } from './deliver-email.service.js';
import type { DeliveryDeps } from './delivery-ports.js';
import { DELIVERY_SETTING } from './delivery-settings.js';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { fakeClock, planned, storeWithCustomers } from './delivery.fixtures.js';
import { listOutboxMessages, transportWait } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { type SwitchableSmtp, switchableSmtp } from './smtp-receiver.fixtures.js';
import { createTransportBreaker, type TransportBreaker } from './transport-breaker.js';
import { createSmtpMailer, type Mailer } from '../messaging/mailer.adapter.js';
import { builtInTemplatesDir, loadTemplate } from '../messaging/templates.adapter.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { Kysely } from 'kysely';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const T0 = '2026-05-10T12:00:00.000Z';

describe.each(dialects)('an SMTP outage on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let smtp: SwitchableSmtp | null = null;
  let mailer: Mailer | null = null;

  afterEach(async () => {
    await mailer?.close();
    await smtp?.stop();
    mailer = null;
    smtp = null;
  });

  /** A store with `n` messages due at T0, maxAttempts 2, and a worker's deps over a real SMTP mailer. */
  async function setUp(db: Kysely<Database>, n: number, server: SwitchableSmtp, breaker?: TransportBreaker) {
    const { storeId, customerIds } = await storeWithCustomers(db, n);
    await writeSetting(db, storeId, DELIVERY_SETTING, { maxAttempts: 2 }, T0);
    const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
    await planMessages(
      db,
      storeId,
      customerIds.map((c) => planned(storeId, c, { template: 'newsletter', data: sample })),
      T0,
    );
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      pool: true,
      maxConnections: 2,
      timeoutMs: 3_000,
    });
    const clock = fakeClock(T0);
    const channel = createEmailChannel({
      db,
      mailer,
      templatesDir: builtInTemplatesDir(),
      from: 'Shop <hello@shop.example>',
      publicUrl: 'https://regulars.shop.example',
      clock: clock.now,
    });
    const deps: DeliveryDeps = {
      db,
      channels: { email: channel },
      suppression: suppressionList,
      workerId: 'w1',
      clock: clock.now,
      leaseMs: 60_000,
      ...(breaker === undefined ? {} : { breakers: { email: breaker } }),
    };
    const run = () => runDeliveryWorker(deps, { storeId, once: true, concurrency: 4 });
    return { storeId, clock, run };
  }

  it('refused connections cost no attempt, however long they last; everything is sent once the server is back', async () => {
    const { db } = database();
    smtp = await switchableSmtp();
    const breaker = createTransportBreaker({ openAfter: 2, baseDelayMs: 1_000, maxDelayMs: 4_000 });
    const { storeId, clock, run } = await setUp(db, 6, smtp, breaker);

    const first = await run();
    expect(first).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    expect(first.deferred).toBeGreaterThan(0);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', lastError: expect.stringMatching(/ECONNREFUSED/) });
    // Far more rounds than maxAttempts (2) allows, each probing with one message.
    for (let round = 0; round < 6; round++) {
      clock.set(new Date(Date.parse(clock.now()) + 10_000).toISOString());
      expect(await run()).toMatchObject({ sent: 0, failed: 0, retried: 0, deferred: 1 });
    }
    const waiting = await listOutboxMessages(db, storeId);
    expect(waiting.map((m) => [m.status, m.attempts])).toEqual(waiting.map(() => ['postponed', 0]));
    expect(waiting.every((m) => m.reason?.startsWith('transport_unavailable:'))).toBe(true);
    expect(await transportWait(db, storeId)).toMatchObject({
      count: 6,
      lastReason: expect.stringMatching(/ECONNREFUSED/),
    });

    await smtp.start();
    clock.set(new Date(Date.parse(clock.now()) + 10_000).toISOString());
    expect(await run()).toMatchObject({ sent: 6, failed: 0, deferred: 0 });
    expect(breaker.snapshot().state).toBe('closed');
    const sent = await listOutboxMessages(db, storeId);
    expect(sent.map((m) => [m.status, m.attempts])).toEqual(sent.map(() => ['sent', 1]));
    expect(new Set(smtp.received.map((r) => r.messageId)).size).toBe(6);
    expect(smtp.received).toHaveLength(6);
    expect(await transportWait(db, storeId)).toMatchObject({ count: 0 });
  });

  it('a server answering 421 pauses sending without touching attempts; it resumes when the server takes mail', async () => {
    const { db } = database();
    smtp = await switchableSmtp();
    await smtp.start({ busy: true });
    const { storeId, clock, run } = await setUp(db, 5, smtp);

    for (let round = 0; round < 4; round++) {
      expect(await run()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
      clock.set(new Date(Date.parse(clock.now()) + 120_000).toISOString());
    }
    const waiting = await listOutboxMessages(db, storeId);
    expect(waiting.every((m) => m.attempts === 0 && m.status === 'postponed')).toBe(true);
    expect(waiting[0].reason).toMatch(/^transport_unavailable: .*421/);

    await smtp.stop();
    await smtp.start();
    expect(await run()).toMatchObject({ sent: 5, failed: 0 });
    expect((await listOutboxMessages(db, storeId)).map((m) => m.attempts)).toEqual([1, 1, 1, 1, 1]);
    expect(smtp.received).toHaveLength(5);
  });

  it('a 550 for one recipient fails that message alone, after one attempt; the transport stays closed', async () => {
    const { db } = database();
    smtp = await switchableSmtp((address) => address === 'c2@example.com');
    await smtp.start();
    const breaker = createTransportBreaker({ openAfter: 1 });
    const { storeId, run } = await setUp(db, 5, smtp, breaker);

    expect(await run()).toMatchObject({ sent: 4, failed: 1, deferred: 0 });
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', failures: 0 });
    const messages = await listOutboxMessages(db, storeId);
    const refused = messages.filter((m) => m.status === 'failed');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ attempts: 1, reason: expect.stringMatching(/^attempt 1: .*550/) });
    expect(messages.filter((m) => m.status === 'sent').map((m) => m.attempts)).toEqual([1, 1, 1, 1]);
    expect(smtp.received.flatMap((r) => r.to).sort()).toEqual([
      'c0@example.com',
      'c1@example.com',
      'c3@example.com',
      'c4@example.com',
    ]);
  });
});
