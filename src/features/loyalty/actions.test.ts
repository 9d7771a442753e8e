import { describe, expect, it } from 'vitest';
import { actionEntry } from './actions.js';
import type { LedgerEntry } from './ledger.js';

const posted = (key: string, postedAt: string): LedgerEntry => ({
  kind: 'earn',
  points: 10,
  sourceKey: key,
  reason: 'action',
  postedAt,
  availableAt: postedAt,
});

describe('action points', () => {
  const once = { points: 50, limit: 1, per: 'ever' as const };
  const yearly = { points: 100, limit: 1, per: 'year' as const };

  it('posts once per key and within the limit in all', () => {
    expect(actionEntry([], 'signup', once, 'k1', '2025-01-01T00:00:00.000Z')).toEqual({
      entry: {
        kind: 'earn',
        points: 50,
        sourceKey: 'action:signup:k1',
        reason: 'action signup',
        postedAt: '2025-01-01T00:00:00.000Z',
        availableAt: '2025-01-01T00:00:00.000Z',
      },
    });
    const ledger = [posted('action:signup:k1', '2025-01-01T00:00:00.000Z')];
    expect(actionEntry(ledger, 'signup', once, 'k1', '2025-02-01T00:00:00.000Z')).toEqual({
      refused: 'ALREADY_POSTED',
      entry: ledger[0],
    });
    expect(actionEntry(ledger, 'signup', once, 'k2', '2025-02-01T00:00:00.000Z')).toEqual({
      refused: 'ACTION_LIMIT_REACHED',
    });
    // Other actions do not count.
    expect('entry' in actionEntry(ledger, 'newsletter', once, 'k2', '2025-02-01T00:00:00.000Z')).toBe(true);
    expect(
      'entry' in
        actionEntry(ledger, 'review', { points: 5, limit: null, per: 'ever' }, 'k2', '2025-02-01T00:00:00.000Z'),
    ).toBe(true);
  });

  it('counts a yearly action per UTC calendar year', () => {
    const ledger = [posted('action:birthday:2024', '2024-12-31T23:59:59.999Z')];
    expect(actionEntry(ledger, 'birthday', yearly, '2025', '2025-01-01T00:00:00.000Z')).toHaveProperty('entry');
    const both = [...ledger, posted('action:birthday:2025', '2025-01-01T00:00:00.000Z')];
    expect(actionEntry(both, 'birthday', yearly, 'again', '2025-06-01T00:00:00.000Z')).toEqual({
      refused: 'ACTION_LIMIT_REACHED',
    });
  });
});
