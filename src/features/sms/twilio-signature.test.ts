import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

// The worked example of https://www.twilio.com/docs/usage/security#validating-requests (auth token
// 12345), the value Twilio's helper libraries test against.
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params: [string, string][] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+12349013030'],
  ['Digits', '1234'],
  ['From', '+12349013030'],
  ['To', '+18005551212'],
];

describe('X-Twilio-Signature', () => {
  it("matches Twilio's documented example, whatever order the form's fields arrive in", () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignature('12345', url, [...params].reverse())).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('refuses a tampered field, another URL, another token or no header', () => {
    const signature = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
    expect(verifyTwilioSignature('12345', signature, url, params)).toBe(true);
    const tampered = params.map(([k, v]): [string, string] => [k, k === 'Digits' ? '1235' : v]);
    expect(verifyTwilioSignature('12345', signature, url, tampered)).toBe(false);
    expect(verifyTwilioSignature('12345', signature, 'https://mycompany.com/myapp.php?foo=1', params)).toBe(false);
    expect(verifyTwilioSignature('54321', signature, url, params)).toBe(false);
    expect(verifyTwilioSignature('12345', undefined, url, params)).toBe(false);
    expect(verifyTwilioSignature('12345', 'short', url, params)).toBe(false);
  });
});
