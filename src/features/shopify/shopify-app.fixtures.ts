import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../platform/config.js';
import { FakeShopify, type GraphqlHandler, type WebhookTransport } from './fake-shopify.fixtures.js';

export const CLIENT_ID = 'fake-client-id-0001';
export const CLIENT_SECRET = 'fake-client-secret-for-tests-only';
export const SECRET_KEY_HEX = '8f'.repeat(32);
export const APP_URL = 'https://regulars.example';

/**
 * A fake Shopify for the enclosing describe block, and the configuration that points Regulars at
 * it; `operations` mounts more Admin GraphQL handlers by root field (discount mutations, say).
 */
export function useFakeShopify(options: { readonly operations?: Readonly<Record<string, GraphqlHandler>> } = {}): {
  fake: () => FakeShopify;
  config: () => Config;
} {
  const fake = new FakeShopify(CLIENT_ID, CLIENT_SECRET, options);
  let config: Config | undefined;
  beforeAll(async () => {
    await fake.start();
    config = loadConfig({
      REGULARS_SHOPIFY_CLIENT_ID: CLIENT_ID,
      REGULARS_SHOPIFY_CLIENT_SECRET: CLIENT_SECRET,
      REGULARS_SHOPIFY_APP_URL: APP_URL,
      REGULARS_SHOPIFY_ADMIN_URL: fake.adminUrl,
      REGULARS_SECRET_KEY: SECRET_KEY_HEX,
    });
  });
  afterAll(() => fake.stop());
  return {
    fake: () => fake,
    config: () => {
      if (!config) throw new Error('made in beforeAll');
      return config;
    },
  };
}

/** Delivers the fake's webhooks to the app through inject (the URI's path; the host is APP_URL). */
export function injectTransport(app: () => FastifyInstance): WebhookTransport {
  return async (uri, headers, body) => {
    const response = await app().inject({ method: 'POST', url: new URL(uri).pathname, headers, payload: body });
    return { status: response.statusCode, body: response.body };
  };
}

/** Connect, approve in the fake, follow the callback: the installed store's answer. */
export async function installApp(
  app: FastifyInstance,
  fake: FakeShopify,
  auth: { authorization: string },
  shop: string,
): Promise<{ callback: string; status: number; location: string | undefined }> {
  const started = await app.inject({
    method: 'POST',
    url: '/v1/settings/shopify-app/connect',
    headers: auth,
    payload: { shop },
  });
  if (started.statusCode !== 200) throw new Error(`connect failed: ${started.body}`);
  const callback = await fake.approve(started.json<{ installUrl: string }>().installUrl);
  const url = new URL(callback);
  const done = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
  return { callback, status: done.statusCode, location: done.headers.location as string | undefined };
}
