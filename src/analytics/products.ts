import type { CustomerOrders, OrderLog } from './order-log.js';
import type { FirstProductRepeat, Products, ReplenishmentCycle } from './report.types.js';
import { compareText } from '../platform/compare-text.js';

export interface ProductsOptions {
  /** A product gets a replenishment cycle only when at least this many customers bought it again. Default 5. */
  readonly minRepeatCustomers?: number;
  /** A customer is due when days since their last purchase of the product are in [dueFrom x cycle, dueTo x cycle]. Defaults 0.8 and 1.5. */
  readonly dueFrom?: number;
  readonly dueTo?: number;
  /** Most replenishment cycles reported (those with the most repeat customers). Default 100. */
  readonly maxCycles?: number;
  /** A first product is reported only when at least this many customers had it in their first order. Default 20. */
  readonly minFirstOrderCustomers?: number;
  /** Most first products reported (those with the most customers). Default 50. */
  readonly maxFirstProducts?: number;
}

/**
 * Product-level retention as of `asOfDay` (later orders are ignored).
 *
 * Replenishment cycles (playbook: "when the first purchase is nearly used up"):
 * - an interval is the days between two consecutive purchases of one product by one customer on
 *   different days (two lines of the product on one day are one purchase);
 * - the cycle is the median of all the product's intervals, pooled over its customers, reported
 *   only when at least `minRepeatCustomers` distinct customers bought it again, so one heavy
 *   buyer cannot define a cycle alone;
 * - dueNow counts the product's buyers (repeaters or not) whose last purchase of it was between
 *   0.8 and 1.5 cycles before the as-of day (inclusive): from just before they would rebuy on
 *   their own (the playbook's toothbrush heads, bought every 2 months, about 8.7 weeks, get their
 *   reminder at week 6-7, i.e. at 0.7-0.8 of the cycle) until they are half a cycle overdue, after
 *   which they have most likely bought elsewhere and belong to win-back rather than a reminder.
 *   A customer due for two products is counted under each; `dueCustomers` counts them once.
 * - sorted by repeat customers (descending), then SKU; at most `maxCycles`.
 *
 * Repeat rate by first product: for each product in customers' first purchase (all orders on
 * their first order day), those customers and the share of them who ordered anything again on a
 * later day. At least `minFirstOrderCustomers` customers, sorted by customers (descending), then
 * SKU; at most `maxFirstProducts`.
 *
 * One pass over the line items through each customer's orders (random access into the order
 * arrays is what costs at 10M lines, so there is no second one), with per-product "last seen by
 * customer c" stamps instead of per-customer maps. Each line item yields at most one fact: a
 * customer's first sighting of a product, kept at the end of the customer as (product, days
 * since their last purchase of it) for dueNow, or a repurchase interval. Both are packed as
 * product x width + days into one preallocated array, facts from the front and intervals from the
 * back; intervals are then grouped by product with a counting sort.
 */
export function products(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  options: ProductsOptions = {},
): Products {
  const minRepeatCustomers = options.minRepeatCustomers ?? 5;
  const dueFrom = options.dueFrom ?? 0.8;
  const dueTo = options.dueTo ?? 1.5;
  const maxCycles = options.maxCycles ?? 100;
  const minFirstOrderCustomers = options.minFirstOrderCustomers ?? 20;
  const maxFirstProducts = options.maxFirstProducts ?? 50;

  const day = log.orderDay;
  const { itemStart, itemProduct } = log;
  const { start, order } = byCustomer;
  const nCustomers = start.length - 1;
  const nProducts = log.productSkus.length;

  let minDay = asOfDay;
  for (let o = 0; o < log.orderCount; o++) if (day[o] < minDay) minDay = day[o];
  // Days since a purchase and intervals both lie in 0 .. asOfDay - minDay.
  const width = asOfDay - minDay + 1;
  const packed: Int32Array | Float64Array =
    nProducts * width < 2 ** 31 ? new Int32Array(itemProduct.length) : new Float64Array(itemProduct.length);
  let nSince = 0;
  let intervalFrom = packed.length;

  // Each customer's facts are contiguous: factsEnd marks where each customer's run ends.
  const factsEnd = new Int32Array(nCustomers);
  let nWithFacts = 0;
  const seenBy = new Int32Array(nProducts).fill(-1);
  const lastDay = new Int32Array(nProducts);
  const touched = new Int32Array(nProducts);
  const repeatedBy = new Int32Array(nProducts).fill(-1);
  const repeatCustomers = new Int32Array(nProducts);
  const intervalCount = new Int32Array(nProducts);
  const firstOrderBy = new Int32Array(nProducts).fill(-1);
  const firstOrderCustomers = new Int32Array(nProducts);
  const firstOrderRepeaters = new Int32Array(nProducts);

  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    let hi = start[c + 1];
    while (hi > lo && day[order[hi - 1]] > asOfDay) hi--;
    if (hi === lo) continue;
    const firstDay = day[order[lo]];
    const orderedAgain = day[order[hi - 1]] > firstDay;
    let nTouched = 0;
    for (let i = lo; i < hi; i++) {
      const o = order[i];
      const d = day[o];
      const itemEnd = itemStart[o + 1];
      for (let j = itemStart[o]; j < itemEnd; j++) {
        const p = itemProduct[j];
        if (d === firstDay && firstOrderBy[p] !== c) {
          firstOrderBy[p] = c;
          firstOrderCustomers[p]++;
          if (orderedAgain) firstOrderRepeaters[p]++;
        }
        if (seenBy[p] !== c) {
          seenBy[p] = c;
          lastDay[p] = d;
          touched[nTouched++] = p;
        } else if (d > lastDay[p]) {
          packed[--intervalFrom] = p * width + (d - lastDay[p]);
          intervalCount[p]++;
          lastDay[p] = d;
          if (repeatedBy[p] !== c) {
            repeatedBy[p] = c;
            repeatCustomers[p]++;
          }
        }
      }
    }
    for (let t = 0; t < nTouched; t++) {
      const p = touched[t];
      packed[nSince++] = p * width + (asOfDay - lastDay[p]);
    }
    factsEnd[nWithFacts++] = nSince;
  }

  // Intervals grouped by product (counting sort), then the median of each qualifying product.
  const groupStart = new Int32Array(nProducts + 1);
  for (let p = 0; p < nProducts; p++) groupStart[p + 1] = groupStart[p] + intervalCount[p];
  const cursor = groupStart.slice(0, nProducts);
  const grouped = new Int32Array(packed.length - intervalFrom);
  for (let k = intervalFrom; k < packed.length; k++) {
    const v = packed[k];
    const p = Math.floor(v / width);
    grouped[cursor[p]++] = v - p * width;
  }
  const cycle = new Float64Array(nProducts); // 0 = no cycle
  for (let p = 0; p < nProducts; p++) {
    if (repeatCustomers[p] < minRepeatCustomers || repeatCustomers[p] === 0) continue;
    const values = grouped.subarray(groupStart[p], groupStart[p + 1]);
    values.sort();
    const mid = values.length >> 1;
    cycle[p] = values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  const dueNow = new Int32Array(nProducts);
  let dueCustomers = 0;
  let k = 0;
  for (let run = 0; run < nWithFacts; run++) {
    let due = false;
    for (; k < factsEnd[run]; k++) {
      const v = packed[k];
      const p = Math.floor(v / width);
      const cyc = cycle[p];
      if (cyc === 0) continue;
      const since = v - p * width;
      if (since >= dueFrom * cyc && since <= dueTo * cyc) {
        dueNow[p]++;
        due = true;
      }
    }
    if (due) dueCustomers++;
  }

  const replenishment: ReplenishmentCycle[] = [];
  for (let p = 0; p < nProducts; p++) {
    if (cycle[p] === 0) continue;
    replenishment.push({
      sku: log.productSkus[p],
      name: log.productNames[p],
      repeatCustomers: repeatCustomers[p],
      medianDays: cycle[p],
      dueNow: dueNow[p],
    });
  }
  replenishment.sort((a, b) => b.repeatCustomers - a.repeatCustomers || compareText(a.sku, b.sku));

  const repeatRateByFirstProduct: FirstProductRepeat[] = [];
  for (let p = 0; p < nProducts; p++) {
    const customers = firstOrderCustomers[p];
    if (customers === 0 || customers < minFirstOrderCustomers) continue;
    repeatRateByFirstProduct.push({
      sku: log.productSkus[p],
      name: log.productNames[p],
      customers,
      repeatRate: firstOrderRepeaters[p] / customers,
    });
  }
  repeatRateByFirstProduct.sort((a, b) => b.customers - a.customers || compareText(a.sku, b.sku));

  return {
    dueCustomers,
    replenishment: replenishment.slice(0, maxCycles),
    repeatRateByFirstProduct: repeatRateByFirstProduct.slice(0, maxFirstProducts),
  };
}
