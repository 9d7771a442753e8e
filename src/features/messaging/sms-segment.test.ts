import { describe, expect, it } from 'vitest';
import { hasOptOutLine, smsSize } from './sms-segment.js';

describe('the size of an SMS', () => {
  it('counts GSM-7 characters, the extension table twice', () => {
    expect(smsSize('Hi Ann, £5 off: café')).toEqual({ encoding: 'GSM-7', length: 20, limit: 160, nonGsm: [] });
    expect(smsSize('Save 5€ [today]')).toMatchObject({ encoding: 'GSM-7', length: 18 });
    expect(smsSize('x'.repeat(160))).toMatchObject({ length: 160, limit: 160 });
  });

  it('falls back to UCS-2, 70 units, for any other character, naming it', () => {
    expect(smsSize('It’s here')).toEqual({ encoding: 'UCS-2', length: 9, limit: 70, nonGsm: ['’'] });
    expect(smsSize('Привет')).toMatchObject({ encoding: 'UCS-2', length: 6, limit: 70 });
    // An emoji is two UTF-16 units.
    expect(smsSize('Hi ☕🎉')).toMatchObject({ encoding: 'UCS-2', length: 6 });
  });
});

describe('the opt-out line', () => {
  it('is an opt-out word in capitals, as a word', () => {
    expect(hasOptOutLine('Sunny Beans: hi\nReply STOP to opt out')).toBe(true);
    expect(hasOptOutLine('Répondez ARRET pour ne plus recevoir')).toBe(true);
    expect(hasOptOutLine('Antworte STOPP zum Abbestellen')).toBe(true);
    expect(hasOptOutLine('Reply stop to opt out')).toBe(false);
    expect(hasOptOutLine('Our STOPOVER sale')).toBe(false);
  });
});
