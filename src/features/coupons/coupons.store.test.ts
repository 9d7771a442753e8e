import { describe, expect, it } from 'vitest';
import { countCustomerRedemptions, findCouponByCode, listCoupons } from './coupon.repository.js';
import { createCoupon, createCouponBatch } from './coupons.service.js';
import { redeemCoupon } from './redeem-coupon.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { atMostAtOnce, couponTerms } from './coupon-terms.fixtures.js';

const NOW = '2025-06-01T12:00:00.000Z';

const terms = couponTerms;

/** Settles every promise; counts outcomes and error codes. */
async function tally(runs: readonly Promise<{ outcome: string }>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(runs)) {
    const key =
      result.status === 'fulfilled'
        ? result.value.outcome
        : String((result.reason as { code?: unknown }).code ?? result.reason);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(dialects)('coupons on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('creates, finds by code in any case, lists, and refuses a taken code or bad terms', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Coupons' });
    const { store: other } = await createStore(db, { name: 'Other' });
    const coupon = await createCoupon(
      db,
      store.id,
      terms({ code: 'summer10', validUntil: '2025-09-01T00:00:00+02:00' }),
    );
    expect(coupon).toMatchObject({
      code: 'SUMMER10',
      kind: 'percent',
      value: 10,
      uses: 0,
      storeId: store.id,
      validUntil: '2025-08-31T22:00:00.000Z',
    });
    expect(coupon.id).toMatch(/^cpn_/);
    expect(await findCouponByCode(db, store.id, ' Summer10')).toEqual(coupon);
    expect(await findCouponByCode(db, other.id, 'SUMMER10')).toBeNull();
    expect(await listCoupons(db, store.id)).toEqual([coupon]);
    await expect(createCoupon(db, store.id, terms())).rejects.toMatchObject({ code: 'COUPON_CODE_TAKEN' });
    // Another store may use the same code.
    expect((await createCoupon(db, other.id, terms())).code).toBe('SUMMER10');
    await expect(createCoupon(db, store.id, terms({ code: 'X' }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'code' },
    });
    await expect(createCoupon(db, store.id, terms({ code: 'NEW', validFrom: '2025-01-01' }))).rejects.toMatchObject({
      details: { field: 'validFrom' },
    });
    await expect(createCoupon(db, 'sto_nope', terms())).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });

  it('generates unique readable codes in one batch', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Batch' });
    const coupons = await createCouponBatch(db, store.id, terms({ code: 'vip', usageLimit: 1 }), 600);
    expect(coupons).toHaveLength(600);
    expect(new Set(coupons.map((c) => c.code)).size).toBe(600);
    for (const c of coupons)
      expect(c.code).toMatch(/^VIP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await createCouponBatch(db, store.id, terms({ code: '' }), 1))[0].code).toMatch(
      /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );
    expect(await listCoupons(db, store.id)).toHaveLength(601);
  });

  it('lets exactly 1 of 200 parallel redemptions of a limit-1 code through', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Limit 1' });
    await createCoupon(db, store.id, terms({ code: 'ONCE', usageLimit: 1 }));
    const limited = atMostAtOnce(30);
    const counts = await tally(
      Array.from({ length: 200 }, (_, i) =>
        limited(() => redeemCoupon(db, store.id, { code: 'ONCE', orderId: `o-${i}`, customerId: `c-${i}` }, NOW)),
      ),
    );
    expect(counts).toEqual({ redeemed: 1, COUPON_LIMIT_REACHED: 199 });
    expect((await findCouponByCode(db, store.id, 'ONCE'))?.uses).toBe(1);
    const rows = await db
      .selectFrom('coupon_redemptions')
      .select('order_id')
      .where('store_id', '=', store.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('lets exactly 1,000 of 1,500 concurrent redemptions (30 at a time) of a limit-1,000 code through', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Limit 1000' });
    const coupon = await createCoupon(db, store.id, terms({ code: 'THOUSAND', usageLimit: 1_000 }));
    const limited = atMostAtOnce(30);
    const counts = await tally(
      Array.from({ length: 1_500 }, (_, i) =>
        limited(() =>
          redeemCoupon(db, store.id, { code: 'THOUSAND', orderId: `o-${i}`, customerId: `c-${i % 97}` }, NOW),
        ),
      ),
    );
    expect(counts).toEqual({ redeemed: 1_000, COUPON_LIMIT_REACHED: 500 });
    expect((await findCouponByCode(db, store.id, 'THOUSAND'))?.uses).toBe(1_000);
    const { n } = await db
      .selectFrom('coupon_redemptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', store.id)
      .where('coupon_id', '=', coupon.id)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1_000);
    // 1,500 transactions that each take the coupon's lock in turn: generous room on a busy machine.
  }, 180_000);

  it('counts the same order once, even when it arrives 50 times at once', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Idempotent' });
    await createCoupon(db, store.id, terms({ code: 'TWICE', usageLimit: 5 }));
    const first = await redeemCoupon(db, store.id, { code: 'TWICE', orderId: '1001', customerId: 'c-1' }, NOW);
    expect(first).toMatchObject({ outcome: 'redeemed', coupon: { uses: 1 } });
    const again = await redeemCoupon(db, store.id, { code: 'twice', orderId: '1001', customerId: 'c-1' }, NOW);
    expect(again).toMatchObject({ outcome: 'already_redeemed', coupon: { uses: 1 } });

    const counts = await tally(
      Array.from({ length: 50 }, () =>
        redeemCoupon(db, store.id, { code: 'TWICE', orderId: '1002', customerId: 'c-2' }, NOW),
      ),
    );
    expect(counts).toEqual({ redeemed: 1, already_redeemed: 49 });
    expect((await findCouponByCode(db, store.id, 'TWICE'))?.uses).toBe(2);
  });

  it('answers already_redeemed for a used-up limit-1 code retried by the order that used it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Retry' });
    await createCoupon(db, store.id, terms({ code: 'SOLO', usageLimit: 1 }));
    await redeemCoupon(db, store.id, { code: 'SOLO', orderId: 'a', customerId: 'c' }, NOW);
    await expect(
      redeemCoupon(db, store.id, { code: 'SOLO', orderId: 'b', customerId: 'c' }, NOW),
    ).rejects.toMatchObject({ code: 'COUPON_LIMIT_REACHED' });
    expect((await redeemCoupon(db, store.id, { code: 'SOLO', orderId: 'a', customerId: 'c' }, NOW)).outcome).toBe(
      'already_redeemed',
    );
  });

  it('holds the per-customer limit under 40 parallel redemptions of one customer', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Per customer' });
    const coupon = await createCoupon(db, store.id, terms({ code: 'TWOEACH', perCustomerLimit: 2 }));
    const counts = await tally(
      Array.from({ length: 40 }, (_, i) =>
        redeemCoupon(db, store.id, { code: 'TWOEACH', orderId: `o-${i}`, customerId: 'alice' }, NOW),
      ),
    );
    expect(counts).toEqual({ redeemed: 2, COUPON_CUSTOMER_LIMIT_REACHED: 38 });
    expect(await countCustomerRedemptions(db, store.id, coupon.id, 'alice')).toBe(2);
    // A refused redemption counts no use; another customer still may.
    expect((await findCouponByCode(db, store.id, 'TWOEACH'))?.uses).toBe(2);
    expect(
      (await redeemCoupon(db, store.id, { code: 'TWOEACH', orderId: 'o-bob', customerId: 'bob' }, NOW)).outcome,
    ).toBe('redeemed');
  });

  it('refuses unknown, expired and not-yet-valid codes without counting a use', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Windows' });
    await createCoupon(db, store.id, terms({ code: 'OLD', validUntil: '2025-06-01T12:00:00Z' }));
    await createCoupon(db, store.id, terms({ code: 'LATER', validFrom: '2025-07-01T00:00:00Z' }));
    const ask = (code: string) => redeemCoupon(db, store.id, { code, orderId: 'o-1', customerId: 'c-1' }, NOW);
    await expect(ask('NOPE')).rejects.toMatchObject({ code: 'COUPON_NOT_FOUND' });
    await expect(ask('OLD')).rejects.toMatchObject({ code: 'COUPON_EXPIRED' });
    await expect(ask('LATER')).rejects.toMatchObject({ code: 'COUPON_NOT_YET_VALID' });
    expect((await findCouponByCode(db, store.id, 'OLD'))?.uses).toBe(0);
    expect(await db.selectFrom('coupon_redemptions').selectAll().where('store_id', '=', store.id).execute()).toEqual(
      [],
    );
    await expect(redeemCoupon(db, store.id, { code: 'OLD', orderId: '', customerId: 'c' }, NOW)).rejects.toMatchObject({
      details: { field: 'orderId' },
    });
  });
});
