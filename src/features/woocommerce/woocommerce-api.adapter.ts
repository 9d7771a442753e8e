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

function headerCount(headers: Headers, name: string): number | null {
  const text = headers.get(name);
  if (text === null || !/^\d{1,9}$/.test(text.trim())) return null;
  return Number(text);
}

interface WooResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * One call to the shop's REST API (/wp-json/wc/v3/...), Basic auth over https as WooCommerce's REST
 * API documents for https shops ("Authentication"). Unreachable, non-2xx and non-JSON answers are
 * WOOCOMMERCE_REQUEST_FAILED naming the URL (`where` adds e.g. the page).
 */
async function wooRequest(
  api: WooCommerceApi,
  method: 'GET' | 'POST',
  path: string,
  query: Record<string, string>,
  body: unknown,
  details: Record<string, unknown> = {},
): Promise<WooResponse> {
  const base = shopBaseUrl(api);
  const url = new URL(`${base.pathname.replace(/\/$/, '')}/wp-json/wc/v3/${path}`, base);
  url.search = new URLSearchParams(query).toString();
  const where = `${method} ${url.origin}${url.pathname}${'page' in details ? `?page=${String(details.page)}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${api.key}:${api.secret}`, 'utf8').toString('base64')}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new RegularsError(
      'WOOCOMMERCE_REQUEST_FAILED',
      `${where} could not be reached: ${(error as Error).message}`,
      {
        url: where,
        ...details,
      },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const hint =
      response.status === 401 || response.status === 403
        ? ` (check the consumer key and secret, and that the key has ${method === 'GET' ? 'Read' : 'Read/Write'} permission)`
        : '';
    throw new RegularsError(
      'WOOCOMMERCE_REQUEST_FAILED',
      `${where} answered ${response.status}${hint}: ${text.slice(0, 200)}`,
      { url: where, ...details, status: response.status },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * GET /wp-json/wc/v3/orders?per_page=N&page=P, oldest id first (orderby=id&order=asc: orders made
 * while the backfill runs land on later pages instead of shifting the ones to come).
 */
export async function fetchOrdersPage(api: WooCommerceApi, page: number, perPage: number): Promise<OrdersPage> {
  const query = { per_page: String(perPage), page: String(page), orderby: 'id', order: 'asc' };
  const answer = await wooRequest(api, 'GET', 'orders', query, undefined, { page });
  const totalPages = headerCount(answer.headers, 'x-wp-totalpages');
  if (!Array.isArray(answer.body) || totalPages === null)
    throw new RegularsError(
      'WOOCOMMERCE_REQUEST_FAILED',
      `GET /wp-json/wc/v3/orders?page=${page} did not answer a WooCommerce order list (a JSON array with an X-WP-TotalPages header)`,
      { page },
    );
  return {
    orders: answer.body,
    totalPages,
    total: headerCount(answer.headers, 'x-wp-total') ?? answer.body.length,
  };
}

/** A coupon as the REST API answers it (the fields Regulars reads). */
export interface WooCoupon {
  readonly id: number;
  readonly code: string;
  readonly description: string;
}

function wooCoupon(value: unknown, where: string): WooCoupon {
  const item = value as Partial<WooCoupon> | null;
  if (item === null || typeof item !== 'object' || typeof item.id !== 'number' || typeof item.code !== 'string')
    throw new RegularsError('WOOCOMMERCE_REQUEST_FAILED', `${where} did not answer a WooCommerce coupon`, {});
  return { id: item.id, code: item.code, description: typeof item.description === 'string' ? item.description : '' };
}

/** GET /wp-json/wc/v3/coupons?code=...: the shop's coupon with this code, or null. */
export async function findShopCoupon(api: WooCommerceApi, code: string): Promise<WooCoupon | null> {
  const answer = await wooRequest(api, 'GET', 'coupons', { code }, undefined);
  if (!Array.isArray(answer.body))
    throw new RegularsError('WOOCOMMERCE_REQUEST_FAILED', 'GET /wp-json/wc/v3/coupons did not answer a list', {});
  // WooCommerce stores codes lower-cased and compares them so; the search may also match more loosely.
  const found = answer.body.map((item) => wooCoupon(item, 'GET /wp-json/wc/v3/coupons'));
  return found.find((c) => c.code.toLowerCase() === code.toLowerCase()) ?? null;
}

/** POST /wp-json/wc/v3/coupons: creates the coupon, answering it as stored. */
export async function createShopCoupon(api: WooCommerceApi, coupon: Record<string, unknown>): Promise<WooCoupon> {
  const answer = await wooRequest(api, 'POST', 'coupons', {}, coupon);
  return wooCoupon(answer.body, 'POST /wp-json/wc/v3/coupons');
}
