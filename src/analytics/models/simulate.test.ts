import { describe, expect, it } from 'vitest';
import { createRng } from '../../platform/random.js';
import { bgNbdExpectedPurchasesNew } from './bg-nbd.js';
import { simulateBgNbd, simulateParetoNbd } from './simulate.js';
import { paretoNbdExpectedPurchasesNew } from './pareto-nbd.js';

const params = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };

describe('simulators', () => {
  it('draw BG/NBD customers whose mean purchases match E[X(T)]', () => {
    const sim = simulateBgNbd(params, 200_000, 39, createRng(11));
    let mean = 0;
    let consistent = true;
    for (let i = 0; i < sim.x.length; i++) {
      mean += sim.x[i] / sim.x.length;
      consistent &&= sim.tx[i] <= sim.T[i] && (sim.x[i] > 0 || sim.tx[i] === 0);
    }
    expect(consistent).toBe(true);
    expect(mean).toBeCloseTo(bgNbdExpectedPurchasesNew(params, Float64Array.of(39))[0], 1);
  });

  it('are replayable from the seed and accept one T per customer', () => {
    const T = Float64Array.of(10, 20, 30);
    const a = simulateParetoNbd({ r: 1, alpha: 5, s: 1, beta: 10 }, 3, T, createRng(3));
    const b = simulateParetoNbd({ r: 1, alpha: 5, s: 1, beta: 10 }, 3, T, createRng(3));
    expect(a).toEqual(b);
    expect(Array.from(a.T)).toEqual([10, 20, 30]);
    const many = simulateParetoNbd({ r: 1, alpha: 5, s: 1, beta: 10 }, 100_000, 52, createRng(4));
    const mean = many.x.reduce((s, v) => s + v, 0) / many.x.length;
    expect(
      mean / paretoNbdExpectedPurchasesNew({ r: 1, alpha: 5, s: 1, beta: 10 }, Float64Array.of(52))[0],
    ).toBeCloseTo(1, 1);
  });

  it('records times on a day grid and merges same-day purchases when asked', () => {
    const sim = simulateBgNbd({ r: 5, alpha: 1, a: 1, b: 20 }, 2000, 39, createRng(8), { timeStep: 1 / 7 });
    for (let i = 0; i < sim.x.length; i++) {
      const days = sim.tx[i] * 7;
      expect(Math.abs(days - Math.round(days))).toBeLessThan(1e-9);
      // x repeat purchases on distinct days after day 0, the last one on day tx.
      expect(sim.x[i]).toBeLessThanOrEqual(Math.round(days));
    }
    expect(() => simulateBgNbd(params, 1, -1, createRng(1))).toThrow(/T must be/);
  });
});
