/** Fits on data that carry almost no information end with warnings, never NaN or an exception. */
import { describe, expect, it } from 'vitest';
import { fitBgBb, fitBgNbd, fitGammaGamma, fitMbgNbd, fitParetoNbd, type FitResult } from './index.js';

function expectFiniteWithWarnings(fit: FitResult<object>): void {
  for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
  expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  expect(Number.isFinite(fit.gradientNorm)).toBe(true);
  for (const se of Object.values(fit.standardErrors)) expect(se === null || Number.isFinite(se)).toBe(true);
  expect(fit.warnings.length).toBeGreaterThan(0);
}

describe('degenerate data', () => {
  it('customers who never came back', () => {
    const data = {
      x: new Float64Array(50),
      tx: new Float64Array(50),
      T: Float64Array.from({ length: 50 }, (_, i) => 5 + i),
    };
    for (const fit of [fitBgNbd(data), fitMbgNbd(data), fitParetoNbd(data)]) expectFiniteWithWarnings(fit);
    expectFiniteWithWarnings(
      fitBgBb({ x: new Float64Array(10), tx: new Float64Array(10), n: new Float64Array(10).fill(5) }),
    );
  });

  it('a single customer', () => {
    const data = { x: Float64Array.of(3), tx: Float64Array.of(10), T: Float64Array.of(20) };
    for (const fit of [fitBgNbd(data), fitMbgNbd(data), fitParetoNbd(data)]) expectFiniteWithWarnings(fit);
  });

  it('identical spend for everyone', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => 1 + (i % 5));
    const fit = fitGammaGamma({ x, monetary: new Float64Array(200).fill(25) });
    expectFiniteWithWarnings(fit);
  });
});
