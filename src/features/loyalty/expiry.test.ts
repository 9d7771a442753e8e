import { describe, expect, it } from 'vitest';
import { addMonths, expiresAt, expiryDue, expiryWarningDue } from './expiry.js';
import type { LedgerEntry } from './ledger.js';

const earn = (points: number, key: string, postedAt: string): LedgerEntry => ({
  kind: 'earn',
  points,
  sourceKey: key,
  reason: 'order',
  postedAt,
  availableAt: postedAt,
});
const policy = { months: 12, warnDays: 30 };

describe('points expiry', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths('2024-01-31T10:00:00.000Z', 1)).toBe('2024-02-29T10:00:00.000Z');
    expect(addMonths('2023-01-31T10:00:00.000Z', 1)).toBe('2023-02-28T10:00:00.000Z');
    expect(addMonths('2024-03-15T00:00:00.000Z', 12)).toBe('2025-03-15T00:00:00.000Z');
  });

  it('expires the whole balance after the inactivity period, exactly at its boundary, once', () => {
    const ledger = [earn(100, 'order:1', '2024-01-10T00:00:00.000Z'), earn(20, 'order:2', '2024-03-01T00:00:00.000Z')];
    expect(expiresAt(ledger, '2024-06-01T00:00:00.000Z', policy)).toBe('2025-03-01T00:00:00.000Z');
    expect(expiryDue(ledger, '2025-02-28T23:59:59.999Z', policy)).toBeNull();
    const due = expiryDue(ledger, '2025-03-01T00:00:00.000Z', policy);
    expect(due).toMatchObject({
      kind: 'expire',
      points: -120,
      postedAt: '2025-03-01T00:00:00.000Z',
      sourceKey: 'expire:2024-03-01T00:00:00.000Z',
    });
    // Posted: nothing more is due, and the expire entry itself is not activity.
    const after = [...ledger, due as LedgerEntry];
    expect(expiryDue(after, '2025-06-01T00:00:00.000Z', policy)).toBeNull();
    expect(expiresAt(after, '2025-06-01T00:00:00.000Z', policy)).toBeNull();
  });

  it('warns within warnDays of the expiry, and not after it', () => {
    const ledger = [earn(100, 'order:1', '2024-01-10T00:00:00.000Z')];
    expect(expiryWarningDue(ledger, '2024-12-10T00:00:00.000Z', policy)).toBeNull();
    expect(expiryWarningDue(ledger, '2024-12-12T00:00:00.000Z', policy)).toEqual({
      expiresAt: '2025-01-10T00:00:00.000Z',
      points: 100,
    });
    expect(expiryWarningDue(ledger, '2025-01-10T00:00:00.000Z', policy)).toBeNull();
  });

  it('keeps points alive while the customer is active, and has nothing to expire without points', () => {
    const ledger = [earn(100, 'order:1', '2024-01-10T00:00:00.000Z'), earn(5, 'order:2', '2024-12-20T00:00:00.000Z')];
    expect(expiryDue(ledger, '2025-01-10T00:00:00.000Z', policy)).toBeNull();
    expect(expiresAt([], '2025-01-10T00:00:00.000Z', policy)).toBeNull();
  });
});
