import { describe, expect, it } from 'vitest';
import { verifyShopifyHmac } from './verify-hmac.js';

// Shopify's published test vector.
const SECRET = 'test_secret_key';
const BODY = Buffer.from('{"foo": "bar"}', 'utf8');
const SIGNATURE = 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=';

describe('verifyShopifyHmac', () => {
  it("accepts Shopify's test vector", () => {
    expect(verifyShopifyHmac(BODY, SECRET, SIGNATURE)).toBe(true);
  });

  it('rejects the body with any one byte changed', () => {
    for (let i = 0; i < BODY.length; i++) {
      const tampered = Buffer.from(BODY);
      tampered[i] ^= 1;
      expect(verifyShopifyHmac(tampered, SECRET, SIGNATURE)).toBe(false);
    }
    // Re-serialised JSON (the same data, other bytes) does not match either.
    expect(verifyShopifyHmac(Buffer.from(JSON.stringify({ foo: 'bar' })), SECRET, SIGNATURE)).toBe(false);
  });

  it('rejects the header with any one character changed, cut or extended', () => {
    for (let i = 0; i < SIGNATURE.length; i++) {
      const c = SIGNATURE[i] === 'A' ? 'B' : 'A';
      expect(verifyShopifyHmac(BODY, SECRET, SIGNATURE.slice(0, i) + c + SIGNATURE.slice(i + 1))).toBe(false);
    }
    expect(verifyShopifyHmac(BODY, SECRET, SIGNATURE.slice(0, -1))).toBe(false);
    expect(verifyShopifyHmac(BODY, SECRET, `${SIGNATURE}A`)).toBe(false);
    // Characters outside base64, which a lenient decoder would skip.
    expect(verifyShopifyHmac(BODY, SECRET, `${SIGNATURE.slice(0, 10)}!${SIGNATURE.slice(10)}`)).toBe(false);
  });

  it('rejects a missing or empty header, and another secret', () => {
    expect(verifyShopifyHmac(BODY, SECRET, undefined)).toBe(false);
    expect(verifyShopifyHmac(BODY, SECRET, '')).toBe(false);
    expect(verifyShopifyHmac(BODY, 'other_secret', SIGNATURE)).toBe(false);
    expect(verifyShopifyHmac(BODY, '', SIGNATURE)).toBe(false);
  });
});
