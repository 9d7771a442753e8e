/**
 * `regulars shop-discounts status|retry` on every dialect: the queue's state as text and JSON, every
 * failed push with its error, and retry making the failed ones due now.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { createCoupon } from '../coupons/index.js';
import { enqueueUnqueuedCoupons, markFailed, markPushed } from './shop-discount.repository.js';

describe.each(dialects)('regulars shop-discounts on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const cli = (args: string[]) => {
    const { args: db, env } = dbArgs(database().target);
    return runCli([...args, ...db], { env });
  };

  it('shows pushed, pending and failed pushes with their errors, and retries the failed', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sunny Beans' });
    const empty = await cli(['shop-discounts', 'status', '--store', store.id]);
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('no coupon pushed to a shop yet');

    const terms = { kind: 'percent', value: 10, minSubtotalMinor: 0, currency: null } as const;
    const open = { usageLimit: null, perCustomerLimit: null, validFrom: null, validUntil: null };
    const ok = await createCoupon(db, store.id, { code: 'OK10', ...terms, ...open });
    const bad = await createCoupon(db, store.id, { code: 'BAD10', ...terms, ...open });
    await createCoupon(db, store.id, { code: 'WAIT10', ...terms, ...open });
    const now = '2030-01-01T00:00:00.000Z';
    expect(await enqueueUnqueuedCoupons(db, store.id, 'shopify', now)).toBe(3);
    // Queued once: a second pass finds them queued.
    expect(await enqueueUnqueuedCoupons(db, store.id, 'shopify', now)).toBe(0);
    const key = (couponId: string) => ({ store_id: store.id, coupon_id: couponId, platform: 'shopify' });
    await markPushed(db, key(ok.id), 'gid://shopify/DiscountCodeNode/1', now);
    await markFailed(
      db,
      key(bad.id),
      { attempts: 2, error: 'SHOP_DISCOUNT_REFUSED: Code must be unique', nextAttemptAt: '2030-01-01T00:02:00.000Z' },
      now,
    );

    const text = await cli(['shop-discounts', 'status', '--store', store.id]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('shopify: 1 pushed, 1 pending, 1 failed');
    expect(text.stdout).toContain(
      `FAILED BAD10 (${bad.id}) after 2 attempt(s): SHOP_DISCOUNT_REFUSED: Code must be unique; next try 2030-01-01T00:02:00.000Z`,
    );
    expect(text.stdout).toContain('PENDING WAIT10');
    const json = await cli(['shop-discounts', 'status', '--store', store.id, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      counts: { shopify: { pushed: 1, pending: 1, failed: 1 } },
      unpushed: [
        { code: 'BAD10', status: 'failed', attempts: 2, lastError: 'SHOP_DISCOUNT_REFUSED: Code must be unique' },
        { code: 'WAIT10', status: 'pending', attempts: 0, lastError: null },
      ],
      refusedUses: [],
    });

    const retried = await cli(['shop-discounts', 'retry', '--store', store.id]);
    expect(retried.status, retried.stderr).toBe(0);
    expect(retried.stdout).toBe('1 failed push(es) due now\n');
    const row = await db
      .selectFrom('shop_discount_pushes')
      .select('next_attempt_at')
      .where('store_id', '=', store.id)
      .where('coupon_id', '=', bad.id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.next_attempt_at!)).toBeLessThanOrEqual(Date.now());

    const unknown = await cli(['shop-discounts', 'status', '--store', 'st_nope']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('STORE_NOT_FOUND');
  });
});
