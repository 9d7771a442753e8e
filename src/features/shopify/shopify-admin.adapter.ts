import { RegularsError } from '../../platform/errors.js';
import { adminGraphql as callAdminGraphql } from './admin-api.adapter.js';
import { adminBase } from './shopify-app.js';

/** Calls to Shopify wait this long at most; an install's callback must answer in a browser's patience. */
const TIMEOUT_MS = 15_000;

/** The answer of POST /admin/oauth/access_token for an offline token. */
export interface AccessTokenAnswer {
  readonly accessToken: string;
  readonly scope: string;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json };
}

/**
 * Exchanges an authorization code for the shop's offline access token (the authorization code
 * grant's step 5: POST https://{shop}/admin/oauth/access_token with client_id, client_secret, code).
 */
export async function exchangeCode(
  adminUrl: string,
  shop: string,
  input: { clientId: string; clientSecret: string; code: string },
): Promise<AccessTokenAnswer> {
  let answer: { status: number; json: unknown };
  try {
    answer = await post(
      `${adminBase(adminUrl, shop)}/admin/oauth/access_token`,
      {},
      {
        client_id: input.clientId,
        client_secret: input.clientSecret,
        code: input.code,
      },
    );
  } catch (error) {
    throw new RegularsError('SHOPIFY_TOKEN_EXCHANGE_FAILED', `could not reach ${shop}: ${(error as Error).message}`, {
      shop,
    });
  }
  const body = (answer.json ?? {}) as { access_token?: unknown; scope?: unknown };
  if (answer.status !== 200 || typeof body.access_token !== 'string' || body.access_token === '') {
    throw new RegularsError(
      'SHOPIFY_TOKEN_EXCHANGE_FAILED',
      `${shop} refused the authorization code (HTTP ${answer.status})`,
      { shop, status: answer.status },
    );
  }
  return { accessToken: body.access_token, scope: typeof body.scope === 'string' ? body.scope : '' };
}

/** A GraphQL Admin API client for one shop and token, as much as a caller needs: one request. */
export interface AdminGraphql {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * The shop's Admin GraphQL endpoint for the installed app, through the one Admin API client
 * (admin-api.adapter.ts: retries, SHOPIFY_ADMIN_API_FAILED); userErrors are the caller's to read
 * (they belong to the mutation's answer).
 */
export function adminGraphql(adminUrl: string, shop: string, accessToken: string): AdminGraphql {
  const connection = { adminUrl: adminBase(adminUrl, shop), accessToken };
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      return (await callAdminGraphql(connection, query, variables)) as T;
    },
  };
}
