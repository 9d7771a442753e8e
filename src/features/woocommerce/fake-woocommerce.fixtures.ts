import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyOf, DOCUMENTED_ORDER_723, DOCUMENTED_ORDER_727 } from './woocommerce-payloads.fixtures.js';

/**
 * A local stand-in for a WooCommerce shop's REST API: GET /wp-json/wc/v3/orders with Basic auth,
 * per_page and page, answering JSON arrays with X-WP-Total and X-WP-TotalPages as the REST API
 * documentation describes ("Pagination"). Its orders are the documented order payloads
 * (woocommerce-payloads.fixtures.ts) repeated under new ids, alternately 727 (a guest) and 723
 * (customer 26, two refunds), with the ids given.
 */
export interface FakeWooCommerce {
  readonly url: string;
  /** Every request's page number, in order. */
  readonly pagesServed: number[];
  /** Answers 500 to this page once (a shop that fails midway), then serves it normally. */
  failPageOnce(page: number): void;
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
  const expected = `Basic ${Buffer.from(`${FAKE_KEY}:${FAKE_SECRET}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      response.end(JSON.stringify(body));
    };
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
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
