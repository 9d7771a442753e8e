import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { insertOutboxMessages, outboxMessageToRow } from './outbox.repository.js';
import { planned, storeWithCustomers } from './delivery.fixtures.js';
import { outboxLog, outboxLogMessage } from './outbox-log.service.js';
import { OUTBOX_LOG_STATUSES, type OutboxLogStatus } from './outbox-log.js';
import type { OutboxStatus } from './outbox-message.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const NOW = '2026-05-10T12:00:00.000Z';

/** One message per (stored status, reason) the send pipeline writes, and the log status each must show. */
const CASES: readonly [OutboxStatus, string | null, OutboxLogStatus][] = [
  ['sent', null, 'sent'],
  ['planned', null, 'queued'],
  ['postponed', 'retry: attempt 1 failed: timeout', 'retrying'],
  ['held_out', 'holdout: 10% of the win-back flow', 'held_out'],
  ['postponed', 'frequency_cap: at most 1 per 24 h', 'capped'],
  ['skipped', 'frequency_cap: at most 1 per 24 h; dropped', 'capped'],
  ['postponed', 'quiet_hours: 21:00-08:00 in UTC', 'quiet_hours'],
  ['skipped', 'suppressed: hard bounce', 'suppressed'],
  ['skipped', 'stopped_by_order: ordered at 2026-05-10', 'stopped_by_order'],
  ['skipped', 'no_consent: marketing consent on email is not recorded', 'no_consent'],
  ['skipped', 'some other reason', 'skipped'],
  ['failed', 'attempt 5: 550 mailbox unavailable', 'failed'],
  // `_` is LIKE's wildcard: a reason that would match `stopped_by_order:` as a LIKE pattern must not.
  ['skipped', 'stoppedXbyXorder: not a real prefix', 'skipped'],
];

async function seed(db: Kysely<Database>) {
  const { storeId, customerIds } = await storeWithCustomers(db, CASES.length);
  const rows = CASES.map(([status, reason], i) =>
    outboxMessageToRow(
      storeId,
      `msg_${String(i).padStart(4, '0')}`,
      planned(storeId, customerIds[i], {
        flow: i % 2 === 0 ? 'win-back' : 'campaign-spring',
        channel: i === 0 ? 'webhook' : 'email',
        sendAt: `2026-05-${String(1 + i).padStart(2, '0')}T12:00:00Z`,
        data: { n: i },
      }),
      { status, reason },
      NOW,
    ),
  );
  await insertOutboxMessages(db, storeId, rows);
  return { storeId, customerIds };
}

describe.each(dialects)('the outbox log on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('lists newest first with each status in plain terms, and filters by every status as it lists it', async () => {
    const { db } = database();
    const { storeId } = await seed(db);
    const all = await outboxLog(db, storeId, { limit: 100 });
    expect(all.nextCursor).toBeNull();
    expect(all.messages.map((m) => m.id)).toEqual(CASES.map((_, i) => `msg_${String(i).padStart(4, '0')}`).reverse());
    expect(all.messages.map((m) => m.status)).toEqual(CASES.map((c) => c[2]).reverse());
    expect(all.messages.at(-1)).toMatchObject({ customerId: 'c-0', flow: 'win-back', channel: 'webhook' });
    for (const status of OUTBOX_LOG_STATUSES) {
      const page = await outboxLog(db, storeId, { status, limit: 100 });
      const expected = CASES.flatMap((c, i) => (c[2] === status ? [`msg_${String(i).padStart(4, '0')}`] : []));
      expect(page.messages.map((m) => m.id).sort(), status).toEqual(expected);
    }
  });

  it('filters by flow, channel, customer and day range, and pages by cursor', async () => {
    const { db } = database();
    const { storeId } = await seed(db);
    const flow = await outboxLog(db, storeId, { flow: 'campaign-spring', limit: 100 });
    expect(flow.messages).toHaveLength(Math.floor(CASES.length / 2));
    expect(flow.messages.every((m) => m.flow === 'campaign-spring')).toBe(true);
    expect((await outboxLog(db, storeId, { channel: 'webhook', limit: 100 })).messages.map((m) => m.id)).toEqual([
      'msg_0000',
    ]);
    const byCustomer = await outboxLog(db, storeId, { customer: 'c-3', limit: 100 });
    expect(byCustomer.messages.map((m) => m.id)).toEqual(['msg_0003']);
    // 2026-05-02 .. 2026-05-04 inclusive: the messages due on those UTC days (i = 1, 2, 3).
    const days = await outboxLog(db, storeId, { from: '2026-05-02', to: '2026-05-04', limit: 100 });
    expect(days.messages.map((m) => m.id)).toEqual(['msg_0003', 'msg_0002', 'msg_0001']);

    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await outboxLog(db, storeId, { limit: 5, cursor });
      seen.push(...page.messages.map((m) => m.id));
      if (page.nextCursor === null) break;
      expect(page.messages).toHaveLength(5);
      cursor = page.nextCursor;
    }
    expect(seen).toEqual((await outboxLog(db, storeId, { limit: 100 })).messages.map((m) => m.id));
    await expect(outboxLog(db, storeId, { customer: 'nobody', limit: 5 })).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
  });

  it("shows one message with its data, and nothing of another store's outbox", async () => {
    const { db } = database();
    const { storeId } = await seed(db);
    const other = await storeWithCustomers(db, 1);
    expect(await outboxLogMessage(db, storeId, 'msg_0004')).toMatchObject({
      id: 'msg_0004',
      status: 'capped',
      outboxStatus: 'postponed',
      data: { n: 4 },
      triggerKey: 'step-1',
    });
    expect(await outboxLog(db, other.storeId, { limit: 100 })).toEqual({ messages: [], nextCursor: null });
    await expect(outboxLogMessage(db, other.storeId, 'msg_0004')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The other store's own c-0 has no messages; its store has no c-3 at all.
    expect((await outboxLog(db, other.storeId, { customer: 'c-0', limit: 5 })).messages).toEqual([]);
    await expect(outboxLog(db, other.storeId, { customer: 'c-3', limit: 5 })).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
  });
});
