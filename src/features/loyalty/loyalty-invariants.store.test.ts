import { describe, expect, it } from 'vitest';
import { earnPointsForOrder } from './earn-points-for-order.service.js';
import { postLoyaltyAction } from './loyalty-actions.service.js';
import { expireLoyaltyPoints } from './loyalty-expiry.service.js';
import { setLoyaltyProgram } from './loyalty-program.service.js';
import { redeemPoints } from './loyalty-redeem.service.js';
import type { Order, OrderStatus } from '../orders/order.js';
import { balanceOf } from './ledger.js';
import { createRng, randomInt } from '../../platform/random.js';
import { listCoupons } from '../coupons/coupon.repository.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { ledgerOf } from './loyalty.repository.js';
import { findOrderByExternalId, upsertOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const DAY_MS = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const day = (n: number): string => new Date(T0 + n * DAY_MS).toISOString();

/**
 * The whole program under a randomised concurrent load, through its use cases: order versions
 * (paid, refunded step by step, cancelled) delivered out of order and repeatedly, actions, redemptions
 * and expiry runs, all started together. Then, per customer: the ledger sums to points_total; the
 * available balance is never below zero at any instant; each source key is posted once; no order
 * reverses more than it earned; the limited action never exceeds its limit; one coupon per redemption.
 */
describe.each(dialects)('loyalty program invariants on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('hold under 250 random concurrent order updates, actions, redemptions and expiry runs', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Invariants' });
    await setLoyaltyProgram(
      db,
      store.id,
      {
        currency: 'EUR',
        startsAt: '2024-01-01T00:00:00Z',
        earn: { rate: { points: 1, perMinor: 100 }, byCategory: { coffee: 2 } },
        returnWindowDays: 14,
        expiry: { months: 2, warnDays: 7 },
        pointValue: { points: 10, minor: 10 },
        firstOrderCashback: { percent: 5 },
        actions: { review: { points: 15, limit: 2 } },
        redemption: [{ id: 'small', points: 30, reward: { kind: 'amount', amountMinor: 300 } }],
      },
      day(0),
    );
    const customers: string[] = [];
    for (let i = 0; i < 6; i++)
      customers.push((await upsertCustomerByExternalId(db, store.id, { externalId: `c-${i}` })).id);

    const rng = createRng(5_2025);
    // Three orders per customer, each with a sequence of versions (paid, refunds growing, maybe cancelled).
    const versions: Order[][] = [];
    for (const [c, customerId] of customers.entries()) {
      for (let k = 0; k < 3; k++) {
        const totalMinor = 1000 + randomInt(rng, 9000);
        const orderedAt = day(randomInt(rng, 90));
        const externalId = `o-${c}-${k}`;
        await upsertOrderByExternalId(db, store.id, {
          externalId,
          customerId,
          orderedAt,
          orderDay: Math.floor(Date.parse(orderedAt) / DAY_MS),
          currency: 'EUR',
          subtotalMinor: totalMinor,
          discountMinor: 0,
          shippingMinor: 0,
          totalMinor,
          refundedMinor: 0,
          status: 'paid',
          cancelledAt: null,
          sourceUpdatedAt: null,
          lines: [
            {
              sku: `S${k}`,
              title: 'x',
              category: k === 0 ? 'coffee' : 'gear',
              quantity: 1,
              priceMinor: totalMinor,
              totalMinor,
            },
          ],
        });
        const paid = (await findOrderByExternalId(db, store.id, externalId))!;
        const steps: Order[] = [paid];
        let refunded = 0;
        for (let s = 0; s < randomInt(rng, 4); s++) {
          refunded = Math.min(totalMinor, refunded + 1 + randomInt(rng, Math.ceil(totalMinor / 2)));
          const status: OrderStatus = refunded >= totalMinor ? 'refunded' : 'partially_refunded';
          steps.push({ ...paid, refundedMinor: refunded, status });
        }
        if (rng.next() < 0.2)
          steps.push({ ...paid, refundedMinor: refunded, status: 'cancelled', cancelledAt: day(100) });
        versions.push(steps);
      }
    }

    const operations: (() => Promise<unknown>)[] = [];
    while (operations.length < 250) {
      const roll = rng.next();
      const customer = randomInt(rng, customers.length);
      const now = day(20 + randomInt(rng, 120));
      if (roll < 0.5) {
        const steps = versions[randomInt(rng, versions.length)];
        const order = steps[randomInt(rng, steps.length)];
        operations.push(() => earnPointsForOrder(db, store.id, order, now));
      } else if (roll < 0.65) {
        operations.push(() =>
          postLoyaltyAction(
            db,
            store.id,
            { customerId: `c-${customer}`, action: 'review', key: `r${randomInt(rng, 5)}`, occurredAt: now },
            now,
          ),
        );
      } else if (roll < 0.9) {
        operations.push(() => redeemPoints(db, store.id, { customerId: `c-${customer}`, optionId: 'small' }, now));
      } else {
        // Later runs too, so points of customers who went quiet expire while the others still post.
        const asOf = day(60 + randomInt(rng, 240));
        operations.push(() => expireLoyaltyPoints(db, store.id, asOf));
      }
    }
    await Promise.all(operations.map((op) => op()));
    // Whether an expiry run above found a quiet customer depends on how the concurrent operations
    // interleaved; a last run long after everything expires whatever is left, so every kind is
    // posted whatever the interleaving, and the checks below cover the ledger after it too.
    await expireLoyaltyPoints(db, store.id, day(2_000));

    let redemptions = 0;
    const kinds = new Set<string>();
    for (const customerId of customers) {
      const ledger = await ledgerOf(db, store.id, customerId);
      const row = await db
        .selectFrom('loyalty_balances')
        .select('points_total')
        .where('store_id', '=', store.id)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      expect(Number(row?.points_total ?? 0)).toBe(ledger.reduce((sum, e) => sum + e.points, 0));
      expect(new Set(ledger.map((e) => e.sourceKey)).size).toBe(ledger.length);
      const instants = new Set(ledger.flatMap((e) => [e.postedAt, e.availableAt]));
      for (const at of instants) {
        const balance = balanceOf(ledger, at);
        expect(balance.available).toBeGreaterThanOrEqual(0);
        expect(balance.pending).toBeGreaterThanOrEqual(0);
      }
      for (const earn of ledger.filter((e) => e.sourceKey.startsWith('order:') && !e.sourceKey.includes(':reverse:'))) {
        const reversed = -ledger
          .filter((e) => e.sourceKey.startsWith(`${earn.sourceKey}:reverse:`))
          .reduce((sum, e) => sum + e.points, 0);
        expect(reversed).toBeLessThanOrEqual(earn.points);
      }
      expect(ledger.filter((e) => e.sourceKey.startsWith('action:review:')).length).toBeLessThanOrEqual(2);
      expect(ledger.filter((e) => e.sourceKey.endsWith(':cashback')).length).toBeLessThanOrEqual(1);
      redemptions += ledger.filter((e) => e.kind === 'redeem').length;
      for (const e of ledger) kinds.add(e.kind);
    }
    expect(await listCoupons(db, store.id)).toHaveLength(redemptions);
    // The run exercised every kind the program posts.
    expect([...kinds].sort()).toEqual(['earn', 'expire', 'redeem', 'reverse']);
  });
});
