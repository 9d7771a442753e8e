import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { flowPerformance } from './flow-performance.service.js';
import { formatFlowPerformance } from './format-flow-performance.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { testOrder } from './flow-context.fixtures.js';
import { RegularsError } from '../../../platform/errors.js';
import type { OrderStatus } from '../../orders/order.js';
import { planMessages } from '../../delivery/index.js';
import type { Database } from '../../../platform/database/database.table.js';
import { planned, storeWithCustomers } from '../../delivery/delivery.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

const T = '2026-03-01T10:00:00.000Z';

let sequence = 0;
async function order(
  db: Kysely<Database>,
  storeId: string,
  customer: string,
  orderedAt: string,
  totalMinor: number,
  extra: { refundedMinor?: number; status?: OrderStatus; currency?: string } = {},
) {
  await recordOrder(
    db,
    storeId,
    testOrder({
      id: `po-${++sequence}`,
      customer,
      at: orderedAt,
      ...extra,
      lines: [{ sku: 'BEANS-1KG', title: 'Beans', category: 'coffee', priceMinor: totalMinor }],
    }),
  );
}

/** Marks a planned message sent at `sentAt` (as the worker would after the channel accepted it). */
async function markSentAt(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  flow: string,
  status: string,
  sentAt: string | null,
) {
  await db
    .updateTable('outbox_messages')
    .set({ status, sent_at: sentAt })
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('flow', '=', flow)
    .execute();
}

describe.each(dialects)('flow performance on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('measures treatment against holdout as computed by hand', async () => {
    const { db } = database();
    // c-0, c-1 are sent; c-2, c-3 held out; c-4 skipped; c-5 only in another flow.
    const {
      storeId,
      customerIds: [a, b, c, d, e, f],
    } = await storeWithCustomers(db, 6);
    const msg = (customerId: string, share: number, flow = 'win-back') =>
      planned(storeId, customerId, { flow, sendAt: T, holdoutShare: share });
    await planMessages(
      db,
      storeId,
      [msg(a, 0), msg(b, 0), msg(c, 1), msg(d, 1), msg(e, 0), msg(f, 0, 'birthday'), msg(a, 0, 'birthday')],
      T,
    );
    await markSentAt(db, storeId, a, 'win-back', 'sent', T);
    // b's message was postponed two hours by quiet hours: its exposure is its sent_at.
    await markSentAt(db, storeId, b, 'win-back', 'sent', '2026-03-01T12:00:00.000Z');
    await markSentAt(db, storeId, e, 'win-back', 'skipped', null);
    await markSentAt(db, storeId, f, 'birthday', 'sent', T);
    await markSentAt(db, storeId, a, 'birthday', 'sent', T);

    // a: 6,000 with 1,000 refunded two days after (written with an offset: 11:00+01:00 is 10:00Z); a cancelled order is no purchase.
    await order(db, storeId, 'c-0', '2026-03-03T11:00:00+01:00', 6_000, { refundedMinor: 1_000 });
    await order(db, storeId, 'c-0', '2026-03-04T10:00:00Z', 9_999, { status: 'cancelled' });
    // b: one order between the planned instant and the sending, one a second after the window.
    await order(db, storeId, 'c-1', '2026-03-01T11:00:00Z', 900);
    await order(db, storeId, 'c-1', '2026-03-06T12:00:01Z', 3_000);
    // c (held out) converts on the window's last instant; d bought only before.
    await order(db, storeId, 'c-2', '2026-03-06T10:00:00Z', 2_000);
    await order(db, storeId, 'c-3', '2026-02-28T10:00:00Z', 4_000);
    // f converts, but only the birthday flow messaged f.
    await order(db, storeId, 'c-5', '2026-03-02T10:00:00Z', 8_000);

    const report = await flowPerformance(db, storeId, 'win-back', { asOf: '2026-03-20T00:00:00Z', currency: 'EUR' });
    expect(report.messages).toEqual({
      total: 5,
      planned: 0,
      heldOut: 2,
      sending: 0,
      postponed: 0,
      sent: 2,
      skipped: 1,
      failed: 0,
    });
    expect(report.treatment).toEqual({
      recipients: 2,
      customers: 2,
      conversions: 1,
      conversionRate: 0.5,
      revenueMinor: 5_000,
      revenuePerRecipientMinor: 2_500,
    });
    expect(report.holdout).toEqual({
      recipients: 2,
      customers: 2,
      conversions: 1,
      conversionRate: 0.5,
      revenueMinor: 2_000,
      revenuePerRecipientMinor: 1_000,
    });
    expect(report.conversionLift!.estimate).toBe(0);
    expect(report.conversionLift!.ci95.low).toBeCloseTo(-0.5734, 3);
    expect(report.revenuePerRecipientLift!.estimate).toBe(1_500);
    expect(report.revenuePerRecipientLift!.ci95.high).toBeCloseTo(1_500 + 1.959964 * 2692.5824, 0);
    expect(report).toMatchObject({
      sent: 2,
      delivered: 2,
      attributedRevenueMinor: 5_000,
      incrementalRevenueMinor: { estimate: 3_000 },
      currency: 'EUR',
      openWindows: 0,
      otherCurrencies: [],
    });

    // A 4-day window loses c's conversion on day 5; since/until select the messages by their planned instant.
    const shorter = await flowPerformance(db, storeId, 'win-back', { windowDays: 4, asOf: '2026-03-20T00:00:00Z' });
    expect(shorter.holdout.conversions).toBe(0);
    expect(shorter.relativeLift).toBeNull();
    const none = await flowPerformance(db, storeId, 'win-back', {
      since: '2026-03-02T00:00:00Z',
      asOf: '2026-03-20T00:00:00Z',
    });
    expect(none.messages.total).toBe(0);
    expect(none.treatment.recipients).toBe(0);

    // The other flow has its own numbers.
    const birthday = await flowPerformance(db, storeId, 'birthday', { asOf: '2026-03-20T00:00:00Z' });
    expect(birthday.treatment).toMatchObject({ recipients: 2, conversions: 2, revenueMinor: 13_000 });
    expect(birthday.conversionLift).toBeNull();

    const lines = formatFlowPerformance(report);
    expect(lines[0]).toBe('flow win-back: all messages, as of 2026-03-20T00:00:00.000Z, attribution window 5 days');
    expect(lines.join('\n')).toContain(
      'treatment        2 recipients (2 customers), 1 converted (50.0%), revenue €50.00, €25.00 per recipient',
    );
    expect(lines.join('\n')).toMatch(/conversion lift: 0\.0 pp \[95% CI -57\.3 pp to \+57\.3 pp\]/);
    expect(lines.join('\n')).toMatch(/incremental revenue: \+€30\.00 \[95% CI .*\]; attributed revenue .*: €50\.00/);
  });

  it('refuses an attribution window out of range', async () => {
    const { db } = database();
    const { storeId } = await storeWithCustomers(db, 0);
    await expect(flowPerformance(db, storeId, 'win-back', { windowDays: 0 })).rejects.toBeInstanceOf(RegularsError);
    await expect(flowPerformance(db, storeId, 'win-back', { windowDays: 91 })).rejects.toThrow(/windowDays/);
  });
});
