import type { CustomerOrders, OrderLog } from './order-log.js';
import type { BestCustomersGroup } from './report.types.js';

export interface BestCustomersOptions {
  /** Share of customers in the top group. Default 0.1 (the top 10%). */
  readonly topShare?: number;
}

export interface BestCustomers {
  readonly top: BestCustomersGroup;
  readonly rest: BestCustomersGroup;
}

/**
 * The playbook's "benchmark against your best customers": the top 10% of customers by total
 * spend as of `asOfDay` (later orders are ignored) against everyone else who has ordered.
 *
 * - The top group has round(n x topShare) customers, at least 1 when anyone has ordered, so a
 *   small store still sees a benchmark.
 * - Customers tied on spend at the cut-off are taken in customer order (the order of first
 *   appearance in the export), so the group has exactly that size and the result is reproducible.
 * - Orders are counted as orders (not purchase days), matching the headline AOV = revenue / orders.
 */
export function bestCustomers(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  options: BestCustomersOptions = {},
): BestCustomers {
  const topShare = options.topShare ?? 0.1;
  const day = log.orderDay;
  const amount = log.orderAmount;
  const { start, order } = byCustomer;
  const nCustomers = start.length - 1;

  const spend = new Float64Array(nCustomers);
  const orders = new Int32Array(nCustomers);
  let active = 0;
  for (let c = 0; c < nCustomers; c++) {
    const hi = start[c + 1];
    let sum = 0;
    let count = 0;
    for (let i = start[c]; i < hi; i++) {
      const o = order[i];
      if (day[o] > asOfDay) break; // orders are sorted by day
      sum += amount[o];
      count++;
    }
    spend[c] = sum;
    orders[c] = count;
    if (count > 0) active++;
  }

  const topSize = active === 0 ? 0 : Math.min(active, Math.max(1, Math.round(active * topShare)));
  // The cut-off is the topSize-th largest spend among active customers.
  const sorted = new Float64Array(active);
  let k = 0;
  for (let c = 0; c < nCustomers; c++) if (orders[c] > 0) sorted[k++] = spend[c];
  sorted.sort();
  const cutoff = topSize > 0 ? sorted[active - topSize] : Number.POSITIVE_INFINITY;
  let above = 0;
  for (let i = active - 1; i >= 0 && sorted[i] > cutoff; i--) above++;
  let tiesToTake = topSize - above;

  const top = { customers: 0, orders: 0, revenue: 0 };
  const rest = { customers: 0, orders: 0, revenue: 0 };
  for (let c = 0; c < nCustomers; c++) {
    if (orders[c] === 0) continue;
    let group = rest;
    if (spend[c] > cutoff) group = top;
    else if (spend[c] === cutoff && tiesToTake > 0) {
      group = top;
      tiesToTake--;
    }
    group.customers++;
    group.orders += orders[c];
    group.revenue += spend[c];
  }
  const total = top.revenue + rest.revenue;
  return { top: summarize(top, total), rest: summarize(rest, total) };
}

function summarize(
  g: { customers: number; orders: number; revenue: number },
  totalRevenue: number,
): BestCustomersGroup {
  return {
    customers: g.customers,
    ordersPerCustomer: g.customers > 0 ? g.orders / g.customers : 0,
    aov: g.orders > 0 ? g.revenue / g.orders : 0,
    revenuePerCustomer: g.customers > 0 ? g.revenue / g.customers : 0,
    revenueShare: totalRevenue !== 0 ? g.revenue / totalRevenue : 0,
  };
}
