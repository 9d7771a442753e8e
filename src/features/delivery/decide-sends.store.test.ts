import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { decideSends } from './decide-sends.service.js';
import { DEFAULT_DELIVERY_SETTINGS } from './delivery-settings.js';
import { claimDueMessages, listOutboxMessages } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { deps, planned, recordingChannel, storeWithCustomers } from './delivery.fixtures.js';

const T0 = '2026-05-10T12:00:00.000Z';
const CUSTOMERS = 30;

describe.each(dialects)('the send-time checks of a batch on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('decides 90 messages of 30 customers in a fixed number of statements, each as though the earlier ones were committed', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, CUSTOMERS);
    await planMessages(
      db,
      storeId,
      customerIds.flatMap((c) => [
        planned(storeId, c, { flow: 'birthday', priority: 60, sendAt: T0 }),
        planned(storeId, c, {
          flow: 'win-back',
          priority: 90,
          sendAt: T0,
          stopOnOrderAfter: '2026-05-01T00:00:00.000Z',
        }),
        planned(storeId, c, { flow: 'order-confirmation', purpose: 'transactional', sendAt: T0 }),
      ]),
      T0,
    );
    // The first customer ordered after the win-back's stop instant: that message is over.
    await upsertOrderByExternalId(db, storeId, {
      externalId: 'o-1',
      customerId: customerIds[0],
      orderedAt: '2026-05-05T10:00:00+02:00',
      orderDay: dayFromIso('2026-05-05'),
      currency: 'EUR',
      subtotalMinor: 1000,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 1000,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: null,
      lines: [],
    });
    const claimed = await claimDueMessages(db, {
      storeId,
      workerId: 'w1',
      now: T0,
      leaseUntil: '2026-05-10T12:01:00.000Z',
      limit: 100,
    });
    expect(claimed).toHaveLength(3 * CUSTOMERS);

    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements++;
        return args.result;
      },
    };
    const settings = { ...DEFAULT_DELIVERY_SETTINGS, quietHours: null };
    const { sends, settled } = await decideSends(
      deps(db.withPlugin(counting), recordingChannel(), () => T0),
      storeId,
      claimed,
      settings,
    );
    // Lock, leases, consent, suppressions, cap, preferences, secret, orders, then the two writes
    // (SQLite takes its write lock with two more): however many messages the batch holds.
    expect(statements).toBe(dialect === 'sqlite' ? 12 : 10);

    const flowOf = new Map(claimed.map((m) => [m.id, m.flow]));
    const customerOf = new Map(claimed.map((m) => [m.id, m.customerId]));
    const sent = sends.map((s) => `${s.delivery.customer.id}:${s.delivery.message.flow}`).sort();
    expect(sent).toEqual(
      customerIds
        .flatMap((c, i) =>
          i === 0 ? [`${c}:birthday`, `${c}:order-confirmation`] : [`${c}:order-confirmation`, `${c}:win-back`],
        )
        .sort(),
    );
    for (const [id, outcome] of settled) {
      // The cap's one slot went to the win-back (priority 90); the first customer's was stopped by the order.
      if (customerOf.get(id) === customerIds[0]) expect([flowOf.get(id), outcome]).toEqual(['win-back', 'skipped']);
      else expect([flowOf.get(id), outcome]).toEqual(['birthday', 'postponed']);
    }
    const rows = await listOutboxMessages(db, storeId);
    const byStatus = (status: string) => rows.filter((r) => r.status === status);
    expect(byStatus('sending')).toHaveLength(2 * CUSTOMERS);
    for (const row of byStatus('sending'))
      expect(row).toMatchObject({ attempts: 1, lastAttemptAt: T0, leaseOwner: 'w1' });
    for (const row of byStatus('postponed'))
      expect(row).toMatchObject({
        sendAt: '2026-05-11T04:00:00.000Z',
        reason: expect.stringMatching(/^frequency_cap/),
        attempts: 0,
        leaseOwner: null,
      });
    expect(byStatus('skipped')).toEqual([
      expect.objectContaining({
        flow: 'win-back',
        reason: expect.stringMatching(/^stopped_by_order/),
        leaseOwner: null,
      }),
    ]);
  });
});
