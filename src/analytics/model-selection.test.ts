import { describe, expect, it } from 'vitest';
import { bayesianInformationCriterion, chooseModel, meanAbsoluteError } from './model-selection.js';

describe('bayesianInformationCriterion', () => {
  it('is -2 LL + k ln n', () => {
    expect(bayesianInformationCriterion(-100, 4, 1)).toBe(200);
    expect(bayesianInformationCriterion(-9582.429, 4, 2357)).toBeCloseTo(19164.858 + 4 * Math.log(2357), 9);
    expect(bayesianInformationCriterion(-50, 2, Math.E ** 3)).toBeCloseTo(106, 12);
  });
});

describe('meanAbsoluteError', () => {
  it('averages the absolute differences per customer', () => {
    expect(meanAbsoluteError(Float64Array.of(0, 2, 5), Float64Array.of(0.5, 2, 3))).toBeCloseTo((0.5 + 0 + 2) / 3, 15);
    expect(meanAbsoluteError(Float64Array.of(1), Float64Array.of(4))).toBe(3);
    expect(meanAbsoluteError(new Float64Array(0), new Float64Array(0))).toBeNaN();
    expect(() => meanAbsoluteError(Float64Array.of(1), Float64Array.of(1, 2))).toThrow(/same length/);
  });
});

describe('chooseModel', () => {
  const row = (bic: number, holdoutMae: number | null, converged = true) => ({ bic, holdoutMae, converged });

  it('picks the lowest BIC, or the lowest holdout error', () => {
    const rows = [row(300, 0.9), row(100, 0.8), row(200, 0.7)];
    expect(chooseModel(rows, 'bic')).toBe(1);
    expect(chooseModel(rows, 'holdout-mae')).toBe(2);
  });

  it('keeps the first of equals, skips non-finite scores and prefers converged fits', () => {
    expect(chooseModel([row(100, 0.5), row(100, 0.5)], 'bic')).toBe(0);
    expect(chooseModel([row(Number.NaN, null), row(Number.POSITIVE_INFINITY, null), row(5, null)], 'bic')).toBe(2);
    expect(chooseModel([row(50, 0.1, false), row(100, 0.5)], 'bic')).toBe(1);
    expect(chooseModel([row(100, 0.5), row(50, 0.1, false)], 'holdout-mae')).toBe(0);
    expect(chooseModel([row(50, 0.1, false), row(40, 0.2, false)], 'bic')).toBe(1);
  });

  it('returns -1 when nothing can be compared', () => {
    expect(chooseModel([], 'bic')).toBe(-1);
    expect(chooseModel([row(100, null)], 'holdout-mae')).toBe(-1);
  });
});
