/**
 * Compression of per-customer histories into distinct (x, tx, T) triples with counts, so that a
 * likelihood evaluation costs one term per distinct history rather than per customer: on integer
 * day grids a million customers share a few tens of thousands of histories. The database can do
 * the same with GROUP BY x, tx, T (architecture.md, scale-out).
 *
 * Hashing is done on the bit patterns of the doubles in an open-addressing table (typed arrays),
 * since a Map keyed by strings would cost more than the likelihood itself.
 */
import { RegularsError } from '../../platform/errors.js';
import type { CountHistories } from './types.js';

export interface GroupedHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weights: Float64Array;
  /** For each input row, the index of its group. */
  readonly groupOf: Uint32Array;
}

/** The two 32-bit halves of every double, read in place (a Float64Array is always 8-byte aligned). */
function words(v: Float64Array): Uint32Array {
  return new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
}

/**
 * Mixes the two halves of a double into h (one multiply per word, murmur3-style rotations); -0 is
 * folded onto +0 so that they group together, as === says they are equal.
 */
function mix(h: number, lo: number, hi: number): number {
  const hiNorm = lo === 0 && (hi & 0x7fffffff) === 0 ? 0 : hi;
  // `| 0` keeps every intermediate an int32, which V8 computes without boxing.
  let k = Math.imul(lo, 0xcc9e2d51);
  h ^= k;
  h = (Math.imul((h << 13) | (h >>> 19), 5) + 0x6546b64) | 0;
  k = Math.imul(hiNorm, 0x1b873593);
  h ^= k;
  h = (Math.imul((h << 13) | (h >>> 19), 5) + 0x6546b64) | 0;
  return h;
}

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Groups rows by identical keys across up to three parallel arrays (pass the same array twice to
 * use fewer keys). Returns the first row of each group and each row's group index.
 */
export function groupRows(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
): { firstRow: Uint32Array; groupOf: Uint32Array; nGroups: number } {
  const n = a.length;
  const aw = words(a);
  const bw = words(b);
  const cw = words(c);
  // The table starts at up to 2^17 slots and grows fourfold at half load: it stays cache-resident
  // when a million customers share a few thousand histories (the common case on day grids) and
  // needs few rehashes when they do not.
  let size = 1024;
  while (size < 2 * n && size < 1 << 17) size *= 2;
  let mask = size - 1;
  let slots = new Int32Array(size).fill(-1); // group index stored in the slot
  let capacity = Math.min(n, size);
  let hashes = new Int32Array(capacity); // hash of each group, for rehashing
  let firstRow = new Uint32Array(capacity);
  const groupOf = new Uint32Array(n);
  let nGroups = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i];
    const bi = b[i];
    const ci = c[i];
    const j = 2 * i;
    const hash = finalise(mix(mix(mix(0x9747b28c, aw[j], aw[j + 1]), bw[j], bw[j + 1]), cw[j], cw[j + 1]));
    let h = hash & mask;
    for (;;) {
      const g = slots[h];
      if (g === -1) {
        if (nGroups === capacity) {
          capacity = Math.min(n, capacity * 2);
          const grown = new Uint32Array(capacity);
          grown.set(firstRow);
          firstRow = grown;
          const grownHashes = new Int32Array(capacity);
          grownHashes.set(hashes);
          hashes = grownHashes;
        }
        slots[h] = nGroups;
        firstRow[nGroups] = i;
        hashes[nGroups] = hash;
        groupOf[i] = nGroups;
        nGroups++;
        if (2 * nGroups > size) {
          size *= 4;
          mask = size - 1;
          slots = new Int32Array(size).fill(-1);
          for (let gi = 0; gi < nGroups; gi++) {
            let s = hashes[gi] & mask;
            while (slots[s] !== -1) s = (s + 1) & mask;
            slots[s] = gi;
          }
        }
        break;
      }
      const r = firstRow[g];
      if (a[r] === ai && b[r] === bi && c[r] === ci) {
        groupOf[i] = g;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  return { firstRow: firstRow.subarray(0, nGroups), groupOf, nGroups };
}

/** Distinct values of an array and, for each entry, the index of its value. */
export function distinctValues(values: Float64Array): { values: Float64Array; index: Uint32Array } {
  const { firstRow, groupOf, nGroups } = groupRows(values, values, values);
  const out = new Float64Array(nGroups);
  for (let g = 0; g < nGroups; g++) out[g] = values[firstRow[g]];
  return { values: out, index: groupOf };
}

/**
 * Compresses continuous-time histories into distinct (x, tx, T) with weights = number of customers
 * (or the sum of the given weights). groupOf maps every input row to its group, so per-group
 * predictions can be spread back to customers.
 */
export function groupHistories(data: CountHistories): GroupedHistories {
  const { x, tx, T } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n || (data.weights && data.weights.length !== n)) {
    throw new RegularsError('INVALID_ARGUMENT', 'x, tx, T (and weights) must have the same length');
  }
  const { firstRow, groupOf, nGroups } = groupRows(x, tx, T);
  const gx = new Float64Array(nGroups);
  const gtx = new Float64Array(nGroups);
  const gT = new Float64Array(nGroups);
  const w = new Float64Array(nGroups);
  for (let g = 0; g < nGroups; g++) {
    const r = firstRow[g];
    gx[g] = x[r];
    gtx[g] = tx[r];
    gT[g] = T[r];
  }
  const weights = data.weights;
  if (weights) for (let i = 0; i < n; i++) w[groupOf[i]] += weights[i];
  else for (let i = 0; i < n; i++) w[groupOf[i]] += 1;
  return { x: gx, tx: gtx, T: gT, weights: w, groupOf };
}

/** Largest repeat-purchase count accepted: per-x tables are sized by the largest x. */
export const MAX_PURCHASES = 10_000_000;

/**
 * Checks continuous-time histories: equal lengths, x a whole number in [0, MAX_PURCHASES], 0 <= tx <= T, T > 0,
 * tx = 0 when x = 0, finite non-negative weights. Throws INVALID_ARGUMENT naming the first bad row.
 */
export function validateCountHistories(data: CountHistories): void {
  const { x, tx, T, weights } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weights && weights.length !== n)) {
    throw new RegularsError('INVALID_ARGUMENT', 'x, tx, T (and weights) must have the same length');
  }
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const ti = tx[i];
    const Ti = T[i];
    if (
      !(xi >= 0) ||
      !Number.isInteger(xi) ||
      xi > MAX_PURCHASES ||
      !(ti >= 0) ||
      !(ti <= Ti) ||
      !(Ti > 0) ||
      !Number.isFinite(Ti) ||
      (xi === 0 && ti !== 0)
    ) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `customer ${i}: need x a whole number from 0 to ${MAX_PURCHASES}, 0 <= tx <= T, T > 0 and tx = 0 when x = 0 (got x=${xi}, tx=${ti}, T=${Ti})`,
        { row: i },
      );
    }
    if (weights && !(weights[i] >= 0 && Number.isFinite(weights[i]))) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `customer ${i}: weight must be a finite number >= 0 (got ${weights[i]})`,
        { row: i },
      );
    }
  }
}

/**
 * The layout the count-model likelihoods run on: grouped histories with times divided by `scale`
 * (the weighted mean of T, so the scale parameters are O(1) whatever the time unit), the distinct
 * T values (terms in ln(alpha + T) are computed once per T), the x = 0 customers as one weight per
 * distinct T, and the total weight per x (terms that depend only on x are summed once per x).
 */
export interface PreparedCounts {
  readonly scale: number;
  readonly nObservations: number;
  readonly nGroups: number;
  readonly maxX: number;
  /** Distinct T (scaled). */
  readonly Tu: Float64Array;
  /** Weight of the x = 0 customers per distinct T. */
  readonly zeroWeightByT: Float64Array;
  /** Groups with x > 0: x, tx (scaled), index into Tu, weight. */
  readonly px: Int32Array;
  readonly ptx: Float64Array;
  readonly pT: Uint32Array;
  readonly pw: Float64Array;
  /** Total weight per x, for x = 0..maxX. */
  readonly weightByX: Float64Array;
  /** sum of weight * x, for converting the log-likelihood between time units. */
  readonly sumWeightedX: number;
}

export function prepareCounts(data: CountHistories): PreparedCounts {
  validateCountHistories(data);
  const { x, tx, T, weights } = data;
  const n = x.length;
  let wSum = 0;
  let wT = 0;
  let maxX = 0;
  let sumWeightedX = 0;
  let nPositiveRows = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i];
    const xi = x[i] | 0; // validated whole numbers: int32 arithmetic and indexing are faster
    wSum += w;
    wT += w * T[i];
    sumWeightedX += w * xi;
    if (xi > maxX) maxX = xi;
    if (xi > 0) nPositiveRows++;
  }
  const scale = wSum > 0 ? wT / wSum : 1;
  // Customers without repeat purchases differ only by T: one weight per distinct T. Only the
  // others are grouped by (x, tx, T), which halves the hashing on typical data.
  const { values: TuRaw, index: tIndex } = distinctValues(T);
  const Tu = new Float64Array(TuRaw.length);
  for (let j = 0; j < Tu.length; j++) Tu[j] = TuRaw[j] / scale;
  const zeroWeightByT = new Float64Array(Tu.length);
  const posRows = new Uint32Array(nPositiveRows);
  const weightByX = new Float64Array(maxX + 1);
  for (let i = 0, j = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i];
    const xi = x[i] | 0;
    weightByX[xi] += w;
    if (xi === 0) zeroWeightByT[tIndex[i]] += w;
    else posRows[j++] = i;
  }
  // Plain loops: Float64Array.from with a map function goes through the iterator protocol (slow).
  const posX = new Float64Array(nPositiveRows);
  const posTx = new Float64Array(nPositiveRows);
  const posT = new Float64Array(nPositiveRows);
  for (let j = 0; j < nPositiveRows; j++) {
    const i = posRows[j];
    posX[j] = x[i];
    posTx[j] = tx[i];
    posT[j] = tIndex[i];
  }
  const { firstRow, groupOf, nGroups: nPos } = groupRows(posX, posTx, posT);
  const pw = new Float64Array(nPos);
  for (let j = 0; j < nPositiveRows; j++) pw[groupOf[j]] += weights ? weights[posRows[j]] : 1;
  // Drop groups of weight 0 (customers given zero weight).
  let kept = 0;
  for (let g = 0; g < nPos; g++) if (pw[g] > 0) kept++;
  const px = new Int32Array(kept);
  const ptx = new Float64Array(kept);
  const pT = new Uint32Array(kept);
  const pwKept = new Float64Array(kept);
  for (let g = 0, k = 0; g < nPos; g++) {
    if (!(pw[g] > 0)) continue;
    const r = firstRow[g];
    px[k] = posX[r];
    ptx[k] = posTx[r] / scale;
    pT[k] = posT[r];
    pwKept[k] = pw[g];
    k++;
  }
  let zeroGroups = 0;
  for (let j = 0; j < Tu.length; j++) if (zeroWeightByT[j] > 0) zeroGroups++;
  return {
    scale,
    nObservations: wSum,
    nGroups: kept + zeroGroups,
    maxX,
    Tu,
    zeroWeightByT,
    px,
    ptx,
    pT,
    pw: pwKept,
    weightByX,
    sumWeightedX,
  };
}

/**
 * Every k-th history with x > 0, weighted by k (k chosen to keep about maxGroups), plus all the
 * x = 0 customers (one term per distinct T anyway): an unbiased, deterministic subsample for a
 * quick first fit on very large data.
 */
export function subsampleCounts(prep: PreparedCounts, maxGroups: number): PreparedCounts {
  const nPos = prep.px.length;
  const k = Math.max(1, Math.ceil(nPos / Math.max(1, maxGroups)));
  const m = Math.ceil(nPos / k);
  const px = new Int32Array(m);
  const ptx = new Float64Array(m);
  const pT = new Uint32Array(m);
  const pw = new Float64Array(m);
  const weightByX = new Float64Array(prep.maxX + 1);
  let zeroWeight = 0;
  for (let j = 0; j < prep.zeroWeightByT.length; j++) zeroWeight += prep.zeroWeightByT[j];
  weightByX[0] = zeroWeight;
  let nObservations = zeroWeight;
  let sumWeightedX = 0;
  for (let j = 0, i = 0; i < nPos; i += k, j++) {
    px[j] = prep.px[i];
    ptx[j] = prep.ptx[i];
    pT[j] = prep.pT[i];
    pw[j] = prep.pw[i] * k;
    weightByX[px[j]] += pw[j];
    nObservations += pw[j];
    sumWeightedX += pw[j] * px[j];
  }
  return { ...prep, nObservations, nGroups: m + prep.Tu.length, px, ptx, pT, pw, weightByX, sumWeightedX };
}
