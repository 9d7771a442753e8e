import { describe, expect, it } from 'vitest';
import { deliverMessages } from './deliver-message.service.js';
import { unsubscribeByToken, unsubscribeLinks } from '../consent/unsubscribe.service.js';
import { DEFAULT_DELIVERY_SETTINGS, DELIVERY_SETTING } from './delivery-settings.js';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { openDatabase } from '../../platform/database/database.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { claimDueMessages, findOutboxMessage, listOutboxMessages, markSendingMany } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { findUnsubscribeSecret, UNSUBSCRIBE_SECRET_SETTING } from '../../platform/stores/store-secret.repository.js';
import { recordSuppression } from '../consent/suppression.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { deps, fakeClock, planned, recordingChannel, storeWithCustomers } from './delivery.fixtures.js';

// Noon UTC: outside the default quiet hours (21:00-08:00) of a UTC customer.
const T0 = '2026-05-10T12:00:00.000Z';
const hours = (h: number) => new Date(Date.parse(T0) + h * 3_600_000).toISOString();

describe.each(dialects)('delivery on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('sends a due message once, recording the attempt and the provider id', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1);
    await planMessages(db, storeId, [planned(storeId, customerIds[0])], T0);
    const channel = recordingChannel();
    const clock = fakeClock(T0);
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({ sent: 1 });
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({ sent: 0 });
    expect(channel.deliveries).toHaveLength(1);
    expect(channel.deliveries[0]).toMatchObject({
      address: 'c0@example.com',
      message: { idempotencyKey: `win-back:${customerIds[0]}:step-1`, attempts: 1 },
    });
    const [row] = await listOutboxMessages(db, storeId);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: T0,
      lastAttemptAt: T0,
      providerMessageId: `prov-${row.id}`,
      leaseOwner: null,
    });
  });

  it('needs marketing consent for marketing, none for transactional; suppression stops both as its reasons say', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 3, { consent: false });
    const [a, b, c] = customerIds;
    await recordSuppression(
      db,
      storeId,
      {
        channel: 'email',
        address: 'C2@example.com',
        reason: 'bounced',
        customerId: null,
        source: 'esp',
        detail: '550 5.1.1',
        occurredAt: T0,
      },
      T0,
    );
    await recordSuppression(
      db,
      storeId,
      {
        channel: 'email',
        address: 'c1@example.com',
        reason: 'unsubscribed',
        customerId: b,
        source: 'api',
        detail: null,
        occurredAt: T0,
      },
      T0,
    );
    await recordConsent(db, storeId, b, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'api',
      recordedAt: T0,
      ip: null,
      doubleOptInAt: null,
    });
    await planMessages(
      db,
      storeId,
      [
        planned(storeId, a), // no consent
        planned(storeId, a, { flow: 'order-confirmation', purpose: 'transactional', triggerKey: 'order:1' }),
        planned(storeId, b), // consent, but unsubscribed on the suppression list
        planned(storeId, b, { flow: 'order-confirmation', purpose: 'transactional', triggerKey: 'order:2' }),
        planned(storeId, c, { flow: 'order-confirmation', purpose: 'transactional', triggerKey: 'order:3' }), // bounced
      ],
      T0,
    );
    const channel = recordingChannel();
    await runDeliveryWorker(deps(db, channel, fakeClock(T0).now), { storeId, once: true });
    const byKey = Object.fromEntries((await listOutboxMessages(db, storeId)).map((m) => [m.idempotencyKey, m]));
    expect(byKey[`win-back:${a}:step-1`]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^no_consent/),
    });
    expect(byKey[`order-confirmation:${a}:order:1`]).toMatchObject({ status: 'sent' });
    expect(byKey[`win-back:${b}:step-1`]).toMatchObject({ status: 'skipped', reason: 'suppressed: unsubscribed' });
    expect(byKey[`order-confirmation:${b}:order:2`]).toMatchObject({ status: 'sent' });
    expect(byKey[`order-confirmation:${c}:order:3`]).toMatchObject({
      status: 'skipped',
      reason: 'suppressed: bounced',
    });
    // A message the checks hold back was never attempted (on PostgreSQL the checks' statement marks
    // it 'sending' and the skip undoes that); the ones sent count one attempt.
    for (const key of [`win-back:${a}:step-1`, `win-back:${b}:step-1`, `order-confirmation:${c}:order:3`])
      expect(byKey[key]).toMatchObject({ attempts: 0, lastAttemptAt: null });
    expect(byKey[`order-confirmation:${a}:order:1`]).toMatchObject({ attempts: 1, lastAttemptAt: T0 });
    expect(channel.deliveries).toHaveLength(2);
  });

  it('caps marketing across flows: a second email within 16 h waits, a fourth in a week waits or is dropped by priority; transactional is never capped', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1);
    const c = customerIds[0];
    await writeSetting(db, storeId, DELIVERY_SETTING, { quietHours: null }, T0);
    const channel = recordingChannel();
    const clock = fakeClock(T0);
    const run = () => runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true, concurrency: 4 });
    await planMessages(
      db,
      storeId,
      [
        planned(storeId, c, { flow: 'win-back', sendAt: T0 }),
        planned(storeId, c, { flow: 'replenishment', sendAt: T0 }),
        planned(storeId, c, { flow: 'order-confirmation', purpose: 'transactional', sendAt: T0 }),
      ],
      T0,
    );
    expect(await run()).toMatchObject({ sent: 2, postponed: 1 });
    const second = (await listOutboxMessages(db, storeId, { status: 'postponed' }))[0];
    expect(second).toMatchObject({
      sendAt: hours(16),
      reason: expect.stringMatching(/^frequency_cap/),
      attempts: 0,
      lastAttemptAt: null,
    });
    clock.set(hours(16));
    expect(await run()).toMatchObject({ sent: 1 });
    // Third marketing email at +32 h; a fourth then waits for the first to leave the week (T0 + 7 days).
    await planMessages(db, storeId, [planned(storeId, c, { flow: 'birthday', sendAt: hours(32) })], hours(32));
    clock.set(hours(32));
    expect(await run()).toMatchObject({ sent: 1 });
    await planMessages(
      db,
      storeId,
      [
        planned(storeId, c, { flow: 'campaign', triggerKey: 'spring', sendAt: hours(50), priority: 60 }),
        planned(storeId, c, { flow: 'campaign', triggerKey: 'newsletter', sendAt: hours(50), priority: 10 }),
      ],
      hours(50),
    );
    clock.set(hours(50));
    expect(await run()).toMatchObject({ postponed: 1, skipped: 1 });
    const byTrigger = Object.fromEntries(
      (await listOutboxMessages(db, storeId, { customerId: c })).map((m) => [m.triggerKey, m]),
    );
    expect(byTrigger.spring).toMatchObject({ status: 'postponed', sendAt: hours(168) });
    expect(byTrigger.newsletter).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^frequency_cap.*dropped/),
    });
    clock.set(hours(168));
    expect(await run()).toMatchObject({ sent: 1 });
    expect(channel.deliveries.filter((d) => d.message.purpose === 'marketing')).toHaveLength(4);
  });

  it('gives the cap slot to the highest priority of messages due together, in small concurrent batches: 20/20', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 20);
    await writeSetting(db, storeId, DELIVERY_SETTING, { quietHours: null }, T0);
    // Lowest priority planned first, and for half the customers also due a little earlier: the
    // order the outbox hands them out in must not decide which one takes the slot.
    const earlier = new Date(Date.parse(T0) - 5 * 60_000).toISOString();
    await planMessages(
      db,
      storeId,
      customerIds.flatMap((c, i) => [
        planned(storeId, c, { flow: 'birthday', priority: 20, sendAt: i % 2 === 0 ? earlier : T0 }),
        planned(storeId, c, { flow: 'replenishment', priority: 60, sendAt: i % 2 === 0 ? earlier : T0 }),
        planned(storeId, c, { flow: 'win-back', priority: 90, sendAt: T0 }),
      ]),
      T0,
    );
    const channel = recordingChannel();
    const clock = fakeClock(T0);
    const run = () =>
      Promise.all(
        ['w1', 'w2'].map((worker) =>
          runDeliveryWorker(deps(db, channel, clock.now, worker), {
            storeId,
            once: true,
            batchSize: 7,
            concurrency: 4,
          }),
        ),
      );
    await run();
    // Those that yielded are decided again a minute later, once the winner went out.
    clock.set(new Date(Date.parse(T0) + 2 * 60_000).toISOString());
    await run();
    const sent = channel.deliveries.map((d) => `${d.customer.id}:${d.message.flow}`).sort();
    expect(sent).toEqual(customerIds.map((c) => `${c}:win-back`).sort());
    const rows = await listOutboxMessages(db, storeId);
    for (const row of rows.filter((r) => r.flow === 'replenishment'))
      expect(row).toMatchObject({
        status: 'postponed',
        sendAt: hours(16),
        reason: expect.stringMatching(/^frequency_cap/),
      });
    for (const row of rows.filter((r) => r.flow === 'birthday'))
      expect(row).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^frequency_cap: .*dropped$/) });
  });

  it("waits out quiet hours in the customer's zone, across the New York March change, and uses the store zone for others", async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1, { timeZone: 'America/New_York' });
    const berlin = await upsertCustomerByExternalId(db, storeId, { externalId: 'berlin', email: 'b@example.com' });
    await recordConsent(db, storeId, berlin.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'api',
      recordedAt: T0,
      ip: null,
      doubleOptInAt: null,
    });
    await writeSetting(db, storeId, DELIVERY_SETTING, { timeZone: 'Europe/Berlin' }, T0);
    // 22:00 EST on 7 March in New York; 04:00 CET on 8 March in Berlin.
    const night = '2026-03-08T03:00:00.000Z';
    await planMessages(
      db,
      storeId,
      [planned(storeId, customerIds[0], { sendAt: night }), planned(storeId, berlin.id, { sendAt: night })],
      night,
    );
    const channel = recordingChannel();
    const clock = fakeClock(night);
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({
      postponed: 2,
    });
    const byCustomer = Object.fromEntries((await listOutboxMessages(db, storeId)).map((m) => [m.customerId, m]));
    // 08:00 EDT (the clocks went forward at 02:00) and 08:00 CET.
    expect(byCustomer[customerIds[0]]).toMatchObject({
      sendAt: '2026-03-08T12:00:00.000Z',
      reason: 'quiet_hours: 21:00-08:00 in America/New_York',
    });
    expect(byCustomer[berlin.id]).toMatchObject({
      sendAt: '2026-03-08T07:00:00.000Z',
      reason: 'quiet_hours: 21:00-08:00 in Europe/Berlin',
    });
    clock.set('2026-03-08T07:00:00.000Z');
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({ sent: 1 });
    clock.set('2026-03-08T12:00:00.000Z');
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({ sent: 1 });
  });

  it('stops all later sends when the customer unsubscribes mid-campaign (one-click, between two batches)', async () => {
    const { db } = database();
    const clock = fakeClock(T0);
    let batches = 0;
    // Ten customers, two campaign messages each: part 1 in the first batch of ten, part 2 in the second.
    // Between the two, customers 0-4 click the one-click unsubscribe link.
    const { storeId: s2, customerIds: c2 } = await storeWithCustomers(db, 10);
    await writeSetting(db, s2, DELIVERY_SETTING, { frequencyCap: { minHoursBetween: 0, maxPerWindow: 0 } }, T0);
    await planMessages(
      db,
      s2,
      c2.flatMap((c, i) => [
        planned(s2, c, {
          flow: 'campaign',
          triggerKey: 'part-1',
          sendAt: new Date(Date.parse(T0) - 100_000 + i).toISOString(),
        }),
        planned(s2, c, { flow: 'campaign', triggerKey: 'part-2', sendAt: T0 }),
      ]),
      T0,
    );
    const second = recordingChannel();
    const tokens = await Promise.all(
      c2
        .slice(0, 5)
        .map((c) => unsubscribeLinks(db, { storeId: s2, customerId: c, publicUrl: 'https://r.example', now: T0 })),
    );
    let unsubscribed = false;
    await runDeliveryWorker(deps(db, second, clock.now), {
      storeId: s2,
      once: true,
      batchSize: 10,
      concurrency: 1,
      onProgress: async () => {
        batches++;
        if (unsubscribed) return;
        unsubscribed = true;
        for (const link of tokens) await unsubscribeByToken(db, link.token, { now: T0, ip: null });
      },
    });
    const rows = await listOutboxMessages(db, s2);
    const part2 = rows.filter((m) => m.triggerKey === 'part-2');
    expect(rows.filter((m) => m.triggerKey === 'part-1').every((m) => m.status === 'sent')).toBe(true);
    for (const m of part2) expect(m.status).toBe(c2.indexOf(m.customerId) < 5 ? 'skipped' : 'sent');
    expect(batches).toBe(2);
    expect(second.deliveries).toHaveLength(15);
  });

  it('retries a failing send with backoff, then fails it; a permanent error fails at once', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 2);
    await writeSetting(db, storeId, DELIVERY_SETTING, { maxAttempts: 3 }, T0);
    await planMessages(
      db,
      storeId,
      [planned(storeId, customerIds[0]), planned(storeId, customerIds[1], { flow: 'birthday' })],
      T0,
    );
    const channel = recordingChannel((d) =>
      d.message.flow === 'birthday'
        ? Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 })
        : new Error('connection reset'),
    );
    const clock = fakeClock(T0);
    const run = () => runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true });
    expect(await run()).toMatchObject({ retried: 1, failed: 1 });
    const [transient] = await listOutboxMessages(db, storeId, { status: 'postponed' });
    expect(transient).toMatchObject({
      attempts: 1,
      sendAt: '2026-05-10T12:01:00.000Z',
      reason: 'retry: attempt 1 failed: connection reset',
    });
    expect(await listOutboxMessages(db, storeId, { status: 'failed' })).toMatchObject([
      { flow: 'birthday', attempts: 1, reason: 'attempt 1: 550 mailbox unavailable' },
    ]);
    clock.set('2026-05-10T12:01:00.000Z');
    expect(await run()).toMatchObject({ retried: 1 });
    clock.set('2026-05-10T12:03:00.000Z');
    expect(await run()).toMatchObject({ failed: 1 });
    expect(await findOutboxMessage(db, storeId, transient.id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('sends again, as attempt 2, a message whose worker died while sending; skips it if the customer unsubscribed meanwhile', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 2);
    await planMessages(
      db,
      storeId,
      customerIds.map((c) => planned(storeId, c)),
      T0,
    );
    // A worker claims both, records the attempts, and dies before any acknowledgement.
    const claimed = await claimDueMessages(db, {
      storeId,
      workerId: 'dead',
      now: T0,
      leaseUntil: hours(0.5),
      limit: 10,
    });
    await markSendingMany(db, {
      storeId,
      ids: claimed.map((m) => m.id),
      workerId: 'dead',
      now: T0,
      leaseUntil: hours(0.5),
    });
    await recordConsent(db, storeId, customerIds[1], {
      channel: 'email',
      purpose: 'marketing',
      status: 'revoked',
      source: 'api',
      recordedAt: hours(0.2),
      ip: null,
      doubleOptInAt: null,
    });
    const channel = recordingChannel();
    const clock = fakeClock(hours(0.25));
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({ sent: 0 }); // leases still live
    clock.set(hours(0.5));
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({
      sent: 1,
      skipped: 1,
    });
    const byCustomer = Object.fromEntries((await listOutboxMessages(db, storeId)).map((m) => [m.customerId, m]));
    expect(byCustomer[customerIds[0]]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(byCustomer[customerIds[1]]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^no_consent.*not acknowledged and may have been delivered/),
    });
  });

  it("hands the channel the store's unsubscribe secret as stored at each send: a deleted one is never used again", async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 3);
    const channel = recordingChannel();
    const clock = fakeClock(T0);
    const sendTo = async (i: number) => {
      await planMessages(db, storeId, [planned(storeId, customerIds[i])], clock.now());
      expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({ sent: 1 });
    };
    // None yet: the channel makes it on its first link.
    await sendTo(0);
    expect(channel.deliveries[0].unsubscribeSecret).toBeNull();
    await unsubscribeLinks(db, { storeId, customerId: customerIds[0], publicUrl: 'https://x.example', now: T0 });
    const first = await findUnsubscribeSecret(db, storeId);
    expect(first).not.toBeNull();
    await sendTo(1);
    expect(channel.deliveries[1].unsubscribeSecret).toEqual(first);
    // Deleting the setting rotates the secret (docs/messaging.md): the next send sees it gone at once.
    await db
      .deleteFrom('store_settings')
      .where('store_id', '=', storeId)
      .where('name', '=', UNSUBSCRIBE_SECRET_SETTING)
      .execute();
    await sendTo(2);
    expect(channel.deliveries[2].unsubscribeSecret).toBeNull();
  });

  it('does nothing with a message whose lease another worker took over', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1);
    await planMessages(db, storeId, [planned(storeId, customerIds[0])], T0);
    const [message] = await listOutboxMessages(db, storeId);
    const channel = recordingChannel();
    const outcomes: string[] = [];
    await deliverMessages(
      deps(db, channel, () => T0, 'not-the-owner'),
      storeId,
      [message],
      DEFAULT_DELIVERY_SETTINGS,
      {
        concurrency: 1,
        onOutcome: (_, outcome) => outcomes.push(outcome),
        onError: (_, error) => {
          throw error;
        },
      },
    );
    expect(outcomes).toEqual(['lost_lease']);
    expect(channel.deliveries).toHaveLength(0);
  });
});

// PostgreSQL only: SQLite has one writer, and two of its synchronous connections in one process
// would wait on each other's lock (workers on SQLite are separate processes: the crash test).
describe.skipIf(!dialects.includes('postgres'))('two delivery workers on postgres', () => {
  const database = useTestDatabase('postgres');

  it('shares 1,000 messages between two workers on separate connections: each sent exactly once', async () => {
    const { db, target } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 100);
    await writeSetting(
      db,
      storeId,
      DELIVERY_SETTING,
      { frequencyCap: { minHoursBetween: 0, maxPerWindow: 0 }, quietHours: null },
      T0,
    );
    await planMessages(
      db,
      storeId,
      Array.from({ length: 1000 }, (_, i) => planned(storeId, customerIds[i % 100], { triggerKey: `t-${i}` })),
      T0,
    );
    const channel = recordingChannel();
    const workers = [openDatabase(target), openDatabase(target)];
    try {
      const totals = await Promise.all(
        workers.map((w, i) =>
          runDeliveryWorker(
            deps(w, channel, () => T0, `worker-${i}`),
            { storeId, once: true, batchSize: 25, concurrency: 4 },
          ),
        ),
      );
      expect(totals[0].sent + totals[1].sent).toBe(1000);
      // Both took part (batches of 25 interleave), and neither sent what the other did.
      expect(Math.min(totals[0].sent, totals[1].sent)).toBeGreaterThan(0);
      const ids = channel.deliveries.map((d) => d.message.id);
      expect(ids).toHaveLength(1000);
      expect(new Set(ids).size).toBe(1000);
      expect((await listOutboxMessages(db, storeId, { status: 'sent' })).length).toBe(1000);
    } finally {
      await Promise.all(workers.map((w) => w.destroy()));
    }
  });
});
