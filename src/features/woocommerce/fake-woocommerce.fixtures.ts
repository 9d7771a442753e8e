import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyOf, DOCUMENTED_ORDER_723, DOCUMENTED_ORDER_727 } from './woocommerce-payloads.fixtures.js';

/**
 * A local stand-in for a WooCommerce shop's REST API: GET /wp-json/wc/v3/orders with Basic auth,
 * per_page and page, answering JSON arrays with X-WP-Total and X-WP-TotalPages as the REST API
 * documentation describes ("Pagination"). Its orders are the documented order payloads
 * (woocommerce-payloads.fixtures.ts) repeated under new ids, alternately 727 (a guest) and 723
 * (customer 26, two refunds), with the ids given.
 *
 * It also keeps coupons: GET /wp-json/wc/v3/coupons?code= and POST /wp-json/wc/v3/coupons, answering
 * the coupon object and, for a code it has already, the documented
 * woocommerce_rest_coupon_code_already_exists error
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#create-a-coupon).
 */
export interface FakeWooCommerce {
  readonly url: string;
  /** Every request's page number, in order. */
  readonly pagesServed: number[];
  /** Answers 500 to this page once (a shop that fails midway), then serves it normally. */
  failPageOnce(page: number): void;
  /** The shop's coupons as created (the POST bodies plus id and date_created). */
  readonly coupons: Record<string, unknown>[];
  /** Answers 503 to the next n coupon requests (a shop down for a while). */
  failCouponRequests(n: number): void;
  close(): Promise<void>;
}

export const FAKE_KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
export const FAKE_SECRET = 'cs_0123456789abcdef0123456789abcdef01234567';

export function fakeOrder(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const order = copyOf(id % 2 === 0 ? DOCUMENTED_ORDER_723 : DOCUMENTED_ORDER_727);
  return { ...order, id, number: String(id), ...overrides };
}

export async function startFakeWooCommerce(orders: readonly Record<string, unknown>[]): Promise<FakeWooCommerce> {
  const pagesServed: number[] = [];
  let failing: number | null = null;
  const coupons: Record<string, unknown>[] = [];
  let failingCoupons = 0;
  const expected = `Basic ${Buffer.from(`${FAKE_KEY}:${FAKE_SECRET}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/wp-json/wc/v3/coupons') {
      if (request.headers.authorization !== expected)
        return send(401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' });
      if (failingCoupons > 0) {
        failingCoupons -= 1;
        return send(503, { code: 'service_unavailable', message: 'Service Unavailable' });
      }
      return void serveCoupons(request, url, coupons, send);
    }
    if (request.method !== 'GET' || url.pathname !== '/wp-json/wc/v3/orders')
      return send(404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' });
    if (request.headers.authorization !== expected)
      return send(401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' });
    const perPage = Number(url.searchParams.get('per_page') ?? '10');
    const page = Number(url.searchParams.get('page') ?? '1');
    pagesServed.push(page);
    if (failing === page) {
      failing = null;
      return send(500, { code: 'internal_server_error', message: 'There has been a critical error on this website.' });
    }
    const sorted = [...orders].sort((a, b) => Number(a.id) - Number(b.id));
    const totalPages = Math.ceil(sorted.length / perPage);
    send(200, sorted.slice((page - 1) * perPage, page * perPage), {
      'x-wp-total': String(sorted.length),
      'x-wp-totalpages': String(totalPages),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pagesServed,
    failPageOnce(page) {
      failing = page;
    },
    coupons,
    failCouponRequests(n) {
      failingCoupons = n;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

type Send = (status: number, body: unknown) => void;

async function serveCoupons(
  request: IncomingMessage,
  url: URL,
  coupons: Record<string, unknown>[],
  send: Send,
): Promise<void> {
  if (request.method === 'GET') {
    const code = url.searchParams.get('code')?.toLowerCase();
    return send(200, code === undefined ? coupons : coupons.filter((c) => c.code === code));
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  const code = String(body.code ?? '').toLowerCase();
  if (coupons.some((c) => c.code === code))
    return send(400, {
      code: 'woocommerce_rest_coupon_code_already_exists',
      message: 'The coupon code already exists',
      data: { status: 400 },
    });
  const coupon = { id: 719 + coupons.length, ...body, code, date_created_gmt: new Date().toISOString().slice(0, 19) };
  coupons.push(coupon);
  send(201, coupon);
}
