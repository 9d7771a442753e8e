import { describe, expect, it } from 'vitest';
import { hyp2f1, logAbsHyp2f1, logHyp2f1, logHyp2f1UnitShift } from './hyp2f1.js';

// Reference values from mpmath 1.3 (40 digits): [a, b, c, z, ln 2F1, 2F1].
const REFERENCE: [number, number, number, number, number, number][] = [
  [0.2425982, 2.426167, 2.2191569, 39 / (4.413684 + 39), 0.66028232897099909933, 1.9353386594489654104],
  [1, 1, 2, 0.5, 0.3266342599782809824, 1.3862943611198906188],
  [2.5, 3.5, 1.5, 0.9, 11.15009027883747676, 69570.108523704415755],
  [0.5, -0.3, 1.7, 0.3, -0.028630620200088392823, 0.97177535236476974937],
  [3, 4, 5, -0.6, -1.1458580094440080598, 0.31795099576522652473],
  [1.5, 2, 3, -3.0, -1.5040773967762740734, 0.22222222222222222222],
  [223.24, 221.55, 224.24, 0.0094, 2.0830881686354752999, 8.0292262719133001739],
  [50, 60, 70, 0.99, 187.87850287553389316, 3.9318511401732438899e81],
  [0.3, 0.4, 0.5, 0.999, 1.5359229649076507369, 4.64561128804101013],
  [221.2425982, 223.426167, 223.2191569, 0.47, 140.5926807094747556, 1.1445253812026872136e61],
];

describe('hyp2f1', () => {
  it.each(REFERENCE)('2F1(%d, %d; %d; %d) matches mpmath', (a, b, c, z, logValue, value) => {
    expect(hyp2f1(a, b, c, z) / value).toBeCloseTo(1, 12);
    expect(logHyp2f1(a, b, c, z)).toBeCloseTo(logValue, 11);
  });

  it('satisfies closed forms', () => {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z and 2F1(a, b; b; z) = (1 - z)^-a (A&S 15.1.3, 15.1.8)
    for (const z of [1e-6, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z) / (-Math.log1p(-z) / z)).toBeCloseTo(1, 13);
      expect(hyp2f1(2.7, 1.3, 1.3, z) / (1 - z) ** -2.7).toBeCloseTo(1, 12);
    }
    // 2F1(1/2, 1/2; 3/2; x^2) = arcsin(x) / x (A&S 15.1.6)
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 14);
  });

  it('is a polynomial for a negative integer a, of either sign', () => {
    // 2F1(-3, 2; 1.5; 0.7) = -0.0752 (mpmath); its log is undefined.
    expect(hyp2f1(-3, 2, 1.5, 0.7)).toBeCloseTo(-0.0752, 14);
    const sign = new Float64Array(1);
    logAbsHyp2f1(-3, 2, 1.5, 0.7, sign);
    expect(sign[0]).toBe(-1);
    expect(logHyp2f1(-3, 2, 1.5, 0.7)).toBeNaN();
  });

  it('stays in log space where the value overflows', () => {
    const l = logHyp2f1(600, 600, 601, 0.9);
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeGreaterThan(709);
    expect(hyp2f1(600, 600, 601, 0.9)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects arguments outside its domain', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, Number.NaN)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
  });
});

describe('logHyp2f1UnitShift', () => {
  // [A, B, z, ln F, d/dA, d/dB, d/dz] from mpmath.
  const CASES: [number, number, number, number, number, number, number][] = [
    [
      222.15, 221.55, 0.0094, 2.0830427982043135672, 0.000041826634724134222476, 0.0094023301151440140292,
      222.65001386709982542,
    ],
    [1.3, 1.6, 0.7, 1.0298800261724018578, 0.3045563437126638132, 0.72980158970962193827, 2.6946248708353729468],
    [0.9, 1.6, 0, 0, 0, 0, 0.75789473684210535936],
  ];
  it.each(CASES)('2F1(%d, %d; A+1; %d) and its derivatives match mpmath', (A, B, z, l, dA, dB, dz) => {
    const g = new Float64Array(3);
    expect(logHyp2f1UnitShift(A, B, z, g)).toBeCloseTo(l, 12);
    expect(g[0]).toBeCloseTo(dA, 10);
    expect(g[1]).toBeCloseTo(dB, 10);
    expect(g[2] / dz).toBeCloseTo(1, 10);
  });

  it('agrees with the general series and reports slow cases as NaN', () => {
    const g = new Float64Array(3);
    expect(logHyp2f1UnitShift(3.2, 5.1, 0.6, g)).toBeCloseTo(logHyp2f1(3.2, 5.1, 4.2, 0.6), 12);
    expect(logHyp2f1UnitShift(3.2, 500, 0.9999, g, 1000)).toBeNaN();
  });
});
