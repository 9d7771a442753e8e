import { describe, expect, it } from 'vitest';
import { deliveryChangesFromFlags, mergeDeliveryChanges } from './delivery-settings-changes.js';

describe('delivery settings changes', () => {
  it('keep the stored fields a change leaves out, merge the cap, and drop a field set to null', () => {
    const stored = { timeZone: 'Europe/Berlin', frequencyCap: { maxPerWindow: 2 }, holdoutShare: 0.2 };
    expect(mergeDeliveryChanges(stored, { frequencyCap: { windowDays: 14 }, holdoutShare: null })).toEqual({
      timeZone: 'Europe/Berlin',
      frequencyCap: { maxPerWindow: 2, windowDays: 14 },
    });
    expect(mergeDeliveryChanges(null, { quietHours: null })).toEqual({ quietHours: null });
    expect(mergeDeliveryChanges(stored, { flowHoldoutShares: { campaign: 0 } }).flowHoldoutShares).toEqual({
      campaign: 0,
    });
    expect(() => mergeDeliveryChanges(stored, [1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('turn the flags into a change document, explicit flags over --set', () => {
    expect(
      deliveryChangesFromFlags({
        set: '{"timeZone":"UTC","maxAttempts":3}',
        timeZone: 'Europe/Ljubljana',
        quietHours: '9:00-17:30',
        frequencyCap: 'maxPerWindow=2, windowDays=7',
        holdoutShare: '0.1',
      }),
    ).toEqual({
      timeZone: 'Europe/Ljubljana',
      maxAttempts: 3,
      quietHours: { start: '09:00', end: '17:30' },
      frequencyCap: { maxPerWindow: 2, windowDays: 7 },
      holdoutShare: 0.1,
    });
    expect(deliveryChangesFromFlags({})).toEqual({});
    expect(deliveryChangesFromFlags({ quietHours: 'off' })).toEqual({ quietHours: null });
    for (const flags of [{ set: '[]' }, { quietHours: '21-8' }, { frequencyCap: 'windowDays' }, { maxAttempts: '' }])
      expect(() => deliveryChangesFromFlags(flags), JSON.stringify(flags)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
  });
});
