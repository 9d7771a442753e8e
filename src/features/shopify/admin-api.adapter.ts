import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { RegularsError } from '../../platform/errors.js';
import {
  BULK_OPERATION_BY_ID,
  CURRENT_BULK_OPERATION,
  RUN_BULK_QUERY,
  SHOP_TIME_ZONE,
  SHOPIFY_ADMIN_API_VERSION,
} from './bulk-queries.js';

/**
 * Where and as whom the Admin API is called: `adminUrl` is the shop's address
 * (https://brew-co.myshopify.com, or a local fake's http://127.0.0.1:PORT), `accessToken` an
 * Admin API access token (a custom app's, or the one the app install stores).
 */
export interface ShopifyAdminConnection {
  readonly adminUrl: string;
  readonly accessToken: string;
}

/** BulkOperation.status (2025-10): CREATED, RUNNING, COMPLETED, CANCELING, CANCELED, FAILED, EXPIRED. */
export interface BulkOperation {
  readonly id: string;
  readonly status: string;
  readonly errorCode: string | null;
  /** Objects read so far, children included: the number of lines of the result once COMPLETED. */
  readonly objectCount: number;
  readonly rootObjectCount: number;
  readonly url: string | null;
  readonly query?: string;
}

const ATTEMPTS = 5;

function adminFailed(message: string, details: Record<string, unknown>): RegularsError {
  return new RegularsError('SHOPIFY_ADMIN_API_FAILED', message, details);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One GraphQL call to the Admin API, answering `data`. A lost connection, a 429 (throttled) or a
 * 5xx is retried (up to 5 attempts, waiting 0.5 s, 1 s, 2 s, ...); another status, GraphQL errors,
 * or an answer without data is SHOPIFY_ADMIN_API_FAILED with the status and Shopify's messages.
 */
export async function adminGraphql(
  connection: ShopifyAdminConnection,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const endpoint = `${connection.adminUrl.replace(/\/+$/, '')}/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': connection.accessToken },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      if (attempt < ATTEMPTS) {
        await sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      throw adminFailed(`cannot reach the Shopify Admin API at ${endpoint}: ${(error as Error).message}`, {
        url: endpoint,
      });
    }
    const text = await response.text();
    if ((response.status === 429 || response.status >= 500) && attempt < ATTEMPTS) {
      await sleep(500 * 2 ** (attempt - 1));
      continue;
    }
    if (!response.ok) {
      throw adminFailed(
        response.status === 401 || response.status === 403
          ? `the Shopify Admin API refused the access token (HTTP ${response.status}): check the token and the app's scopes (read_customers, read_products, read_orders, read_all_orders)`
          : `the Shopify Admin API answered HTTP ${response.status}`,
        { url: endpoint, status: response.status, body: text.slice(0, 500) },
      );
    }
    let body: {
      data?: Record<string, unknown> | null;
      errors?: { message?: string; extensions?: { code?: string } }[];
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw adminFailed('the Shopify Admin API answered something that is not JSON', {
        url: endpoint,
        body: text.slice(0, 500),
      });
    }
    const throttled = body.errors?.some((e) => e.extensions?.code === 'THROTTLED');
    if (throttled && attempt < ATTEMPTS) {
      await sleep(500 * 2 ** (attempt - 1));
      continue;
    }
    if (body.errors?.length || !body.data) {
      throw adminFailed(
        `the Shopify Admin API answered errors: ${(body.errors ?? []).map((e) => e.message).join('; ') || 'no data'}`,
        { url: endpoint, errors: body.errors ?? [] },
      );
    }
    return body.data;
  }
}

function bulkOperationOf(value: unknown): BulkOperation | null {
  if (typeof value !== 'object' || value === null) return null;
  const op = value as Record<string, unknown>;
  if (typeof op.id !== 'string' || typeof op.status !== 'string') return null;
  return {
    id: op.id,
    status: op.status,
    errorCode: typeof op.errorCode === 'string' ? op.errorCode : null,
    objectCount: Number(op.objectCount ?? 0),
    rootObjectCount: Number(op.rootObjectCount ?? 0),
    url: typeof op.url === 'string' ? op.url : null,
    ...(typeof op.query === 'string' ? { query: op.query } : {}),
  };
}

/**
 * Starts a bulk query. When the app already runs one for the shop (OPERATION_IN_PROGRESS), and it
 * is the same query (a backfill killed before it could write down the operation's id), that one
 * is taken over; another query running is SHOPIFY_BULK_OPERATION_FAILED.
 */
export async function runBulkQuery(connection: ShopifyAdminConnection, query: string): Promise<BulkOperation> {
  const data = await adminGraphql(connection, RUN_BULK_QUERY, { query });
  const payload = (data.bulkOperationRunQuery ?? {}) as {
    bulkOperation?: unknown;
    userErrors?: { message: string; code?: string }[];
  };
  const started = bulkOperationOf(payload.bulkOperation);
  if (started) return started;
  const errors = payload.userErrors ?? [];
  if (errors.some((e) => e.code === 'OPERATION_IN_PROGRESS')) {
    const current = await currentBulkOperation(connection);
    if (current && current.query?.replace(/\s+/g, ' ').trim() === query.replace(/\s+/g, ' ').trim()) return current;
    throw new RegularsError(
      'SHOPIFY_BULK_OPERATION_FAILED',
      `another bulk query of this app is running for the shop (${current?.id ?? 'unknown'}): wait for it to finish, or cancel it with bulkOperationCancel`,
      { bulkOperationId: current?.id ?? null, userErrors: errors },
    );
  }
  throw new RegularsError(
    'SHOPIFY_BULK_OPERATION_FAILED',
    `Shopify refused the bulk query: ${errors.map((e) => e.message).join('; ') || 'no operation returned'}`,
    { userErrors: errors },
  );
}

export async function currentBulkOperation(connection: ShopifyAdminConnection): Promise<BulkOperation | null> {
  const data = await adminGraphql(connection, CURRENT_BULK_OPERATION);
  return bulkOperationOf(data.currentBulkOperation);
}

export async function bulkOperationById(connection: ShopifyAdminConnection, id: string): Promise<BulkOperation | null> {
  const data = await adminGraphql(connection, BULK_OPERATION_BY_ID, { id });
  return bulkOperationOf(data.node);
}

/** The shop's IANA time zone (Shop.ianaTimezone) and currency (Shop.currencyCode, null if not answered). */
export async function shopProfile(
  connection: ShopifyAdminConnection,
): Promise<{ timeZone: string; currency: string | null }> {
  const data = await adminGraphql(connection, SHOP_TIME_ZONE);
  const shop = data.shop as { ianaTimezone?: unknown; currencyCode?: unknown } | undefined;
  if (typeof shop?.ianaTimezone !== 'string')
    throw adminFailed('the Shopify Admin API answered no shop time zone', { field: 'shop.ianaTimezone' });
  return { timeZone: shop.ianaTimezone, currency: typeof shop.currencyCode === 'string' ? shop.currencyCode : null };
}

/**
 * The lines of a bulk result, streamed: the file (often hundreds of MB) is never held whole. The
 * URL is a signed download link (no token is sent to it).
 */
export async function* bulkResultLines(url: string): AsyncGenerator<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw adminFailed(`cannot download the bulk result: ${(error as Error).message}`, { url });
  }
  if (!response.ok || !response.body) {
    throw adminFailed(
      `downloading the bulk result answered HTTP ${response.status}${response.status === 403 || response.status === 404 ? ' (the link expires 7 days after the operation completed: run the backfill again to start a new one)' : ''}`,
      { url, status: response.status },
    );
  }
  const lines = createInterface({
    input: Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>),
    crlfDelay: Infinity,
  });
  for await (const line of lines) yield line;
}
