import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { planMessages } from './plan-messages.service.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { deps, fakeClock, planned, recordingChannel, storeWithCustomers } from './delivery.fixtures.js';

// Noon UTC: outside the default quiet hours of a UTC customer.
const T0 = '2026-05-10T12:00:00.000Z';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(dialects)('the delivery worker when the database fails on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('keeps polling through failed rounds, waiting longer after each, and delivers once the database answers again', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1);
    await planMessages(db, storeId, [planned(storeId, customerIds[0])], T0);
    const channel = recordingChannel();
    // The outbox out of reach: every round fails on its first query, as while the database restarts.
    await sql`alter table outbox_messages rename to outbox_messages_away`.execute(db);
    const controller = new AbortController();
    const retries: number[] = [];
    const worker = runDeliveryWorker(deps(db, channel, fakeClock(T0).now), {
      storeId,
      pollMs: 20,
      signal: controller.signal,
      onRoundError: (_error, retryInMs) => retries.push(retryInMs),
    });
    try {
      while (retries.length < 3) await sleep(10);
      await sql`alter table outbox_messages_away rename to outbox_messages`.execute(db);
      for (let waited = 0; channel.deliveries.length === 0 && waited < 10_000; waited += 20) await sleep(20);
    } finally {
      controller.abort();
    }
    const totals = await worker;
    expect(totals.sent).toBe(1);
    expect(channel.deliveries).toHaveLength(1);
    expect(retries.slice(0, 3)).toEqual([20, 40, 80]);
  });

  it('with once, stops with the error instead', async () => {
    const { db } = database();
    const { storeId } = await storeWithCustomers(db, 1);
    await sql`alter table outbox_messages rename to outbox_messages_away`.execute(db);
    try {
      await expect(
        runDeliveryWorker(deps(db, recordingChannel(), fakeClock(T0).now), { storeId, once: true }),
      ).rejects.toThrow(/outbox_messages/);
    } finally {
      await sql`alter table outbox_messages_away rename to outbox_messages`.execute(db);
    }
  });
});

describe.each(dialects)('the delivery worker stopping on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('finishes the send in flight and gives the rest of its batch back, for another worker to send at once', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 5);
    await planMessages(
      db,
      storeId,
      customerIds.map((id) => planned(storeId, id)),
      T0,
    );
    const controller = new AbortController();
    const inFlight = recordingChannel();
    // TERM arrives while the first message is with the mail server.
    const slow = {
      async send(delivery: Parameters<typeof inFlight.send>[0]) {
        controller.abort();
        await sleep(50);
        return inFlight.send(delivery);
      },
    };
    const stopped = await runDeliveryWorker(deps(db, slow, fakeClock(T0).now, 'stopping'), {
      storeId,
      concurrency: 1,
      signal: controller.signal,
    });
    expect(stopped.sent).toBe(1);
    expect(inFlight.deliveries).toHaveLength(1);
    const rows = await db
      .selectFrom('outbox_messages')
      .select(['status', 'lease_owner'])
      .where('store_id', '=', storeId)
      .execute();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status !== 'sent').map((r) => r.lease_owner)).toEqual([null, null, null, null]);
    // Same instant: no lease to wait for.
    const next = recordingChannel();
    const after = await runDeliveryWorker(deps(db, next, fakeClock(T0).now, 'next'), { storeId, once: true });
    expect(after.sent).toBe(4);
  });
});
