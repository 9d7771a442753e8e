import { afterEach, describe, expect, it } from 'vitest';
import { changeCustomerPreferences } from '../consent/index.js';
import { findCustomer } from '../customers/index.js';
import { createEmailChannel, suppressionList } from './deliver-email.service.js';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { fakeClock, planned, storeWithCustomers } from './delivery.fixtures.js';
import { listOutboxMessages } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { type SwitchableSmtp, switchableSmtp } from './smtp-receiver.fixtures.js';
import { createSmtpMailer, type Mailer } from '../messaging/mailer.adapter.js';
import { builtInTemplatesDir, loadTemplate } from '../messaging/templates.adapter.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const T0 = '2026-05-10T12:00:00.000Z';

/**
 * The preference center's choices, held by the worker at send time over a real SMTP server: a
 * topic turned off stops exactly that topic's messages (planned before the choice), the rest go.
 */
describe.each(dialects)('preferences at send time on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let smtp: SwitchableSmtp | null = null;
  let mailer: Mailer | null = null;

  afterEach(async () => {
    await mailer?.close();
    await smtp?.stop();
  });

  it('a customer who turned off the newsletter gets the replenishment reminder and not the newsletter', async () => {
    const { db } = database();
    smtp = await switchableSmtp();
    await smtp.start();
    const { storeId, customerIds } = await storeWithCustomers(db, 3);
    const [choosy, everything, snoozer] = customerIds;
    const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
    const message = (customerId: string, flow: string, topic: string) =>
      planned(storeId, customerId, {
        flow,
        topic,
        triggerKey: `${flow}-1`,
        template: 'newsletter',
        data: sample,
        sendAt: T0,
      });
    // Planned first, chosen after: the worker reads the choice when it sends.
    await planMessages(
      db,
      storeId,
      customerIds.flatMap((c) => [
        message(c, 'spring-news', 'newsletter'),
        message(c, 'replenishment', 'replenishment'),
      ]),
      T0,
    );
    const context = { now: T0, ip: null, source: 'test' };
    await changeCustomerPreferences(
      db,
      (await findCustomer(db, storeId, choosy))!,
      { topics: { newsletter: false } },
      context,
    );
    await changeCustomerPreferences(db, (await findCustomer(db, storeId, snoozer))!, { snooze: true }, context);

    mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, timeoutMs: 5_000 });
    const clock = fakeClock(T0);
    const channel = createEmailChannel({
      db,
      mailer,
      templatesDir: builtInTemplatesDir(),
      from: 'Shop <hello@shop.example>',
      publicUrl: 'https://regulars.shop.example',
      clock: clock.now,
    });
    // No frequency cap in the way: the store's default allows one marketing message per day, so
    // the two messages of a customer are spaced by the test clock.
    const deps = {
      db,
      channels: { email: channel },
      suppression: suppressionList,
      workerId: 'w1',
      clock: clock.now,
      leaseMs: 60_000,
    };
    await runDeliveryWorker(deps, { storeId, once: true, concurrency: 1 });
    clock.advanceHours(25);
    await runDeliveryWorker(deps, { storeId, once: true, concurrency: 1 });
    clock.advanceHours(25);
    await runDeliveryWorker(deps, { storeId, once: true, concurrency: 1 });

    const to = smtp.received.flatMap((r) => r.to).sort();
    const outboxNow = await listOutboxMessages(db, storeId);
    expect(to, JSON.stringify(outboxNow.map((m) => [m.customerId, m.flow, m.status, m.reason]))).toEqual([
      'c0@example.com',
      'c1@example.com',
      'c1@example.com',
    ]);
    const outbox = await listOutboxMessages(db, storeId);
    const of = (customerId: string, flow: string) =>
      outbox.find((m) => m.customerId === customerId && m.flow === flow)!;
    expect(of(choosy, 'spring-news')).toMatchObject({
      status: 'skipped',
      reason: 'preference: the customer turned off newsletter (topic newsletter)',
    });
    expect(of(choosy, 'replenishment').status).toBe('sent');
    expect(of(everything, 'spring-news').status).toBe('sent');
    expect(of(everything, 'replenishment').status).toBe('sent');
    for (const flow of ['spring-news', 'replenishment'])
      expect(of(snoozer, flow)).toMatchObject({
        status: 'skipped',
        reason: expect.stringMatching(/^preference: the customer snoozed marketing messages until 2026-06-09T12:00:00/),
      });
  });
});
