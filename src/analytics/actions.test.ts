import { describe, expect, it } from 'vitest';
import { recommendActions } from './actions.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';
import type { CrossSellPair, Products, Rfm } from './report.types.js';

const rfm = (counts: Record<string, number>): Rfm => ({
  method: '',
  segments: Object.entries(counts).map(([name, customers]) => ({ name, rule: '', customers, revenueShare: 0 })),
});
const noProducts: Products = { dueCustomers: 0, replenishment: [], repeatRateByFirstProduct: [] };

describe('what to do next', () => {
  // As of day 100: a bought once 30 days ago (second-order window), b once 5 days ago (too soon),
  // c twice; a and c said no to marketing, b yes.
  const log = orderLogFrom([
    { customerId: 'a', day: 70, acceptsMarketing: 0 },
    { customerId: 'b', day: 95, acceptsMarketing: 1 },
    { customerId: 'c', day: 10, acceptsMarketing: 0 },
    { customerId: 'c', day: 50 },
  ]);
  const byCustomer = groupOrdersByCustomer(log);

  it('lists only actions with customers to act on, each with its count', () => {
    const actions = recommendActions(log, byCustomer, 100, {
      rfm: rfm({ Champions: 0 }),
      products: noProducts,
      crossSell: [],
    });
    expect(actions.map((a) => [a.kind, a.customers])).toEqual([
      ['second-order', 1],
      ['consent', 2],
    ]);
  });

  it('counts only customers with a purchase as not having agreed to marketing', () => {
    // d's one order is a credit note (refunded): d bought nothing, and is no one to ask.
    const withRefund = orderLogFrom([
      { customerId: 'a', day: 70, acceptsMarketing: 0 },
      { customerId: 'd', day: 80, acceptsMarketing: 0, orderTotal: -5 },
    ]);
    const actions = recommendActions(withRefund, groupOrdersByCustomer(withRefund), 100, {
      rfm: rfm({ Champions: 0 }),
      products: noProducts,
      crossSell: [],
    });
    expect(actions.find((a) => a.kind === 'consent')?.customers).toBe(1);
  });

  it('names the replenishment product, quiet good customers, champions and the best later cross-sell', () => {
    const products: Products = {
      dueCustomers: 7,
      replenishment: [
        { sku: 'F', name: 'Filters', repeatCustomers: 10, medianDays: 60, dueNow: 2 },
        { sku: 'B', name: 'Beans', repeatCustomers: 20, medianDays: 30, dueNow: 6 },
      ],
      repeatRateByFirstProduct: [],
    };
    const pair = (kind: CrossSellPair['kind'], toName: string): CrossSellPair => ({
      kind,
      fromSku: 'G',
      fromName: 'Grinder',
      toSku: 'X',
      toName,
      count: 12,
      support: 0.1,
      confidence: 0.5,
      lift: 3.25,
    });
    const actions = recommendActions(log, byCustomer, 100, {
      rfm: rfm({ 'At risk': 3, "Can't lose": 1, Champions: 5 }),
      products,
      crossSell: [pair('same-order', 'Brush'), pair('later', 'Cleaner')],
    });
    const byKind = Object.fromEntries(actions.map((a) => [a.kind, a]));
    expect(byKind.replenishment.customers).toBe(7);
    expect(byKind.replenishment.text).toContain('Beans: 6');
    expect(byKind['win-back'].customers).toBe(4);
    expect(byKind.vip.customers).toBe(5);
    expect(byKind['cross-sell'].text).toContain('Grinder are 3.3x as likely as others to buy Cleaner later');
  });
});
