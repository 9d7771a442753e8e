import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAppProxyQuery } from './app-proxy.js';
import { Readable } from 'node:stream';
import { signOAuthQuery } from './shopify-app.js';
import { type FakeBulkKind, fakeBulkCounts, fakeBulkLines, type FakeShopData } from './fake-shop-data.fixtures.js';

/**
 * The one fake Shopify of the tests and the bench, on 127.0.0.1: nothing leaves the machine. One
 * server plays every shop, under the path /{shop}/ (REGULARS_SHOPIFY_ADMIN_URL =
 * `${fake.url}/{shop}`, or a backfill's adminUrl `fake.adminUrlOf(shop)`):
 * - GET  /{shop}/admin/oauth/authorize: the owner approving the app at once; 302 to redirect_uri
 *   with code, hmac, host, shop, state and timestamp, signed like Shopify (hex HMAC-SHA256 of the
 *   sorted query with the client secret), per
 *   https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant;
 * - POST /{shop}/admin/oauth/access_token: code -> { access_token, scope } (an offline token);
 * - POST /{shop}/admin/api/{version}/graphql.json: X-Shopify-Access-Token checked, then the
 *   operation's root field dispatched to a registry of handlers. Built in, with shapes from
 *   https://shopify.dev/docs/api/admin-graphql/2025-10: webhookSubscriptions,
 *   webhookSubscriptionCreate, shop, and the bulk operations (bulkOperationRunQuery,
 *   currentBulkOperation, node(id:)) over the shop's generated history (fake-shop-data.fixtures.ts),
 *   per https://shopify.dev/docs/api/usage/bulk-operations/queries: BulkOperation status CREATED ->
 *   RUNNING -> COMPLETED, OPERATION_IN_PROGRESS while one runs, the JSONL result at
 *   GET /{shop}/bulk/{n}.jsonl. Other fakes (discounts...) add theirs: `operations` in the
 *   constructor, or `graphql.set(rootField, handler)`;
 * - sendWebhook(): posts a payload to the shop's subscriptions of a topic, signed like Shopify
 *   (base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256, with the X-Shopify-* headers);
 * - appProxyRequest(): the storefront's /apps/regulars/... as the App Proxy forwards it, signed.
 */

export interface FakeWebhookSubscription {
  readonly id: string;
  readonly topic: string;
  readonly uri: string;
  readonly createdAt: string;
}

export interface FakeBulkOperation {
  readonly id: string;
  readonly kind: FakeBulkKind;
  readonly query: string;
  status: string;
  errorCode: string | null;
  polls: number;
}

export interface FakeShop {
  readonly domain: string;
  /** The offline token issued by the last code exchange (or given to install()); null before. */
  accessToken: string | null;
  scope: string;
  readonly webhookSubscriptions: FakeWebhookSubscription[];
  /** The history the bulk operations answer: an empty shop unless install() gives one. */
  data: FakeShopData;
  /** Every bulk operation started, oldest first. */
  readonly bulkOperations: FakeBulkOperation[];
  /** Looks (node or currentBulkOperation) an operation stays RUNNING before it is COMPLETED. */
  pollsUntilComplete: number;
  /** Makes the running operation (or the next one started) end FAILED with this errorCode. */
  failNextBulkOperation: string | null;
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
    options: { readonly operations?: Readonly<Record<string, GraphqlHandler>> } = {},
  ) {
    this.mountBulkOperations();
    this.graphql.set('shop', ({ shop }) => ({ shop: { ianaTimezone: shop.data.timeZone, currencyCode: 'USD' } }));
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
    for (const [field, handler] of Object.entries(options.operations ?? {})) this.graphql.set(field, handler);
  }

  /** The Admin URL template Regulars' config takes. */
  get adminUrl(): string {
    return `${this.url}/{shop}`;
  }

  /** One shop's Admin base, as a backfill's adminUrl (`--admin-url`) takes it. */
  adminUrlOf(domain: string): string {
    return `${this.url}/${domain}`;
  }

  shop(domain: string): FakeShop {
    let shop = this.shops.get(domain);
    if (!shop) {
      shop = {
        domain,
        accessToken: null,
        scope: '',
        webhookSubscriptions: [],
        data: { customers: 0, orders: 0, products: 0, timeZone: 'America/New_York' },
        bulkOperations: [],
        pollsUntilComplete: 1,
        failNextBulkOperation: null,
      };
      this.shops.set(domain, shop);
    }
    return shop;
  }

  /**
   * A shop with the app already installed under `accessToken` (as a custom app's token, or before a
   * test that needs no OAuth), holding the generated history `data`.
   */
  install(
    domain: string,
    options: { readonly accessToken: string; readonly data?: FakeShopData; readonly pollsUntilComplete?: number },
  ): FakeShop {
    const shop = this.shop(domain);
    shop.accessToken = options.accessToken;
    if (options.data) shop.data = options.data;
    if (options.pollsUntilComplete !== undefined) shop.pollsUntilComplete = options.pollsUntilComplete;
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
    // Keep-alive connections (fetch's) would hold close() open until they time out.
    this.server?.closeAllConnections();
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

  /**
   * bulkOperationRunQuery (customers, orders or products, told apart by the query's root
   * connection), currentBulkOperation and node(id:). Each look moves a running operation on, as
   * time does at Shopify; a COMPLETED operation's url is null when it matched nothing, as Shopify
   * answers.
   */
  private mountBulkOperations(): void {
    const look = (shop: FakeShop, op: FakeBulkOperation) => {
      if (op.status === 'CREATED') op.status = 'RUNNING';
      else if (op.status === 'RUNNING') {
        op.polls++;
        if (shop.failNextBulkOperation !== null) {
          op.status = 'FAILED';
          op.errorCode = shop.failNextBulkOperation;
          shop.failNextBulkOperation = null;
        } else if (op.polls >= shop.pollsUntilComplete) op.status = 'COMPLETED';
      }
    };
    const view = (shop: FakeShop, op: FakeBulkOperation, withQuery: boolean) => {
      const done = op.status === 'COMPLETED';
      const { objects, roots } = fakeBulkCounts(shop.data, op.kind);
      return {
        id: op.id,
        status: op.status,
        errorCode: op.errorCode,
        objectCount: String(done ? objects : Math.floor(objects / 2)),
        rootObjectCount: String(done ? roots : Math.floor(roots / 2)),
        url: done && objects > 0 ? `${this.adminUrlOf(shop.domain)}/bulk/${op.id.split('/').pop()}.jsonl` : null,
        partialDataUrl: null,
        ...(withQuery ? { query: op.query } : {}),
      };
    };
    const refused = (message: string, code: string) => ({
      bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: ['query'], message, code }] },
    });
    this.graphql.set('bulkOperationRunQuery', ({ shop, variables }) => {
      const query = String(variables.query ?? '');
      const running = shop.bulkOperations.find((o) => o.status === 'CREATED' || o.status === 'RUNNING');
      if (running)
        return refused(
          `A bulk query operation for this app and shop is already in progress: ${running.id}.`,
          'OPERATION_IN_PROGRESS',
        );
      const kind = /^\s*\{\s*(customers|orders|products)\b/.exec(query)?.[1] as FakeBulkKind | undefined;
      if (kind === undefined)
        return refused('Invalid bulk query: the fake knows customers, orders and products', 'INVALID');
      const op: FakeBulkOperation = {
        id: `gid://shopify/BulkOperation/${720_000 + this.nextId++}`,
        kind,
        query,
        status: 'CREATED',
        errorCode: null,
        polls: 0,
      };
      shop.bulkOperations.push(op);
      return { bulkOperationRunQuery: { bulkOperation: { id: op.id, status: op.status }, userErrors: [] } };
    });
    this.graphql.set('currentBulkOperation', ({ shop }) => {
      const op = shop.bulkOperations[shop.bulkOperations.length - 1];
      if (!op) return { currentBulkOperation: null };
      look(shop, op);
      return { currentBulkOperation: view(shop, op, true) };
    });
    this.graphql.set('node', ({ shop, variables }) => {
      const op = shop.bulkOperations.find((o) => o.id === variables.id);
      if (!op) return { node: null };
      look(shop, op);
      return { node: view(shop, op, false) };
    });
  }

  /** A completed operation's JSONL result, streamed in chunks of about 64 KB (a chunk per line would make the fake the slow end). */
  private sendBulkResult(domain: string, n: string, response: ServerResponse): void {
    const shop = this.shops.get(domain);
    const op = shop?.bulkOperations.find((o) => o.id === `gid://shopify/BulkOperation/${n}`);
    if (!shop || !op || op.status !== 'COMPLETED') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/jsonl' });
    const lines = fakeBulkLines(shop.data, op.kind);
    Readable.from(
      (function* () {
        let chunk = '';
        for (const line of lines) {
          chunk += `${line}\n`;
          if (chunk.length >= 65_536) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk !== '') yield chunk;
      })(),
    ).pipe(response);
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
    const result = /^\/bulk\/(\d+)\.jsonl$/.exec(path);
    if (request.method === 'GET' && result) return this.sendBulkResult(domain, result[1], response);
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
