import { describe, expect, it } from 'vitest';
import { appProxyMessage, checkAppProxyQuery, signAppProxyQuery } from './app-proxy.js';

// The worked example of https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
// (shared secret "hush"; the storefront asked for ?extra=1&extra=2).
const DOCS_QUERY = {
  extra: ['1', '2'],
  shop: 'shop-name.myshopify.com',
  logged_in_customer_id: '1',
  path_prefix: '/apps/awesome_reviews',
  timestamp: '1317327555',
  signature: '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
};
const SIGNED_AT = 1317327555;

describe('App Proxy signatures', () => {
  it("signs the sorted key=value pairs joined with nothing, arrays joined by ',', as Shopify's example", () => {
    expect(appProxyMessage(DOCS_QUERY)).toBe(
      'extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555',
    );
    expect(signAppProxyQuery(DOCS_QUERY, 'hush')).toBe(DOCS_QUERY.signature);
    expect(checkAppProxyQuery(DOCS_QUERY, 'hush', SIGNED_AT + 10)).toEqual({
      ok: true,
      shop: 'shop-name.myshopify.com',
      customerId: '1',
    });
  });

  it('refuses another secret, a changed parameter, an added one, a missing or malformed signature', () => {
    const refused = (query: Record<string, string | string[]>, secret = 'hush') => {
      const check = checkAppProxyQuery(query, secret, SIGNED_AT);
      return check.ok ? 'accepted' : check.reason;
    };
    expect(refused(DOCS_QUERY, 'not-hush')).toMatch(/not the app's signature/);
    expect(refused({ ...DOCS_QUERY, logged_in_customer_id: '2' })).toMatch(/not the app's signature/);
    expect(refused({ ...DOCS_QUERY, extra: ['1'] })).toMatch(/not the app's signature/);
    expect(refused({ ...DOCS_QUERY, admin: '1' })).toMatch(/not the app's signature/);
    expect(refused({ ...DOCS_QUERY, signature: DOCS_QUERY.signature.toUpperCase() })).toBe('accepted');
    const { signature: _, ...unsigned } = DOCS_QUERY;
    expect(refused(unsigned)).toMatch(/missing or not 64 hex/);
    expect(refused({ ...DOCS_QUERY, signature: 'abc' })).toMatch(/missing or not 64 hex/);
    expect(refused({ ...DOCS_QUERY, signature: [DOCS_QUERY.signature, DOCS_QUERY.signature] })).toMatch(
      /missing or not 64 hex/,
    );
  });

  it('refuses a request signed more than 5 minutes before or after now, and checks age only once signed', () => {
    expect(checkAppProxyQuery(DOCS_QUERY, 'hush', SIGNED_AT + 300).ok).toBe(true);
    expect(checkAppProxyQuery(DOCS_QUERY, 'hush', SIGNED_AT + 301)).toEqual({
      ok: false,
      reason: 'the request was signed 301 s ago, more than the 300 s allowed',
    });
    expect(checkAppProxyQuery(DOCS_QUERY, 'hush', SIGNED_AT - 301).ok).toBe(false);
    // A fresh timestamp pasted into an old signed URL is a signature mismatch, not a late request.
    const moved = { ...DOCS_QUERY, timestamp: String(SIGNED_AT + 3600) };
    expect(checkAppProxyQuery(moved, 'hush', SIGNED_AT + 3600)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not the app's signature/),
    });
  });

  it('reads a guest as an empty logged_in_customer_id', () => {
    const guest = { ...DOCS_QUERY, logged_in_customer_id: '' };
    const signed = { ...guest, signature: signAppProxyQuery(guest, 'hush') };
    expect(checkAppProxyQuery(signed, 'hush', SIGNED_AT)).toEqual({
      ok: true,
      shop: 'shop-name.myshopify.com',
      customerId: null,
    });
  });
});
