import type { OrderLog } from './order-log.js';

/**
 * The log as it stood at the end of `lastDay`: later orders are dropped, so a report "as of" a
 * past date sees exactly what the store saw then. Dictionaries are shared, not copied.
 */
export function ordersUpTo(log: OrderLog, lastDay: number): OrderLog {
  let kept = 0;
  for (let o = 0; o < log.orderCount; o++) if (log.orderDay[o] <= lastDay) kept++;
  if (kept === log.orderCount) return log;
  const orderCustomer = new Int32Array(kept);
  const orderDay = new Int32Array(kept);
  const orderAmount = new Float64Array(kept);
  const itemStart = new Int32Array(kept + 1);
  let nItems = 0;
  for (let o = 0; o < log.orderCount; o++)
    if (log.orderDay[o] <= lastDay) nItems += log.itemStart[o + 1] - log.itemStart[o];
  const itemProduct = new Int32Array(nItems);
  const itemQuantity = new Float32Array(nItems);
  const itemAmount = new Float64Array(nItems);
  let k = 0;
  let at = 0;
  for (let o = 0; o < log.orderCount; o++) {
    if (log.orderDay[o] > lastDay) continue;
    orderCustomer[k] = log.orderCustomer[o];
    orderDay[k] = log.orderDay[o];
    orderAmount[k] = log.orderAmount[o];
    for (let i = log.itemStart[o]; i < log.itemStart[o + 1]; i++, at++) {
      itemProduct[at] = log.itemProduct[i];
      itemQuantity[at] = log.itemQuantity[i];
      itemAmount[at] = log.itemAmount[i];
    }
    k++;
    itemStart[k] = at;
  }
  return {
    ...log,
    orderCount: kept,
    orderCustomer,
    orderDay,
    orderAmount,
    itemStart,
    itemProduct,
    itemQuantity,
    itemAmount,
  };
}

/** The day of the earliest order on or before `lastDay`; +Infinity when there is none. */
export function firstOrderDayUpTo(log: OrderLog, lastDay: number): number {
  let first = Number.POSITIVE_INFINITY;
  for (let o = 0; o < log.orderCount; o++) {
    const d = log.orderDay[o];
    if (d <= lastDay && d < first) first = d;
  }
  return first;
}
