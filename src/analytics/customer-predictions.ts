/**
 * Per-customer predictions turned into what a store owner acts on: the customers worth most over
 * the next year (CLV), the valuable ones the model thinks are gone, and head counts. Inputs are
 * columnar (one entry per customer of the as-of summary) and the lists are picked with a bounded
 * heap, so a million customers cost a pass, not a sort.
 */
import type { CustomerOrders, OrderLog } from './order-log.js';
import type { AtRiskCustomer, CustomerPredictions, ValuableCustomer } from './report.types.js';

/** A customer is counted as likely active at P(alive) >= this, as at risk below it. */
export const ALIVE_THRESHOLD = 0.5;

/**
 * Indices of the n largest scores, largest first; ties go to the lower index, NaN scores and
 * indices the filter rejects are skipped. A min-heap of size n: O(N log n).
 */
export function topIndices(score: Float64Array, n: number, include?: (i: number) => boolean): number[] {
  const heap: number[] = []; // heap[0] is the weakest kept index
  // a ranks below b: smaller score, or equal score and larger index.
  const below = (a: number, b: number): boolean => score[a] < score[b] || (score[a] === score[b] && a > b);
  const siftDown = (k: number): void => {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < heap.length && below(heap[l], heap[m])) m = l;
      if (r < heap.length && below(heap[r], heap[m])) m = r;
      if (m === k) return;
      [heap[k], heap[m]] = [heap[m], heap[k]];
      k = m;
    }
  };
  if (n <= 0) return [];
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i]) || (include && !include(i))) continue;
    if (heap.length < n) {
      heap.push(i);
      for (let k = heap.length - 1; k > 0;) {
        const parent = (k - 1) >> 1;
        if (!below(heap[k], heap[parent])) break;
        [heap[k], heap[parent]] = [heap[parent], heap[k]];
        k = parent;
      }
    } else if (below(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
}

/** Total spend up to the log's end of each listed customer (indices into log.customerIds). */
export function customerSpend(log: OrderLog, byCustomer: CustomerOrders, customers: Int32Array): Float64Array {
  const { start, order } = byCustomer;
  const out = new Float64Array(customers.length);
  for (let k = 0; k < customers.length; k++) {
    const c = customers[k];
    let s = 0;
    for (let i = start[c]; i < start[c + 1]; i++) s += log.orderAmount[order[i]];
    out[k] = s;
  }
  return out;
}

export interface CustomerListsInput {
  /** External id of each customer (entry k of every array below). */
  readonly customerId: (k: number) => string;
  /** Repeat purchases x (purchase days after the first). */
  readonly frequency: Float64Array;
  /** Days since the last purchase. */
  readonly daysSinceLast: Float64Array;
  readonly spend: Float64Array;
  readonly pAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly expectedSpend: Float64Array;
  readonly clv: Float64Array;
  /** List lengths (default 20). */
  readonly top?: number;
}

export type CustomerLists = Pick<CustomerPredictions, 'topByClv' | 'mostAtRisk' | 'counts'>;

/**
 * - topByClv: the `top` customers by CLV.
 * - mostAtRisk: among customers with 2+ purchase days and P(alive) < 0.5 (the ones counted as at
 *   risk: a one-time buyer's P(alive) says little), the `top` by spend x (1 - P(alive)), the
 *   expected value of the relationship already lost.
 * - counts: likely active (P(alive) >= 0.5), at risk, and the expected purchases of everyone in the
 *   forecast horizon.
 */
export function customerLists(input: CustomerListsInput): CustomerLists {
  const { frequency, pAlive, expectedPurchases, spend } = input;
  const n = frequency.length;
  const top = input.top ?? 20;
  let likelyActive = 0;
  let atRisk = 0;
  let expectedOrders = 0;
  const lostValue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expectedOrders += expectedPurchases[i];
    if (pAlive[i] >= ALIVE_THRESHOLD) likelyActive++;
    else if (frequency[i] >= 1) {
      atRisk++;
      lostValue[i] = spend[i] * (1 - pAlive[i]);
    }
  }
  const isAtRisk = (i: number): boolean => pAlive[i] < ALIVE_THRESHOLD && frequency[i] >= 1;
  const topByClv = topIndices(input.clv, top).map((i): ValuableCustomer => ({
    customerId: input.customerId(i),
    orders: frequency[i] + 1,
    pAlive: pAlive[i],
    expectedPurchasesNextQuarter: expectedPurchases[i],
    expectedSpend: input.expectedSpend[i],
    clv12m: input.clv[i],
  }));
  const mostAtRisk = topIndices(lostValue, top, isAtRisk).map((i): AtRiskCustomer => ({
    customerId: input.customerId(i),
    orders: frequency[i] + 1,
    spend: spend[i],
    pAlive: pAlive[i],
    daysSinceLastOrder: input.daysSinceLast[i],
  }));
  return {
    topByClv,
    mostAtRisk,
    counts: { customers: n, likelyActive, atRisk, expectedOrdersNextQuarter: expectedOrders },
  };
}
