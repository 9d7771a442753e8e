import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { ORDER_REWARD_HANDLERS, syncRewards } from '../rewards/index.js';
import { orderCouponCodes } from './order-coupon-codes.js';
import { setWooCommerceSecret } from './woocommerce-secret.service.js';
import { copyOf, DOCUMENTED_ORDER_727 } from './woocommerce-payloads.fixtures.js';

const SECRET = 'wc-webhook-secret';

describe.each(dialects)("a Regulars coupon used at WooCommerce's checkout on %s", (dialect) => {
  const ctx = useTestApp(dialect);
  let delivery = 0;
  beforeAll(async () => {
    await setWooCommerceSecret(ctx().database.db, ctx().store.id, SECRET);
  });

  const deliver = (topic: string, payload: unknown) => {
    const body = JSON.stringify(payload);
    return ctx().app.inject({
      method: 'POST',
      url: `/webhooks/woocommerce/${ctx().store.id}`,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-delivery-id': `d-${++delivery}`,
        'x-wc-webhook-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
      },
      payload: body,
    });
  };
  const sync = () =>
    syncRewards(
      ctx().database.db,
      ctx().store.id,
      ORDER_REWARD_HANDLERS,
      new Date(Date.now() + 3600_000).toISOString(),
    );
  const uses = async (code: string) =>
    (
      await ctx()
        .database.db.selectFrom('coupons')
        .select('uses')
        .where('store_id', '=', ctx().store.id)
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).uses;

  it('reads coupon_lines[].code, and refuses a line without a code by its path', () => {
    const order = copyOf(DOCUMENTED_ORDER_727);
    expect(orderCouponCodes(order)).toEqual([]);
    order.coupon_lines = [{ id: 1, code: 'winback10', discount: '2.00', discount_tax: '0.00' }];
    expect(orderCouponCodes(order)).toEqual(['winback10']);
    order.coupon_lines = [{ id: 1, discount: '2.00' }];
    expect(() => orderCouponCodes(order)).toThrow(/coupon_lines\/0\/code/);
  });

  it('counts once per order however often the order comes, and gives the use back when it is cancelled', async () => {
    const made = await ctx().app.inject({
      method: 'POST',
      url: '/v1/coupons',
      headers: ctx().store.auth,
      payload: { code: 'winback10', kind: 'percent', value: 10, usageLimit: 5 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const order = copyOf(DOCUMENTED_ORDER_727);
    order.coupon_lines = [{ id: 318, code: 'winback10', discount: '2.00', discount_tax: '0.00' }];
    for (const topic of ['order.created', 'order.created', 'order.updated']) {
      const answer = await deliver(topic, order);
      expect(answer.statusCode, answer.body).toBe(200);
    }
    await sync();
    await sync();
    expect(await uses('WINBACK10')).toBe(1);

    const cancelled = {
      ...order,
      status: 'cancelled',
      date_modified: '2017-03-23T16:28:08',
      date_modified_gmt: '2017-03-23T19:28:08',
    };
    expect((await deliver('order.updated', cancelled)).statusCode).toBe(200);
    await sync();
    expect(await uses('WINBACK10')).toBe(0);
  });
});
