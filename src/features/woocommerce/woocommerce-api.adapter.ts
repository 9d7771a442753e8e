import { RegularsError } from '../../platform/errors.js';

/** Where a shop's REST API is and the keys that open it (WooCommerce → Settings → Advanced → REST API). */
export interface WooCommerceApi {
  /** The shop's address, e.g. https://shop.example (the API is under /wp-json/wc/v3). */
  readonly url: string;
  /** Consumer key, ck_... */
  readonly key: string;
  /** Consumer secret, cs_... */
  readonly secret: string;
  /**
   * Allows plain http to a loopback address (127.0.0.1, ::1, localhost): for tests against a local
   * fake shop only. The CLI never sets it: Basic auth sends the keys in the clear.
   */
  readonly allowHttpLoopback?: boolean;
}

export interface OrdersPage {
  readonly orders: readonly unknown[];
  /** X-WP-TotalPages: the pages of the collection at the time of this request. */
  readonly totalPages: number;
  /** X-WP-Total: the orders in the collection. */
  readonly total: number;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The shop's base URL, checked: https, or http to a loopback address when allowed. */
export function shopBaseUrl(api: WooCommerceApi): URL {
  let url: URL;
  try {
    url = new URL(api.url);
  } catch {
    throw new RegularsError('INVALID_ARGUMENT', `--url ${JSON.stringify(api.url)} is not a web address`, {
      field: '--url',
    });
  }
  const loopbackHttp = url.protocol === 'http:' && api.allowHttpLoopback === true && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `--url must be https:// (the REST keys travel in a Basic authorization header), found ${url.protocol}//`,
      { field: '--url' },
    );
  if (!api.key || !api.secret)
    throw new RegularsError('INVALID_ARGUMENT', 'both --key (ck_...) and --secret (cs_...) are needed', {
      field: api.key ? '--secret' : '--key',
    });
  return url;
}

function headerCount(response: Response, name: string): number | null {
  const text = response.headers.get(name);
  if (text === null || !/^\d{1,9}$/.test(text.trim())) return null;
  return Number(text);
}

/**
 * GET /wp-json/wc/v3/orders?per_page=N&page=P, oldest id first (orderby=id&order=asc: orders made
 * while the backfill runs land on later pages instead of shifting the ones to come). Basic auth
 * over https, as WooCommerce's REST API documents for https shops ("Authentication").
 */
export async function fetchOrdersPage(api: WooCommerceApi, page: number, perPage: number): Promise<OrdersPage> {
  const base = shopBaseUrl(api);
  const url = new URL(`${base.pathname.replace(/\/$/, '')}/wp-json/wc/v3/orders`, base);
  url.search = new URLSearchParams({
    per_page: String(perPage),
    page: String(page),
    orderby: 'id',
    order: 'asc',
  }).toString();
  const where = `${url.origin}${url.pathname}?page=${page}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${api.key}:${api.secret}`, 'utf8').toString('base64')}`,
        accept: 'application/json',
      },
      redirect: 'error',
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new RegularsError(
      'WOOCOMMERCE_REQUEST_FAILED',
      `${where} could not be reached: ${(error as Error).message}`,
      {
        url: where,
        page,
      },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const hint =
      response.status === 401 || response.status === 403
        ? ' (check the consumer key and secret, and that the key has Read permission)'
        : '';
    throw new RegularsError(
      'WOOCOMMERCE_REQUEST_FAILED',
      `${where} answered ${response.status}${hint}: ${text.slice(0, 200)}`,
      { url: where, page, status: response.status },
    );
  }
  let orders: unknown;
  try {
    orders = JSON.parse(text);
  } catch {
    orders = null;
  }
  const totalPages = headerCount(response, 'x-wp-totalpages');
  if (!Array.isArray(orders) || totalPages === null)
    throw new RegularsError(
      'WOOCOMMERCE_REQUEST_FAILED',
      `${where} did not answer a WooCommerce order list (a JSON array with an X-WP-TotalPages header)`,
      { url: where, page },
    );
  return { orders, totalPages, total: headerCount(response, 'x-wp-total') ?? orders.length };
}
