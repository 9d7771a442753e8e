import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from '../delivery/quiet-hours.js';
import { countryRuleOf, smsSendWindow } from './sms-country-rules.js';
import { keywordOf, smsKeyword } from './sms-keyword.js';
import { smsParts } from './sms-parts.js';
import { parseSmsSettings, smsSettingsView } from './sms-settings.js';
import { classifyTwilioError } from './twilio-error.js';

describe('SMS keywords', () => {
  it("reads Twilio's default keywords as the whole message, in any case", () => {
    expect(
      ['STOP', 'stop', ' Stop. ', 'UNSUBSCRIBE', 'cancel', 'end', 'quit', 'stopall', 'ARRET'].map(smsKeyword),
    ).toEqual(Array(9).fill('stop'));
    expect(['START', 'yes', 'Unstop'].map(smsKeyword)).toEqual(['start', 'start', 'start']);
    expect(['HELP', 'info'].map(smsKeyword)).toEqual(['help', 'help']);
    // A sentence is a reply to read, not an opt-out.
    expect(smsKeyword('please stop texting me')).toBeNull();
    expect(smsKeyword('Thanks!')).toBeNull();
  });
  it("lets Twilio's OptOutType (Advanced Opt-Out, a custom keyword) decide", () => {
    expect(keywordOf('HALT', 'STOP')).toBe('stop');
    expect(keywordOf('stop', undefined)).toBe('stop');
  });
});

describe('SMS country rules', () => {
  it('finds the country by its calling code, and none without a +', () => {
    expect(countryRuleOf('+44 7700 900123')?.country).toBe('GB');
    expect(countryRuleOf('+33612345678')?.country).toBe('FR');
    expect(countryRuleOf('+353851234567')?.country).toBe('IE');
    expect(countryRuleOf('+12025550123')?.country).toBe('US/CA');
    expect(countryRuleOf('07700900123')).toBeNull();
    expect(countryRuleOf('+81312345678')).toBeNull();
  });
  it("times a customer of unknown zone by the whole country's lawful window, a known one by their own zone", () => {
    // 09:00 in New York is 06:00 in Los Angeles: before 08:00 there, so a US number waits until 11:00 New York.
    const us = smsSendWindow('+12025550123', null);
    expect(us).toEqual({ timeZone: 'America/New_York', quietHours: { start: '21:00', end: '11:00' } });
    expect(quietHoursEnd('2026-05-04T13:00:00Z', us!.timeZone, us!.quietHours)).toBe('2026-05-04T15:00:00.000Z');
    expect(smsSendWindow('+12025550123', 'America/Los_Angeles')).toEqual({
      timeZone: 'America/Los_Angeles',
      quietHours: { start: '21:00', end: '08:00' },
    });
    // France: not after 20:00.
    const fr = smsSendWindow('+33612345678', 'not/a-zone');
    expect(fr).toEqual({ timeZone: 'Europe/Paris', quietHours: { start: '20:00', end: '08:00' } });
    expect(quietHoursEnd('2026-05-04T18:30:00Z', fr!.timeZone, fr!.quietHours)).toBe('2026-05-05T06:00:00.000Z');
    expect(smsSendWindow('+81312345678', null)).toBeNull();
  });
});

describe('SMS parts (3GPP TS 23.038 / 23.040)', () => {
  it('counts one message up to 160 GSM-7 or 70 UCS-2, then 153 or 67 a part', () => {
    expect(smsParts('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', length: 160, segments: 1 });
    expect(smsParts('a'.repeat(161)).segments).toBe(2);
    expect(smsParts('a'.repeat(306)).segments).toBe(2);
    expect(smsParts('a'.repeat(307)).segments).toBe(3);
    // € takes two septets, and the pair is never split over two parts.
    expect(smsParts('€'.repeat(80))).toMatchObject({ length: 160, segments: 1 });
    expect(smsParts(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ length: 306, segments: 3 });
    expect(smsParts('’'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, nonGsm: ['’'] });
    expect(smsParts('’'.repeat(71)).segments).toBe(2);
    expect(smsParts('’'.repeat(134)).segments).toBe(2);
    expect(smsParts('’'.repeat(135)).segments).toBe(3);
    expect(smsParts('').segments).toBe(0);
  });
});

describe('SMS settings', () => {
  const minimal = { accountSid: 'AC123', authToken: 'token-12345678', from: '+447700900000' };
  it('fills in Twilio and one message, and never shows the token', () => {
    const settings = parseSmsSettings(minimal);
    expect(settings).toMatchObject({ baseUrl: 'https://api.twilio.com', maxSegments: 1, messagingServiceSid: null });
    expect(JSON.stringify(smsSettingsView(settings!))).not.toContain('token-12345678');
    expect(parseSmsSettings(null)).toBeNull();
  });
  it('names the field at fault', () => {
    expect(() => parseSmsSettings({ ...minimal, from: undefined })).toThrow(/sms.from .* or sms.messagingServiceSid/);
    expect(() => parseSmsSettings({ ...minimal, from: '07700 900000 x' })).toThrow(/sms.from must be an E.164/);
    expect(() => parseSmsSettings({ ...minimal, baseUrl: 'ftp://x' })).toThrow(/sms.baseUrl/);
    expect(() => parseSmsSettings({ ...minimal, maxSegments: 11 })).toThrow(/sms.maxSegments/);
    expect(() => parseSmsSettings({ ...minimal, colour: 'red' })).toThrow(/unknown setting sms.colour/);
  });
});

describe("Twilio's error codes", () => {
  it('suppresses on 21610, fails bad numbers, pauses on account faults and outages, retries the rest', () => {
    expect(classifyTwilioError(21610, 400)).toBe('suppress');
    expect(classifyTwilioError(21211, 400)).toBe('permanent');
    expect(classifyTwilioError(21614, 400)).toBe('permanent');
    expect(classifyTwilioError(20003, 401)).toBe('transport');
    expect(classifyTwilioError(21606, 400)).toBe('transport');
    expect(classifyTwilioError(null, 503)).toBe('transport');
    expect(classifyTwilioError(20429, 429)).toBe('transport');
    expect(classifyTwilioError(30001, 400)).toBe('retry');
  });
});
