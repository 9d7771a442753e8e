import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './models/model.fixtures.js';
import { COUNT_MODEL_NAMES, COUNT_MODELS } from './count-models.js';

const cdnow = loadCdnowSummary();
const PUBLISHED = {
  bgnbd: { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 },
  mbgnbd: { r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.614 },
  'pareto-nbd': { r: 0.5533971, alpha: 10.5802, s: 0.6060625, beta: 11.65622 },
} as const;

describe('COUNT_MODELS', () => {
  it('predicts through one interface: the published BG/NBD figures', () => {
    const bg = COUNT_MODELS.bgnbd;
    const h = { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) };
    expect(bg.pAlive(PUBLISHED.bgnbd, h)[0]).toBeCloseTo(0.7266, 4);
    const out = new Float64Array(1);
    bg.forecast(PUBLISHED.bgnbd, h)(39, out);
    expect(out[0]).toBeCloseTo(1.226, 3);
    // The published new-customer figures use the parameters as FHL print them (see bg-nbd.test.ts).
    const fresh = bg.expectedPurchasesNew(
      { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      Float64Array.of(1, 39, 52, 78),
    );
    [0.053268, 1.196723, 1.446051, 1.860519].forEach((v, i) => expect(fresh[i]).toBeCloseTo(v, 5));
  });

  it('forecasts the same with a P(alive) handed in, and rejects one of the wrong length', () => {
    for (const name of COUNT_MODEL_NAMES) {
      const model = COUNT_MODELS[name];
      const params = PUBLISHED[name];
      const pAlive = model.pAlive(params, cdnow);
      const a = new Float64Array(cdnow.x.length);
      const b = new Float64Array(cdnow.x.length);
      model.forecast(params, cdnow)(13, a);
      model.forecast(params, cdnow, pAlive)(13, b);
      expect(b, name).toEqual(a);
      expect(() => model.forecast(params, cdnow, new Float64Array(3)), name).toThrow(/one entry per customer/);
      expect(() => model.forecast({ ...params, r: -1 }, cdnow, pAlive), name).toThrow(/parameter r/);
    }
  });

  it('fits each model with four parameters', () => {
    for (const name of COUNT_MODEL_NAMES) {
      const fit = COUNT_MODELS[name].fit(cdnow, { standardErrors: false });
      expect(fit.model).toBe(name);
      expect(COUNT_MODELS[name].parameterCount).toBe(Object.keys(fit.params).length);
    }
  });
});
