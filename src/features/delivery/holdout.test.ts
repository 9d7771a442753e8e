import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLDOUT_SHARE, holdoutPosition, isHeldOut } from './holdout.js';

const ids = Array.from({ length: 100_000 }, (_, i) => `cus_${i.toString(36).padStart(8, '0')}`);

describe('holdout', () => {
  it('holds out the share of 100,000 customers within a tight band (binomial sd is 0.095%)', () => {
    const held = ids.filter((id) => isHeldOut('sto_a', 'win-back', id, DEFAULT_HOLDOUT_SHARE)).length;
    expect(held / ids.length).toBeGreaterThan(0.097);
    expect(held / ids.length).toBeLessThan(0.103);
    const quarter = ids.filter((id) => isHeldOut('sto_a', 'win-back', id, 0.25)).length;
    expect(Math.abs(quarter / ids.length - 0.25)).toBeLessThan(0.005);
  });

  it('spreads positions uniformly over [0, 1): every tenth has 10% +- 0.5%', () => {
    const deciles = new Array<number>(10).fill(0);
    let outside = 0;
    for (const id of ids) {
      const p = holdoutPosition('sto_a', 'replenishment', id);
      if (!(p >= 0 && p < 1)) outside++;
      else deciles[Math.floor(p * 10)]++;
    }
    expect(outside).toBe(0);
    for (const count of deciles) expect(Math.abs(count / ids.length - 0.1)).toBeLessThan(0.005);
  });

  it('is the same on every run and independent across flows and stores', () => {
    const a = ids.slice(0, 5000).map((id) => isHeldOut('sto_a', 'win-back', id, 0.1));
    const again = ids.slice(0, 5000).map((id) => isHeldOut('sto_a', 'win-back', id, 0.1));
    expect(again).toEqual(a);
    expect(holdoutPosition('sto_a', 'win-back', 'cus_1')).toBe(holdoutPosition('sto_a', 'win-back', 'cus_1'));
    // Held out of two independent flows: about 1% of customers, not 10%.
    const both = ids.filter(
      (id) => isHeldOut('sto_a', 'win-back', id, 0.1) && isHeldOut('sto_a', 'birthday', id, 0.1),
    ).length;
    expect(both / ids.length).toBeGreaterThan(0.008);
    expect(both / ids.length).toBeLessThan(0.012);
    const otherStore = ids.filter(
      (id) => isHeldOut('sto_a', 'win-back', id, 0.1) && isHeldOut('sto_b', 'win-back', id, 0.1),
    ).length;
    expect(otherStore / ids.length).toBeLessThan(0.012);
  });

  it('holds out nobody at share 0 and everybody at share 1; a larger share contains a smaller one', () => {
    expect(ids.slice(0, 1000).some((id) => isHeldOut('sto_a', 'f', id, 0))).toBe(false);
    expect(ids.slice(0, 1000).every((id) => isHeldOut('sto_a', 'f', id, 1))).toBe(true);
    for (const id of ids.slice(0, 2000))
      if (isHeldOut('sto_a', 'f', id, 0.1)) expect(isHeldOut('sto_a', 'f', id, 0.2)).toBe(true);
  });
});

describe('holdout positions are pinned', () => {
  it('gives the same number for the same input on every machine (a change would reshuffle every live holdout)', () => {
    expect(holdoutPosition('sto_a', 'win-back', 'cus_1')).toMatchInlineSnapshot(`0.21216639114952374`);
  });
});
