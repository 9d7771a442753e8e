import type { CustomerOrders, OrderLog } from './order-log.js';

/**
 * Groups orders by customer, each customer's orders sorted by day (ties keep input order).
 * A counting sort by customer, then an insertion sort per customer: exports are nearly always
 * chronological already, so the per-customer sort is close to linear.
 */
export function groupOrdersByCustomer(log: OrderLog): CustomerOrders {
  const nCustomers = log.customerIds.length;
  const start = new Int32Array(nCustomers + 1);
  for (let o = 0; o < log.orderCount; o++) start[log.orderCustomer[o] + 1]++;
  for (let c = 0; c < nCustomers; c++) start[c + 1] += start[c];
  const next = start.slice(0, nCustomers);
  const order = new Int32Array(log.orderCount);
  for (let o = 0; o < log.orderCount; o++) order[next[log.orderCustomer[o]]++] = o;
  const day = log.orderDay;
  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    for (let i = lo + 1; i < hi; i++) {
      const o = order[i];
      const d = day[o];
      let j = i - 1;
      while (j >= lo && day[order[j]] > d) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = o;
    }
  }
  return { start, order };
}
