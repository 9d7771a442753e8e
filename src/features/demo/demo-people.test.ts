import { describe, expect, it } from 'vitest';
import { demoPerson, SIGNED_UP_SHARE, UNSUBSCRIBED_SHARE } from './demo-people.js';
import { decodeEncodedWords, headerFields } from './caught-mail.js';

describe("the demo store's people", () => {
  const people = Array.from({ length: 5_000 }, (_, i) => demoPerson(i, 42));

  it('are the same for the same seed, and others for another', () => {
    expect(demoPerson(17, 42)).toEqual(demoPerson(17, 42));
    const other = Array.from({ length: 50 }, (_, i) => demoPerson(i, 7));
    expect(other).not.toEqual(people.slice(0, 50));
  });

  it('come from the places the readers know, each with a name, a zone and a locale', () => {
    const zones = new Set(people.map((p) => p.timeZone));
    for (const zone of ['Europe/Ljubljana', 'Asia/Seoul', 'Asia/Tokyo', 'America/New_York', 'Europe/London'])
      expect(zones).toContain(zone);
    for (const p of people) {
      expect(p.firstName.length).toBeGreaterThan(0);
      expect(p.lastName.length).toBeGreaterThan(0);
    }
    const seoul = people.find((p) => p.timeZone === 'Asia/Seoul');
    expect(seoul?.locale).toBe('ko-KR');
    expect(seoul?.lastName).toMatch(/^[\uac00-\ud7a3]+$/);
  });

  it('mostly sign up for the newsletter, and a few unsubscribe', () => {
    const share = (step: string) => people.filter((p) => p.consentStep === step).length / people.length;
    expect(share('signed_up')).toBeCloseTo(SIGNED_UP_SHARE, 1);
    expect(share('unsubscribed')).toBeCloseTo(UNSUBSCRIBED_SHARE, 1);
    expect(share('unsubscribed')).toBeGreaterThan(0);
  });
});

describe("the mail catcher's reading of a message", () => {
  it('unfolds headers and decodes encoded-words as nodemailer writes them', () => {
    const raw =
      'From: Demo Coffee <hello@demo-coffee.example>\r\n' +
      'Subject: =?UTF-8?B?VGhhbmtzIGZvciB5b3VyIG9yZGVyLCDok64=?=\r\n' +
      ' =?UTF-8?Q?_=E2=98=95?=\r\n' +
      'Message-ID: <abc@demo-coffee.example>\r\n\r\nSubject: not a header\r\n';
    const fields = headerFields(raw);
    expect(fields.get('message-id')).toBe('<abc@demo-coffee.example>');
    expect(decodeEncodedWords(fields.get('subject') ?? '')).toBe('Thanks for your order, 蓮 ☕');
    expect(decodeEncodedWords('plain words')).toBe('plain words');
  });
});
