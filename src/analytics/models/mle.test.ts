import { describe, expect, it } from 'vitest';
import { maximizeLikelihood, type LogLikelihood, type MleProblem } from './mle.js';

/** Exponential waiting times y with rate e^theta: LL = n theta - e^theta sum(y); MLE rate n / sum(y). */
function exponential(n: number, sumY: number, nGroups = n, withSubsample = false): LogLikelihood {
  const ll: LogLikelihood = {
    nObservations: n,
    nGroups,
    evaluate(theta, grad) {
      grad[0] = n - Math.exp(theta[0]) * sumY;
      return n * theta[0] - Math.exp(theta[0]) * sumY;
    },
  };
  // A "subsample" with slightly different data, as a stride subsample would have.
  return withSubsample ? { ...ll, subsample: () => exponential(n / 10, (sumY / 10) * 1.05, 50_000) } : ll;
}

const problem = (ll: LogLikelihood, extra: Partial<MleProblem> = {}): MleProblem => ({
  names: ['rate'],
  ll,
  starts: [Float64Array.of(0), Float64Array.of(3)],
  penalty: 0,
  allStarts: false,
  maxIterations: 200,
  gradientTolerance: 1e-9,
  standardErrors: true,
  describeBoundary: (i, d) => `param ${i} to ${d}`,
  ...extra,
});

describe('maximizeLikelihood', () => {
  it('finds the maximum and the standard error of the log-parameter', () => {
    const out = maximizeLikelihood(problem(exponential(400, 200)));
    expect(Math.exp(out.theta[0])).toBeCloseTo(2, 8);
    expect(out.logLikelihood).toBeCloseTo(400 * Math.log(2) - 400, 8);
    // Information of ln(rate) is n, so se = 1 / sqrt(n).
    expect(out.logStandardErrors[0]!).toBeCloseTo(1 / 20, 5);
    expect(out.converged).toBe(true);
    expect(out.warnings).toEqual([]);
    expect(out.startsTried).toBe(1);
  });

  it('shrinks towards theta = 0 with a penalty and reports the unpenalised log-likelihood', () => {
    const out = maximizeLikelihood(problem(exponential(400, 200), { penalty: 0.5 }));
    // Stationary point of -(1 - e^theta / 2) + theta = 0, between 0 and ln 2.
    expect(out.theta[0]).toBeGreaterThan(0);
    expect(out.theta[0]).toBeLessThan(Math.log(2));
    expect(-(1 - Math.exp(out.theta[0]) / 2) + out.theta[0]).toBeCloseTo(0, 8);
    expect(out.logLikelihood).toBeCloseTo(400 * out.theta[0] - Math.exp(out.theta[0]) * 200, 8);
  });

  it('starts large problems on the subsample and finishes on all the data', () => {
    const out = maximizeLikelihood(problem(exponential(1e6, 5e5, 1e6, true)));
    expect(Math.exp(out.theta[0])).toBeCloseTo(2, 6);
    expect(out.converged).toBe(true);
    expect(out.iterations).toBeLessThan(5);
  });

  it('takes the warm-start subsample size from the problem', () => {
    // 20,000 groups: below twice the default 50,000 (no subsample), above twice 5,000 (subsample asked for).
    let asked = 0;
    const base = exponential(2e4, 1e4, 2e4);
    const ll: LogLikelihood = {
      ...base,
      subsample: (maxGroups) => {
        asked = maxGroups;
        return exponential(2e3, 1e3 * 1.05, maxGroups);
      },
    };
    maximizeLikelihood(problem(ll));
    expect(asked).toBe(0);
    const out = maximizeLikelihood(problem(ll, { warmStartGroups: 5_000 }));
    expect(asked).toBe(5_000);
    expect(Math.exp(out.theta[0])).toBeCloseTo(2, 6);
    expect(() => maximizeLikelihood(problem(ll, { warmStartGroups: 0 }))).toThrow(/warmStartGroups/);
  });

  it('reports a boundary and a poorly identified parameter', () => {
    // LL rises forever as theta -> infinity.
    const ll: LogLikelihood = {
      nObservations: 10,
      nGroups: 10,
      evaluate: (t, g) => ((g[0] = 10 * Math.exp(-t[0])), -10 * Math.exp(-t[0])),
    };
    const out = maximizeLikelihood(problem(ll));
    expect(out.warnings).toContain('param 0 to 1');
    expect(out.logStandardErrors[0]).toBeNull();
    // One tenth of an observation: se(ln rate) = sqrt(10), a factor of 24 either way.
    const flat = maximizeLikelihood(problem(exponential(0.1, 0.1)));
    expect(flat.warnings.join(' ')).toMatch(/poorly identified/);
  });

  it('rejects a negative penalty and empty data', () => {
    expect(() => maximizeLikelihood(problem(exponential(10, 5), { penalty: -1 }))).toThrow(/penalty/);
    expect(() => maximizeLikelihood(problem(exponential(0, 0)))).toThrow(/no customers/);
  });
});
