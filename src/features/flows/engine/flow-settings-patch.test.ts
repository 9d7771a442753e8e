import { describe, expect, it } from 'vitest';
import { mergeSettingsPatch } from './flow-settings-patch.js';

describe('mergeSettingsPatch', () => {
  it('changes only the fields given, objects field by field, lists and null as values', () => {
    const written = { sendHour: 9, gift: { type: 'percent', value: 10, validDays: 14 }, skus: ['A'] };
    expect(mergeSettingsPatch(written, { sendHour: 11, gift: { validDays: 30 }, skus: [], reorderPath: null })).toEqual(
      {
        sendHour: 11,
        gift: { type: 'percent', value: 10, validDays: 30 },
        skus: [],
        reorderPath: null,
      },
    );
    // The written settings are not changed in place.
    expect(written.gift.validDays).toBe(14);
  });

  it('sets an object where there was none, and replaces an object by a scalar', () => {
    expect(mergeSettingsPatch({}, { gift: { value: 5 } })).toEqual({ gift: { value: 5 } });
    expect(mergeSettingsPatch({ gift: { value: 5 } }, { gift: null })).toEqual({ gift: null });
  });
});
