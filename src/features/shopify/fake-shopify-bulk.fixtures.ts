import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { SHOPIFY_ADMIN_API_VERSION } from './bulk-queries.js';

/**
 * A local stand-in for Shopify's Admin GraphQL API (2025-10) with bulk operations, for tests and
 * the bench: no call leaves the machine. The shapes follow shopify.dev's reference for that
 * version: BulkOperation (id, status CREATED -> RUNNING -> COMPLETED, errorCode, objectCount,
 * rootObjectCount, url), bulkOperationRunQuery's payload { bulkOperation, userErrors { field
 * message code } } with OPERATION_IN_PROGRESS when one runs, currentBulkOperation, node(id:), and
 * the JSONL result of "Perform bulk operations with the GraphQL Admin API" (one object per line,
 * a connection's nodes as lines with __parentId right after their parent under groupObjects).
 * The data is generated, deterministically: nothing here is a real shop's.
 *
 * Composable: a GraphQL handler per operation and plain HTTP routes, so other fakes (OAuth,
 * webhooks, discounts) add theirs to the same server with startFakeShopifyAdmin.
 */

export interface GraphqlRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The server's own address (http://127.0.0.1:PORT), for URLs in answers. */
  readonly baseUrl: string;
}

export interface GraphqlHandler {
  /** Whether this handler answers the query (by the field it asks for). */
  matches(query: string): boolean;
  /** The `data` of the answer. */
  handle(request: GraphqlRequest): unknown;
}

export interface HttpRoute {
  matches(method: string, path: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse, baseUrl: string): void;
}

export interface FakeShopifyAdmin {
  /** What `adminUrl` is for the backfill: http://127.0.0.1:PORT. */
  readonly url: string;
  /** Every GraphQL query received, in order (the first line of each). */
  readonly queries: string[];
  close(): Promise<void>;
}

/**
 * Serves POST /admin/api/2025-10/graphql.json with the handlers (the first that matches answers),
 * checking X-Shopify-Access-Token (401 with Shopify's message otherwise), and the routes.
 */
export async function startFakeShopifyAdmin(options: {
  readonly accessToken: string;
  readonly handlers: readonly GraphqlHandler[];
  readonly routes?: readonly HttpRoute[];
}): Promise<FakeShopifyAdmin> {
  const queries: string[] = [];
  let baseUrl = '';
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = options.routes?.find((r) => r.matches(request.method ?? 'GET', path));
    if (route) return route.handle(request, response, baseUrl);
    if (request.method !== 'POST' || path !== `/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":"Not Found"}');
      return;
    }
    if (request.headers['x-shopify-access-token'] !== options.accessToken) {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}');
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      queries.push(body.query.trim().split('\n')[0]);
      const handler = options.handlers.find((h) => h.matches(body.query));
      if (!handler) {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ errors: [{ message: `the fake Admin API does not answer: ${body.query.slice(0, 80)}` }] }),
          );
        return;
      }
      const data = handler.handle({ query: body.query, variables: body.variables ?? {}, baseUrl });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The generated shop

export interface FakeShop {
  readonly customers: number;
  readonly orders: number;
  readonly timeZone: string;
  /** Customers whose Shopify record is given explicitly (first in the result), e.g. to meet an import. */
  readonly extraCustomers?: readonly Record<string, unknown>[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Ids past 2^53, as Shopify's are: '1153106273147' and six digits. */
export function fakeCustomerId(j: number): string {
  return `1153106273147${pad(j, 6)}`;
}

export function fakeOrderId(i: number): string {
  return `8209829119${pad(i, 9)}`;
}

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2024, 0, 1, 15, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Customer j: every fourth subscribed single opt-in, one in four unsubscribed, one in four never
 * subscribed, one in four subscribed by confirmed (double) opt-in; every fifth has a phone and
 * SMS consent.
 */
export function fakeCustomer(j: number): Record<string, unknown> {
  const updatedAt = iso(START_MS + j * 60_000 + 400 * DAY_MS);
  const consentAt = iso(START_MS + j * 60_000 + 100 * DAY_MS);
  const states = [
    { marketingState: 'SUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'SINGLE_OPT_IN' },
    { marketingState: 'UNSUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'SINGLE_OPT_IN' },
    { marketingState: 'NOT_SUBSCRIBED', consentUpdatedAt: null, marketingOptInLevel: null },
    { marketingState: 'SUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'CONFIRMED_OPT_IN' },
  ];
  const phone = j % 5 === 0 ? `+1613555${pad(j % 10_000, 4)}` : null;
  return {
    id: `gid://shopify/Customer/${fakeCustomerId(j)}`,
    firstName: `Ada${j}`,
    lastName: 'Lovelace',
    email: `customer${j}@example.com`,
    phone,
    tags: j % 7 === 0 ? ['vip'] : [],
    createdAt: iso(START_MS + j * 60_000),
    updatedAt,
    emailMarketingConsent: states[j % 4],
    smsMarketingConsent:
      phone === null
        ? null
        : { marketingState: 'SUBSCRIBED', consentUpdatedAt: consentAt, marketingOptInLevel: 'SINGLE_OPT_IN' },
  };
}

/** How many line items order i has (1 to 3). */
export function fakeLineCount(i: number): number {
  return 1 + (i % 3);
}

const money = (minor: number) => ({ shopMoney: { amount: (minor / 100).toFixed(2), currencyCode: 'USD' } });

/**
 * Order i with its line items: a customer's (i mod customers), or every twentieth a guest's with
 * only an email; every tenth partly refunded (one refund of 5.00), every fiftieth cancelled.
 */
export function fakeOrder(
  i: number,
  customers: number,
): { order: Record<string, unknown>; lines: Record<string, unknown>[] } {
  const id = `gid://shopify/Order/${fakeOrderId(i)}`;
  const createdMs = START_MS + Math.floor((i * 730 * DAY_MS) / 100_000) + (i % 97) * 60_000;
  const lines = Array.from({ length: fakeLineCount(i) }, (_, k) => ({
    id: `gid://shopify/LineItem/${fakeOrderId(i)}${k}`,
    sku: `SKU-${(i + k) % 40}`,
    title: `Coffee ${(i + k) % 40}`,
    quantity: 1 + ((i + k) % 2),
    originalUnitPriceSet: money(1_000 + ((i + k) % 40) * 50),
    discountAllocations: k === 0 && i % 4 === 0 ? [{ allocatedAmountSet: money(100) }] : [],
    __parentId: id,
  }));
  const gross = lines.reduce(
    (sum, l) => sum + Math.round(Number(l.originalUnitPriceSet.shopMoney.amount as string) * 100) * l.quantity,
    0,
  );
  const discount = i % 4 === 0 ? 100 : 0;
  const shipping = i % 2 === 0 ? 500 : 0;
  const cancelled = i % 50 === 49;
  const refunded = !cancelled && i % 10 === 9;
  const guest = i % 20 === 19;
  return {
    order: {
      id,
      name: `#${1001 + i}`,
      email: guest ? `guest${i}@example.com` : `customer${i % customers}@example.com`,
      phone: null,
      createdAt: iso(createdMs),
      processedAt: iso(createdMs),
      updatedAt: iso(createdMs + 3_600_000),
      cancelledAt: cancelled ? iso(createdMs + 1_800_000) : null,
      currencyCode: 'USD',
      displayFinancialStatus: cancelled ? 'VOIDED' : refunded ? 'PARTIALLY_REFUNDED' : 'PAID',
      totalDiscountsSet: money(discount),
      totalShippingPriceSet: money(shipping),
      totalPriceSet: money(gross - discount + shipping),
      customer: guest ? null : { id: `gid://shopify/Customer/${fakeCustomerId(i % customers)}` },
      refunds: refunded
        ? [
            {
              id: `gid://shopify/Refund/${fakeOrderId(i)}`,
              createdAt: iso(createdMs + 1_800_000),
              totalRefundedSet: money(500),
            },
          ]
        : [],
    },
    lines,
  };
}

function* customerLines(shop: FakeShop): Generator<string> {
  for (const extra of shop.extraCustomers ?? []) yield JSON.stringify(extra);
  for (let j = 0; j < shop.customers; j++) yield JSON.stringify(fakeCustomer(j));
}

function* orderLines(shop: FakeShop): Generator<string> {
  for (let i = 0; i < shop.orders; i++) {
    const { order, lines } = fakeOrder(i, Math.max(1, shop.customers));
    yield JSON.stringify(order);
    for (const line of lines) yield JSON.stringify(line);
  }
}

/** Lines of the orders result: each order and its line items. */
export function fakeOrderLineTotal(orders: number): number {
  let total = 0;
  for (let i = 0; i < orders; i++) total += 1 + fakeLineCount(i);
  return total;
}

interface FakeOperation {
  id: string;
  kind: 'customers' | 'orders';
  query: string;
  status: string;
  errorCode: string | null;
  polls: number;
}

export interface FakeBulkOperations {
  readonly handlers: GraphqlHandler[];
  readonly routes: HttpRoute[];
  /** Every operation started, oldest first. */
  readonly operations: readonly { id: string; kind: string; status: string }[];
  /** Makes the running operation (or the next one started) end FAILED with this errorCode. */
  failNext(errorCode: string): void;
}

/**
 * The bulk operations of a generated shop: bulkOperationRunQuery (customers or orders, told
 * apart by the query's root connection), currentBulkOperation, node(id:), shop { ianaTimezone },
 * and GET /bulk/<n>.jsonl streaming the result. An operation is RUNNING for `pollsUntilComplete`
 * looks, then COMPLETED (url null when it matched nothing, as Shopify answers).
 */
export function fakeBulkOperations(shop: FakeShop, options: { pollsUntilComplete?: number } = {}): FakeBulkOperations {
  const operations: FakeOperation[] = [];
  const polls = options.pollsUntilComplete ?? 1;
  let failWith: string | null = null;
  const objectCount = (kind: 'customers' | 'orders') =>
    kind === 'customers' ? shop.customers + (shop.extraCustomers?.length ?? 0) : fakeOrderLineTotal(shop.orders);
  const rootCount = (kind: 'customers' | 'orders') =>
    kind === 'customers' ? shop.customers + (shop.extraCustomers?.length ?? 0) : shop.orders;
  const view = (op: FakeOperation, baseUrl: string, withQuery: boolean) => {
    const done = op.status === 'COMPLETED';
    const count = objectCount(op.kind);
    return {
      id: op.id,
      status: op.status,
      errorCode: op.errorCode,
      objectCount: String(done ? count : Math.floor(count / 2)),
      rootObjectCount: String(done ? rootCount(op.kind) : Math.floor(rootCount(op.kind) / 2)),
      url: done && count > 0 ? `${baseUrl}/bulk/${op.id.split('/').pop()}.jsonl` : null,
      partialDataUrl: null,
      ...(withQuery ? { query: op.query } : {}),
    };
  };
  /** Each look moves a running operation on, as time does at Shopify. */
  const look = (op: FakeOperation) => {
    if (op.status === 'CREATED') op.status = 'RUNNING';
    else if (op.status === 'RUNNING') {
      op.polls++;
      if (failWith !== null) {
        op.status = 'FAILED';
        op.errorCode = failWith;
        failWith = null;
      } else if (op.polls >= polls) op.status = 'COMPLETED';
    }
  };
  const handlers: GraphqlHandler[] = [
    {
      matches: (q) => q.includes('bulkOperationRunQuery('),
      handle: ({ variables }) => {
        const query = String(variables.query ?? '');
        const running = operations.find((o) => o.status === 'CREATED' || o.status === 'RUNNING');
        if (running)
          return {
            bulkOperationRunQuery: {
              bulkOperation: null,
              userErrors: [
                {
                  field: ['query'],
                  message: `A bulk query operation for this app and shop is already in progress: ${running.id}.`,
                  code: 'OPERATION_IN_PROGRESS',
                },
              ],
            },
          };
        const kind = /^\s*\{\s*customers\b/.test(query)
          ? 'customers'
          : /^\s*\{\s*orders\b/.test(query)
            ? 'orders'
            : null;
        if (kind === null)
          return {
            bulkOperationRunQuery: {
              bulkOperation: null,
              userErrors: [
                {
                  field: ['query'],
                  message: 'Invalid bulk query: the fake knows customers and orders',
                  code: 'INVALID',
                },
              ],
            },
          };
        const op: FakeOperation = {
          id: `gid://shopify/BulkOperation/${720_000 + operations.length + 1}`,
          kind,
          query,
          status: 'CREATED',
          errorCode: null,
          polls: 0,
        };
        operations.push(op);
        return { bulkOperationRunQuery: { bulkOperation: { id: op.id, status: op.status }, userErrors: [] } };
      },
    },
    {
      matches: (q) => q.includes('currentBulkOperation'),
      handle: ({ baseUrl }) => {
        const op = operations[operations.length - 1];
        if (!op) return { currentBulkOperation: null };
        look(op);
        return { currentBulkOperation: view(op, baseUrl, true) };
      },
    },
    {
      matches: (q) => q.includes('node(id:'),
      handle: ({ variables, baseUrl }) => {
        const op = operations.find((o) => o.id === variables.id);
        if (!op) return { node: null };
        look(op);
        return { node: view(op, baseUrl, false) };
      },
    },
    {
      matches: (q) => /\bshop\s*\{/.test(q),
      handle: () => ({ shop: { ianaTimezone: shop.timeZone, currencyCode: 'USD' } }),
    },
  ];
  const routes: HttpRoute[] = [
    {
      matches: (method, path) => method === 'GET' && /^\/bulk\/\d+\.jsonl$/.test(path),
      handle: (request, response) => {
        const n = /\/bulk\/(\d+)\.jsonl/.exec(request.url ?? '')![1];
        const op = operations.find((o) => o.id === `gid://shopify/BulkOperation/${n}`);
        if (!op || op.status !== 'COMPLETED') {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/jsonl' });
        const lines = op.kind === 'customers' ? customerLines(shop) : orderLines(shop);
        // In chunks of about 64 KB: a chunk per line would make the fake the slow end of the test.
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
      },
    },
  ];
  return {
    handlers,
    routes,
    operations,
    failNext: (errorCode) => {
      failWith = errorCode;
    },
  };
}
