import { describe, expect, it } from 'vitest';
import { rootField } from './fake-shopify.fixtures.js';
import { installUrl, isShopDomain, missingScopes, normaliseShopDomain, verifyOAuthHmac } from './shopify-app.js';
import { keyId, openSecret, sealSecret } from '../../platform/secret-cipher.js';

describe('the OAuth callback signature', () => {
  // The example of Shopify's authorization code grant guide ("Verify a request"), secret "hush".
  const documented = {
    code: '0907a61c0c8d55e99db179b68161bc00',
    hmac: '700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf',
    shop: 'some-shop.myshopify.com',
    state: '0.6784241404160823',
    timestamp: '1337178173',
  };

  it("accepts Shopify's documented example and refuses any change to it", () => {
    expect(verifyOAuthHmac(documented, 'hush')).toBe(true);
    expect(verifyOAuthHmac({ ...documented, hmac: documented.hmac.toUpperCase() }, 'hush')).toBe(true);
    expect(verifyOAuthHmac(documented, 'hush2')).toBe(false);
    expect(verifyOAuthHmac({ ...documented, shop: 'other-shop.myshopify.com' }, 'hush')).toBe(false);
    expect(verifyOAuthHmac({ ...documented, extra: '1' }, 'hush')).toBe(false);
    expect(verifyOAuthHmac({ ...documented, hmac: undefined }, 'hush')).toBe(false);
    expect(verifyOAuthHmac({ ...documented, hmac: documented.hmac.slice(0, 63) }, 'hush')).toBe(false);
    // A parameter given twice is not the single value that was signed.
    expect(verifyOAuthHmac({ ...documented, state: [documented.state, documented.state] }, 'hush')).toBe(false);
  });
});

describe('shop domains', () => {
  it('takes only *.myshopify.com hostnames', () => {
    expect(isShopDomain('sunny-beans.myshopify.com')).toBe(true);
    for (const bad of [
      'sunny.myshopify.com.evil.example',
      'evil.example',
      'sunny.myshopify.com:443',
      'sunny.myshopify.com/admin',
      'user@sunny.myshopify.com',
      '-sunny.myshopify.com',
      'SUNNY.myshopify.com',
      '.myshopify.com',
    ])
      expect(isShopDomain(bad), bad).toBe(false);
  });

  it('normalises what a person types', () => {
    expect(normaliseShopDomain(' Sunny-Beans ')).toBe('sunny-beans.myshopify.com');
    expect(normaliseShopDomain('https://sunny-beans.myshopify.com/admin')).toBe('sunny-beans.myshopify.com');
    expect(normaliseShopDomain('sunny.example.com')).toBeNull();
    expect(normaliseShopDomain('')).toBeNull();
  });

  it('builds the install URL with the scopes, the redirect and the state', () => {
    const url = new URL(
      installUrl({
        adminUrl: 'https://{shop}',
        shop: 'sunny-beans.myshopify.com',
        clientId: 'cid',
        redirectUri: 'https://r.example/shopify/callback',
        state: 's1',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://sunny-beans.myshopify.com/admin/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      scope: 'read_orders,read_fulfillments,read_customers,read_products,write_discounts',
      redirect_uri: 'https://r.example/shopify/callback',
      state: 's1',
    });
    expect(url.searchParams.has('grant_options[]')).toBe(false);
  });

  it('names the scopes a grant lacks (write implies read)', () => {
    expect(missingScopes('read_orders,read_fulfillments,read_customers,read_products,write_discounts')).toEqual([]);
    expect(missingScopes('write_orders,read_customers')).toEqual([
      'read_fulfillments',
      'read_products',
      'write_discounts',
    ]);
  });
});

describe('tokens at rest', () => {
  const key = Buffer.alloc(32, 7);
  const next = Buffer.alloc(32, 9);
  const iv = Buffer.alloc(12, 1);

  it('seals with AES-256-GCM: opened by the key that sealed it, for its store, unaltered', () => {
    const sealed = sealSecret(key, 'shpat_abc', iv, 'store:a');
    expect(sealed).not.toContain('shpat_abc');
    expect(sealed.split('.')[1]).toBe(keyId(key));
    expect(openSecret([key], sealed, 'store:a')).toBe('shpat_abc');
    expect(openSecret([key], sealed, 'store:b')).toBeNull();
    expect(openSecret([next], sealed, 'store:a')).toBeNull();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    expect(openSecret([key], [...parts.slice(0, 4), flipped.toString('base64url')].join('.'), 'store:a')).toBeNull();
    expect(openSecret([key], 'shpat_abc', 'store:a')).toBeNull();
  });

  it('opens a value sealed before a rotation with the previous key', () => {
    const old = sealSecret(key, 'shpat_abc', iv, 'store:a');
    expect(openSecret([next, key], old, 'store:a')).toBe('shpat_abc');
    expect(openSecret([next, null], old, 'store:a')).toBeNull();
  });
});

describe("the fake Shopify's operation dispatch", () => {
  it('finds the root field of queries and mutations', () => {
    expect(
      rootField(
        'query webhookSubscriptions($first: Int!) { webhookSubscriptions(first: $first) { edges { node { id } } } }',
      ),
    ).toBe('webhookSubscriptions');
    expect(
      rootField(
        'mutation m($t: WebhookSubscriptionTopic!) {\n  webhookSubscriptionCreate(topic: $t) { userErrors { message } } }',
      ),
    ).toBe('webhookSubscriptionCreate');
    expect(rootField('{ shop { name } }')).toBe('shop');
    expect(rootField('mutation { bulkOperationRunQuery(query: "") { bulkOperation { id } } }')).toBe(
      'bulkOperationRunQuery',
    );
  });
});
