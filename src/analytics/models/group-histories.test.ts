import { describe, expect, it } from 'vitest';
import { distinctValues, groupHistories, groupRows, prepareCounts, subsampleCounts } from './group-histories.js';

describe('groupHistories', () => {
  it('groups identical (x, tx, T) and sums weights', () => {
    const g = groupHistories({
      x: Float64Array.of(0, 1, 0, 1, 2, 1),
      tx: Float64Array.of(0, 3, 0, 3, 5, 3),
      T: Float64Array.of(10, 10, 10, 12, 10, 10),
      weights: Float64Array.of(1, 2, 3, 4, 5, 6),
    });
    expect(g.x.length).toBe(4);
    const key = (i: number) => `${g.x[i]}/${g.tx[i]}/${g.T[i]}`;
    const byKey = new Map(Array.from(g.x, (_, i) => [key(i), g.weights[i]]));
    expect(byKey.get('0/0/10')).toBe(4);
    expect(byKey.get('1/3/10')).toBe(8);
    expect(byKey.get('1/3/12')).toBe(4);
    expect(byKey.get('2/5/10')).toBe(5);
    // groupOf maps each row to its group.
    expect(Array.from(g.groupOf, (grp) => key(grp))).toEqual([
      '0/0/10',
      '1/3/10',
      '0/0/10',
      '1/3/12',
      '2/5/10',
      '1/3/10',
    ]);
  });

  it('treats -0 and +0 alike and survives many distinct keys (table growth)', () => {
    expect(groupRows(Float64Array.of(0, -0), Float64Array.of(1, 1), Float64Array.of(2, 2)).nGroups).toBe(1);
    const n = 300_000;
    const a = Float64Array.from({ length: n }, (_, i) => i % 100_000);
    const { values, index } = distinctValues(a);
    expect(values.length).toBe(100_000);
    for (let i = 0; i < n; i += 9_973) expect(values[index[i]]).toBe(a[i]);
  });

  it('prepares scaled counts and an unbiased stride subsample', () => {
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, i) => i % 4);
    const tx = x.map((v, i) => (v === 0 ? 0 : 1 + (i % 17)));
    const T = Float64Array.from({ length: n }, (_, i) => 20 + (i % 3) * 7);
    const prep = prepareCounts({ x, tx, T });
    expect(prep.nObservations).toBe(n);
    expect(prep.scale).toBeCloseTo((334 * 20 + 333 * 27 + 333 * 34) / 1000, 12);
    expect(prep.Tu.length).toBe(3);
    expect(prep.zeroWeightByT.reduce((s, v) => s + v, 0)).toBe(250);
    const sub = subsampleCounts(prep, 100);
    expect(sub.px.length).toBeLessThanOrEqual(100);
    expect(sub.nObservations).toBeGreaterThan(900);
    expect(sub.nObservations).toBeLessThan(1100);
  });
});
