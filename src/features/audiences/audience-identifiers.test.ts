import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_FORMATS,
  e164,
  googleEmail,
  metaEmail,
  metaName,
  metaPhone,
  sha256Hex,
} from './audience-identifiers.js';

const noCode = { defaultCallingCode: null };
const uk = { defaultCallingCode: '44' };

describe('SHA-256 as the platforms publish it', () => {
  it('matches published digests (lower-case hex, no salt)', () => {
    // X Ads API, "Custom Audiences User Data": sha256("adsapi").
    expect(sha256Hex('adsapi')).toBe('49e0be2aeccfb51a8dee4c945c8a70a9ac500cf6f5cb08112575f74db9b1470d');
    // TikTok Ads, "List of supported IDs and formats for a customer file": the normalised email.
    expect(sha256Hex('janedoe@gmail.com')).toBe('d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69');
  });
});

describe('Meta normalisation', () => {
  it('trims and lower-cases an email, and refuses what is no address', () => {
    expect(metaEmail('  John.Smith@Example.COM ')).toBe('john.smith@example.com');
    // Meta keeps the dots of a gmail address: only Google removes them.
    expect(metaEmail('Jane.Doe@gmail.com')).toBe('jane.doe@gmail.com');
    expect(metaEmail('not an address')).toBeNull();
    expect(metaEmail('')).toBeNull();
  });

  it('writes a phone as digits with the country code, without + or leading zeros', () => {
    // Meta's rule as Salesforce's help restates it: 447123456789, not +447123456789.
    expect(metaPhone('+44 7123 456789', noCode)).toBe('447123456789');
    expect(metaPhone('0044 7123 456789', noCode)).toBe('447123456789');
    expect(metaPhone('07123 456789', uk)).toBe('447123456789');
    expect(metaPhone('(650) 555-1212', { defaultCallingCode: '1' })).toBe('16505551212');
    // No country code and none configured: left out, not guessed.
    expect(metaPhone('07123 456789', noCode)).toBeNull();
  });

  it('lower-cases names and drops punctuation, keeping letters of any script', () => {
    expect(metaName(' Mary-Jane ')).toBe('maryjane');
    expect(metaName("O'Brien")).toBe('obrien');
    expect(metaName('Žiga')).toBe('žiga');
    expect(metaName('지민')).toBe('지민');
    expect(metaName('...')).toBeNull();
  });

  it('hashes each column, and leaves out a customer with neither email nor phone', () => {
    const row = AUDIENCE_FORMATS.meta.row(
      { email: ' Test@Example.com', phone: '+1 650 555 1212', firstName: 'Ana', lastName: null },
      noCode,
    );
    expect(AUDIENCE_FORMATS.meta.header).toEqual(['email', 'phone', 'fn', 'ln']);
    expect(row).toEqual([
      '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b',
      sha256Hex('16505551212'),
      sha256Hex('ana'),
      '',
    ]);
    expect(
      AUDIENCE_FORMATS.meta.row({ email: null, phone: null, firstName: 'Ana', lastName: 'Novak' }, noCode),
    ).toBeNull();
  });
});

describe('Google Customer Match normalisation', () => {
  it('removes the dots of a gmail.com or googlemail.com local part, and only there', () => {
    expect(googleEmail(' Jane.Doe@Gmail.com ')).toBe('janedoe@gmail.com');
    expect(googleEmail('j.a.n.e@googlemail.com')).toBe('jane@googlemail.com');
    expect(googleEmail('jane.doe@example.com')).toBe('jane.doe@example.com');
    expect(googleEmail('jane.doe@gmail.com.example')).toBe('jane.doe@gmail.com.example');
  });

  it('writes phones in E.164 with the +', () => {
    expect(e164('+1 (657) 777-0000', noCode)).toBe('+16577770000');
    expect(e164('374-93-828222', { defaultCallingCode: null })).toBeNull();
    expect(e164('+374 93 828222', noCode)).toBe('+37493828222');
    expect(e164('+12', noCode)).toBeNull();
  });

  it('hashes Email and Phone; the documented gmail example gives the published digest', () => {
    const row = AUDIENCE_FORMATS.google.row(
      { email: 'Jane.Doe@gmail.com', phone: '+1 657 777 0000', firstName: 'Jane', lastName: 'Doe' },
      noCode,
    );
    expect(AUDIENCE_FORMATS.google.header).toEqual(['Email', 'Phone']);
    expect(row).toEqual([
      'd6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69',
      sha256Hex('+16577770000'),
    ]);
  });
});
