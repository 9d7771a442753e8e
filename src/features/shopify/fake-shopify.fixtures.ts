import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAppProxyQuery } from './app-proxy.js';
import { signOAuthQuery } from './shopify-app.js';

/**
 * A local fake Shopify on 127.0.0.1 for tests: nothing leaves the machine. One server plays every
 * shop, under the path /{shop}/ (REGULARS_SHOPIFY_ADMIN_URL = `${fake.url}/{shop}`):
 * - GET  /{shop}/admin/oauth/authorize: the owner approving the app at once; 302 to redirect_uri
 *   with code, hmac, host, shop, state and timestamp, signed like Shopify (hex HMAC-SHA256 of the
 *   sorted query with the client secret), per
 *   https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant;
 * - POST /{shop}/admin/oauth/access_token: code -> { access_token, scope } (an offline token);
 * - POST /{shop}/admin/api/{version}/graphql.json: X-Shopify-Access-Token checked, then the
 *   operation's root field dispatched to a registry of handlers. Built in: webhookSubscriptions and
 *   webhookSubscriptionCreate (shapes from https://shopify.dev/docs/api/admin-graphql/2025-10);
 *   other fakes (bulk operations, discounts) add theirs with `graphql.set(rootField, handler)`;
 * - sendWebhook(): posts a payload to the shop's subscriptions of a topic, signed like Shopify
 *   (base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256, with the X-Shopify-* headers).
 */

export interface FakeWebhookSubscription {
  readonly id: string;
  readonly topic: string;
  readonly uri: string;
  readonly createdAt: string;
}

export interface FakeShop {
  readonly domain: string;
  /** The offline token issued by the last code exchange; null before an install. */
  accessToken: string | null;
  scope: string;
  readonly webhookSubscriptions: FakeWebhookSubscription[];
}

export interface GraphqlCall {
  readonly shop: FakeShop;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly fake: FakeShopify;
}

/** Answers an operation's `data`; throwing answers a top-level GraphQL `errors`. */
export type GraphqlHandler = (call: GraphqlCall) => unknown;

/** How the webhook sender reaches the app: fetch by default; tests may use app.inject. */
export type WebhookTransport = (
  uri: string,
  headers: Record<string, string>,
  body: string,
) => Promise<{ status: number; body: string }>;

const fetchTransport: WebhookTransport = async (uri, headers, body) => {
  const response = await fetch(uri, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
};

/** The operation's first root field: `mutation name($a: T!) { webhookSubscriptionCreate(` -> webhookSubscriptionCreate. */
export function rootField(query: string): string | null {
  const body = query.replace(/#[^\n]*/g, '');
  const match = /^\s*(?:(?:query|mutation)\b[^{(]*(?:\([^)]*\))?\s*)?\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(body);
  return match ? match[1] : null;
}

export class FakeShopify {
  readonly shops = new Map<string, FakeShop>();
  /** GraphQL operations by root field: add or replace handlers to grow the fake. */
  readonly graphql = new Map<string, GraphqlHandler>();
  /** Every GraphQL call, in order: { shop, field }. */
  readonly calls: { shop: string; field: string | null }[] = [];
  /** Scope the fake grants; the requested scope when null. */
  grantScope: string | null = null;
  private readonly codes = new Map<string, { shop: string; scope: string }>();
  private server: Server | null = null;
  private nextId = 1;
  url = '';

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
  ) {
    this.graphql.set('webhookSubscriptions', ({ shop, variables }) => {
      const first = Number(variables.first ?? 50);
      const start = variables.after ? Number(variables.after) : 0;
      const page = shop.webhookSubscriptions.slice(start, start + first);
      const end = start + page.length;
      return {
        webhookSubscriptions: {
          edges: page.map((s, i) => ({
            cursor: String(start + i + 1),
            node: { id: s.id, topic: s.topic, uri: s.uri },
          })),
          pageInfo: {
            hasNextPage: end < shop.webhookSubscriptions.length,
            endCursor: page.length > 0 ? String(end) : null,
          },
        },
      };
    });
    this.graphql.set('webhookSubscriptionCreate', ({ shop, variables }) => {
      const topic = String(variables.topic);
      const input = (variables.webhookSubscription ?? {}) as { uri?: string };
      const uri = input.uri ?? '';
      // Shopify refuses a second subscription of a topic to the same address.
      if (shop.webhookSubscriptions.some((s) => s.topic === topic && s.uri === uri))
        return {
          webhookSubscriptionCreate: {
            webhookSubscription: null,
            userErrors: [
              { field: ['webhookSubscription', 'uri'], message: 'Address for this topic has already been taken' },
            ],
          },
        };
      const subscription = {
        id: `gid://shopify/WebhookSubscription/${this.nextId++}`,
        topic,
        uri,
        createdAt: new Date().toISOString(),
      };
      shop.webhookSubscriptions.push(subscription);
      return {
        webhookSubscriptionCreate: {
          webhookSubscription: { id: subscription.id, topic, uri },
          userErrors: [],
        },
      };
    });
  }

  /** The Admin URL template Regulars' config takes. */
  get adminUrl(): string {
    return `${this.url}/{shop}`;
  }

  shop(domain: string): FakeShop {
    let shop = this.shops.get(domain);
    if (!shop) {
      shop = { domain, accessToken: null, scope: '', webhookSubscriptions: [] };
      this.shops.set(domain, shop);
    }
    return shop;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: error.message }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * The owner opening the install URL and approving: the redirect Shopify would send the browser
   * to (the callback URL with its signed query). Throws when the URL is not this fake's.
   */
  async approve(installUrl: string): Promise<string> {
    const response = await fetch(installUrl, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status !== 302 || !location)
      throw new Error(`the fake refused the install: ${response.status} ${await response.text()}`);
    return location;
  }

  /** A callback query signed with the client secret, as Shopify builds it. */
  signedCallback(redirectUri: string, params: Record<string, string>): string {
    const hmac = signOAuthQuery(params, this.clientSecret);
    return `${redirectUri}?${new URLSearchParams({ ...params, hmac }).toString()}`;
  }

  /**
   * The storefront's `https://{shop}/apps/regulars{path}` as Shopify's App Proxy forwards it to
   * the proxy URL: the path under `proxyPath`, the shopper's own query first, then shop,
   * logged_in_customer_id (empty for a guest), path_prefix, timestamp and the hex signature
   * (https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies).
   */
  appProxyRequest(
    domain: string,
    options: {
      readonly path: string;
      readonly proxyPath?: string;
      readonly customerId?: string | null;
      readonly timestamp?: number;
      readonly query?: Record<string, string | string[]>;
      readonly secret?: string;
    },
  ): string {
    const params: Record<string, string | string[]> = {
      ...options.query,
      shop: domain,
      logged_in_customer_id: options.customerId ?? '',
      path_prefix: '/apps/regulars',
      timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
    search.append('signature', signAppProxyQuery(params, options.secret ?? this.clientSecret));
    return `${options.proxyPath ?? '/shopify/proxy'}${options.path}?${search.toString()}`;
  }

  /** Sends a webhook to every subscription of the topic (X-Shopify-Topic form, e.g. orders/create) in the shop. */
  async sendWebhook(
    domain: string,
    topic: string,
    payload: unknown,
    transport: WebhookTransport = fetchTransport,
  ): Promise<{ uri: string; status: number; body: string }[]> {
    const enumTopic = topic.toUpperCase().replace('/', '_');
    const out = [];
    for (const subscription of this.shop(domain).webhookSubscriptions.filter((s) => s.topic === enumTopic))
      out.push({ uri: subscription.uri, ...(await this.deliver(subscription.uri, domain, topic, payload, transport)) });
    return out;
  }

  /** Posts one signed delivery to a URI (the compliance topics go to the app's configured URL). */
  deliver(
    uri: string,
    domain: string,
    topic: string,
    payload: unknown,
    transport: WebhookTransport = fetchTransport,
    secret = this.clientSecret,
  ): Promise<{ status: number; body: string }> {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers = {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
      'x-shopify-shop-domain': domain,
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': randomBytes(8).toString('hex'),
      'x-shopify-event-id': randomBytes(8).toString('hex'),
      'x-shopify-triggered-at': new Date().toISOString(),
    };
    return transport(uri, headers, body);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const [, domain, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && path === '/admin/oauth/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== this.clientId)
        return json(400, { error: 'invalid_request', error_description: 'unknown client_id' });
      const redirectUri = q.get('redirect_uri');
      if (!redirectUri) return json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, { shop: domain, scope: this.grantScope ?? q.get('scope') ?? '' });
      const location = this.signedCallback(redirectUri, {
        code,
        host: Buffer.from(`${domain}/admin`).toString('base64url'),
        shop: domain,
        state: q.get('state') ?? '',
        timestamp: String(Math.floor(Date.now() / 1000)),
      });
      response.writeHead(302, { location });
      response.end();
      return;
    }
    const body = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    if (request.method === 'POST' && path === '/admin/oauth/access_token') {
      const input = JSON.parse(body || '{}') as { client_id?: string; client_secret?: string; code?: string };
      const grant = input.code ? this.codes.get(input.code) : undefined;
      if (
        input.client_id !== this.clientId ||
        input.client_secret !== this.clientSecret ||
        !grant ||
        grant.shop !== domain
      )
        return json(400, {
          error: 'invalid_request',
          error_description: 'The authorization code was not found or was already used',
        });
      this.codes.delete(input.code!);
      const shop = this.shop(domain);
      shop.accessToken = `shpat_${randomBytes(16).toString('hex')}`;
      shop.scope = grant.scope;
      return json(200, { access_token: shop.accessToken, scope: grant.scope });
    }
    if (request.method === 'POST' && /^\/admin\/api\/[\w-]+\/graphql\.json$/.test(path)) {
      const shop = this.shops.get(domain);
      if (!shop || !shop.accessToken || request.headers['x-shopify-access-token'] !== shop.accessToken)
        return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      const { query = '', variables = {} } = JSON.parse(body || '{}') as {
        query?: string;
        variables?: Record<string, unknown>;
      };
      const field = rootField(query);
      this.calls.push({ shop: domain, field });
      const handler = field ? this.graphql.get(field) : undefined;
      if (!handler) return json(200, { errors: [{ message: `Field '${field}' doesn't exist on type 'QueryRoot'` }] });
      try {
        return json(200, { data: await handler({ shop, query, variables, fake: this }) });
      } catch (error) {
        return json(200, { errors: [{ message: (error as Error).message }] });
      }
    }
    json(404, { errors: 'Not Found' });
  }
}

/**
 * Compliance webhook bodies, shaped as Shopify documents them
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance): ids are JSON numbers.
 */
export const compliancePayloads = {
  dataRequest: (
    shop: string,
    customer: { id: string; email?: string; phone?: string },
    orders: string[],
    requestId = '9999',
  ) =>
    `{"shop_id":954889,"shop_domain":${JSON.stringify(shop)},"orders_requested":[${orders.join(',')}],` +
    `"customer":{"id":${customer.id},"email":${JSON.stringify(customer.email ?? null)},"phone":${JSON.stringify(customer.phone ?? null)}},` +
    `"data_request":{"id":${requestId}}}`,
  customerRedact: (shop: string, customer: { id: string; email?: string; phone?: string }, orders: string[]) =>
    `{"shop_id":954889,"shop_domain":${JSON.stringify(shop)},` +
    `"customer":{"id":${customer.id},"email":${JSON.stringify(customer.email ?? null)},"phone":${JSON.stringify(customer.phone ?? null)}},` +
    `"orders_to_redact":[${orders.join(',')}]}`,
  shopRedact: (shop: string) => `{"shop_id":954889,"shop_domain":${JSON.stringify(shop)}}`,
};

/** app/uninstalled's body: the Shop resource (https://shopify.dev/docs/api/webhooks?reference=toml#list-app/uninstalled), abridged. */
export const appUninstalledPayload = (shop: string) =>
  `{"id":954889,"name":"Sunny Beans","email":"owner@sunny-beans.example","domain":${JSON.stringify(shop)},` +
  `"myshopify_domain":${JSON.stringify(shop)},"country":"US","currency":"USD","plan_name":"basic","created_at":"2024-01-05T10:00:00-05:00"}`;
