import { describe, expect, it } from 'vitest';
import { integrateAdaptive } from './integrate.js';

describe('integrateAdaptive', () => {
  it('is exact for polynomials up to degree 22 in one panel', () => {
    const out = new Float64Array(2);
    const r = integrateAdaptive(
      (t, o) => {
        o[0] = t ** 10;
        o[1] = 3 * t * t;
      },
      2,
      0,
      2,
      out,
    );
    expect(out[0]).toBeCloseTo(2 ** 11 / 11, 10);
    expect(out[1]).toBeCloseTo(8, 12);
    expect(r.converged).toBe(true);
  });

  it('adapts to a sharp spike at one end', () => {
    const out = new Float64Array(1);
    const k = 500;
    const r = integrateAdaptive(
      (t, o) => {
        o[0] = Math.exp(-k * t);
      },
      1,
      0,
      100,
      out,
      { relativeTolerance: 1e-13 },
    );
    expect(out[0] * k).toBeCloseTo(1, 12);
    expect(r.intervals).toBeGreaterThan(1);
  });

  it('returns zero on an empty interval', () => {
    const out = new Float64Array(1).fill(7);
    integrateAdaptive((_t, o) => (o[0] = 1), 1, 3, 3, out);
    expect(out[0]).toBe(0);
  });
});
