import { describe, expect, it } from 'vitest';
import {
  MAX_TOKEN_LENGTH,
  parseUnsubscribeToken,
  signUnsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token.js';

const secret = Buffer.alloc(32, 7);
/** Real ids are 26 characters after the prefix. */
const scope = {
  storeId: 'sto_01m81bct3tvmsnpk6vgqjn6r8k',
  customerId: 'cus_01m81bct3tvmsnpk6vgqjn6r8m',
  channel: 'email',
  purpose: 'marketing',
};

describe('unsubscribe tokens', () => {
  it('round-trips the scope, is URL-safe and fits a path parameter', () => {
    const token = signUnsubscribeToken(secret, scope);
    expect(token).toMatch(/^1\.01m81bct3tvmsnpk6vgqjn6r8k\.01m81bct3tvmsnpk6vgqjn6r8m\.e\.m\.[A-Za-z0-9_-]{32}$/);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyUnsubscribeToken(secret, token)).toEqual(scope);
  });

  it('spells out purposes without a code, and round-trips every channel', () => {
    for (const channel of ['email', 'sms', 'push', 'whatsapp']) {
      for (const purpose of ['marketing', 'transactional', 'reviews']) {
        const s = { ...scope, channel, purpose };
        expect(verifyUnsubscribeToken(secret, signUnsubscribeToken(secret, s))).toEqual(s);
      }
    }
  });

  it('is deterministic per secret and differs across secrets', () => {
    expect(signUnsubscribeToken(secret, scope)).toBe(signUnsubscribeToken(secret, scope));
    expect(signUnsubscribeToken(Buffer.alloc(32, 8), scope)).not.toBe(signUnsubscribeToken(secret, scope));
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyUnsubscribeToken(Buffer.alloc(32, 8), signUnsubscribeToken(secret, scope))).toBeNull();
  });

  it.each([
    ['another customer', (t: string) => t.replace('6r8m.', '6r8n.')],
    ['another store', (t: string) => t.replace('6r8k.', '6r8j.')],
    ['another purpose', (t: string) => t.replace('.e.m.', '.e.t.')],
    ['another channel', (t: string) => t.replace('.e.m.', '.s.m.')],
    ['a changed signature', (t: string) => t.slice(0, -2) + (t.endsWith('AA') ? 'AB' : 'AA')],
    ['a truncated signature', (t: string) => t.slice(0, -1)],
    ['another version', (t: string) => t.replace(/^1/, '2')],
    ['an extra part', (t: string) => `${t}.x`],
    ['nothing', () => ''],
    ['a huge token', (t: string) => t + 'a'.repeat(1000)],
  ])('refuses %s', (_name, tamper) => {
    expect(verifyUnsubscribeToken(secret, tamper(signUnsubscribeToken(secret, scope)))).toBeNull();
  });

  it('reads the claimed store before verifying, and nothing from garbage', () => {
    expect(parseUnsubscribeToken(signUnsubscribeToken(secret, scope))?.storeId).toBe(scope.storeId);
    expect(parseUnsubscribeToken('1.../etc/passwd')).toBeNull();
    // A one-letter code is never taken as a spelled-out purpose.
    expect(parseUnsubscribeToken(signUnsubscribeToken(secret, scope).replace('.e.m.', '.e.x.'))).toBeNull();
  });

  it('will not sign what it could not parse back', () => {
    expect(() => signUnsubscribeToken(secret, { ...scope, purpose: 'Mark.eting' })).toThrow();
    expect(() => signUnsubscribeToken(secret, { ...scope, customerId: 'c-1' })).toThrow();
    expect(() => signUnsubscribeToken(secret, { ...scope, channel: 'fax' })).toThrow();
  });
});
