import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROTATION_GRACE_SECONDS, rotateSecrets, verifyingSecrets } from './shopper-secret.js';
import { parseTtl, readShopperToken, signShopperToken, verifyShopperToken } from './shopper-token.js';

const SECRET = 'k'.repeat(43);
const OTHER = 'o'.repeat(43);
const NOW = 1_800_000_000;
const claims = { storeId: 'sto_abc', externalId: 'shop-42', expiresAt: NOW + 3600 };

/** Re-encodes a token's payload with a change and keeps its MAC: what an attacker can do without the secret. */
function withPayload(token: string, change: Record<string, unknown>): string {
  const [payload, mac] = token.split('.');
  const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${Buffer.from(JSON.stringify({ ...json, ...change })).toString('base64url')}.${mac}`;
}

describe('shopper tokens', () => {
  it('verify with the secret that signed them, naming the store, the customer and the expiry', () => {
    const token = signShopperToken(SECRET, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyShopperToken([SECRET], token, NOW)).toEqual({ ok: true, claims });
  });

  it('are the HMAC-SHA256 of the payload text, as the PHP and JS recipes of docs/shopper.md make them', () => {
    const payload = Buffer.from('{"store":"sto_abc","customer":"shop-42","exp":1800003600,"iat":1}').toString(
      'base64url',
    );
    const mac = createHmac('sha256', SECRET).update(payload).digest('base64url');
    expect(verifyShopperToken([SECRET], `${payload}.${mac}`, NOW)).toEqual({ ok: true, claims });
  });

  it('refuse a tampered token: another customer, another store or a later expiry under the same MAC', () => {
    const token = signShopperToken(SECRET, claims);
    for (const change of [{ customer: 'shop-43' }, { store: 'sto_other' }, { exp: NOW + 999_999 }])
      expect(verifyShopperToken([SECRET], withPayload(token, change), NOW)).toMatchObject({
        ok: false,
        expired: false,
        reason: 'its signature does not match',
      });
    const [payload, mac] = token.split('.');
    const flipped = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(verifyShopperToken([SECRET], flipped, NOW)).toMatchObject({ ok: false, expired: false });
  });

  it("refuse a token signed with another store's secret", () => {
    const token = signShopperToken(OTHER, claims);
    expect(verifyShopperToken([SECRET], token, NOW)).toMatchObject({ ok: false, expired: false });
  });

  it('refuse an expired token as expired, and an altered one as invalid even when it has expired', () => {
    const token = signShopperToken(SECRET, { ...claims, expiresAt: NOW });
    expect(verifyShopperToken([SECRET], token, NOW)).toMatchObject({ ok: false, expired: true });
    expect(verifyShopperToken([SECRET], token, NOW - 1)).toMatchObject({ ok: true });
    expect(verifyShopperToken([SECRET], withPayload(token, { customer: 'x' }), NOW)).toMatchObject({ expired: false });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'no dot'],
    ['a.b.c', 'two dots'],
    [`${Buffer.from('not json').toString('base64url')}.AAAA`, 'not JSON'],
    [`${Buffer.from('{"store":"sto_a","customer":"","exp":1}').toString('base64url')}.AAAA`, 'empty customer'],
    [`${Buffer.from('{"store":"shop","customer":"c","exp":1}').toString('base64url')}.AAAA`, 'not a store id'],
    [`${Buffer.from('{"store":"sto_a","customer":"c","exp":"soon"}').toString('base64url')}.AAAA`, 'exp not a number'],
    ['x'.repeat(3000), 'too long'],
  ])('refuse a malformed token (%#: %s)', (token) => {
    expect(readShopperToken(token)).toBeNull();
    expect(verifyShopperToken([SECRET], token, NOW)).toMatchObject({ ok: false, reason: 'it is malformed' });
  });

  it('keep verifying with the previous secret during the grace period after a rotation, and not after', () => {
    const before = { current: SECRET, previous: null, previousValidUntil: null, rotatedAt: null };
    const at = new Date(NOW * 1000).toISOString();
    const after = rotateSecrets(before, OTHER, at, DEFAULT_ROTATION_GRACE_SECONDS);
    const old = signShopperToken(SECRET, { ...claims, expiresAt: NOW + 2 * 86_400 });
    const fresh = signShopperToken(OTHER, { ...claims, expiresAt: NOW + 7200 });
    const within = NOW * 1000 + 3600_000;
    const past = NOW * 1000 + DEFAULT_ROTATION_GRACE_SECONDS * 1000 + 1;
    expect(verifyShopperToken(verifyingSecrets(after, within), old, NOW + 3600)).toMatchObject({ ok: true });
    expect(verifyShopperToken(verifyingSecrets(after, within), fresh, NOW + 3600)).toMatchObject({ ok: true });
    expect(verifyShopperToken(verifyingSecrets(after, past), old, past / 1000)).toMatchObject({
      ok: false,
      expired: false,
    });
    // A rotation for a leak: no grace, the old secret stops at once.
    const leaked = rotateSecrets(before, OTHER, at, 0);
    expect(verifyShopperToken(verifyingSecrets(leaked, NOW * 1000), old, NOW)).toMatchObject({ ok: false });
    // Two rotations: the first secret is gone, the second is the previous one.
    const twice = rotateSecrets(after, 'z'.repeat(43), at, 60);
    expect(verifyingSecrets(twice, NOW * 1000)).toEqual(['z'.repeat(43), OTHER]);
  });

  it('read durations for --ttl and --grace', () => {
    expect([parseTtl('24h'), parseTtl('30m'), parseTtl('7d'), parseTtl('90s')]).toEqual([86_400, 1800, 604_800, 90]);
    expect([parseTtl('0h'), parseTtl('1 week'), parseTtl('-1h')]).toEqual([null, null, null]);
  });
});
