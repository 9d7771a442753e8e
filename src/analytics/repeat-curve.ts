import type { CustomerOrders } from './order-log.js';
import type { RepeatCurvePoint } from './report.types.js';

/**
 * The repeat-purchase probability curve (RJMetrics): for x = 1, 2, ... the customers with at
 * least x orders and P(order x+1) = (customers with >= x+1 orders) / (customers with >= x orders).
 * Stops where nobody has x orders, or at maxOrders.
 */
export function repeatPurchaseCurve(byCustomer: CustomerOrders, maxOrders = 30): RepeatCurvePoint[] {
  const orderCounts = new Int32Array(maxOrders + 2);
  const { start } = byCustomer;
  const nCustomers = start.length - 1;
  for (let c = 0; c < nCustomers; c++) {
    const n = start[c + 1] - start[c];
    if (n > 0) orderCounts[Math.min(n, maxOrders + 1)]++;
  }
  // atLeast[x] = customers with >= x orders, by a suffix sum.
  const atLeast = new Float64Array(maxOrders + 3);
  for (let x = maxOrders + 1; x >= 1; x--) atLeast[x] = atLeast[x + 1] + orderCounts[x];
  const curve: RepeatCurvePoint[] = [];
  for (let x = 1; x <= maxOrders && atLeast[x] > 0; x++) {
    curve.push({ orders: x, customers: atLeast[x], probabilityNext: atLeast[x + 1] / atLeast[x] });
  }
  return curve;
}
