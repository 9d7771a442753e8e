import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { WebhookEndpointRow, WebhookEndpointTable } from './webhook-endpoint.table.js';

/** An endpoint as the services use it: events parsed, no store id. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly events: readonly string[];
  readonly status: 'enabled' | 'disabled';
  readonly disabledReason: string | null;
  readonly disabledAt: string | null;
  readonly failingSince: string | null;
  readonly consecutiveFailures: number;
  readonly createdAt: string;
}

export function webhookEndpointFromRow(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    secret: row.secret,
    events: JSON.parse(row.events) as string[],
    status: row.status,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    consecutiveFailures: Number(row.consecutive_failures),
    createdAt: row.created_at,
  };
}

export async function insertWebhookEndpoint(db: Kysely<Database>, row: WebhookEndpointTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
  forgetEnabledEndpoints(row.store_id);
}

export async function listWebhookEndpoints(db: Kysely<Database>, storeId: string): Promise<WebhookEndpoint[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(webhookEndpointFromRow);
}

/** An enabled endpoint as an event is queued for it: which events it subscribed to. */
export interface SubscribedEndpoint {
  readonly id: string;
  readonly events: readonly string[];
}

/**
 * How long a process keeps a store's enabled endpoints. Every order, new customer, points change and
 * sent message asks, nearly always of a store that has none, on the hot paths of ingestion and
 * sending: one read per store every 2 s instead of one per change. A change made through this
 * process forgets the store's entry at once; one made by another process (a `regulars webhooks add`
 * beside a running server) is seen within 2 s, as revoked API keys are.
 */
const ENABLED_ENDPOINTS_TTL_MS = 2_000;
const enabledEndpointsCache = new Map<string, { readonly until: number; readonly endpoints: SubscribedEndpoint[] }>();

function forgetEnabledEndpoints(storeId: string): void {
  enabledEndpointsCache.delete(storeId);
}

/** The endpoints an event is queued for: enabled ones (which of them subscribe is decided by the caller). */
export async function listEnabledWebhookEndpoints(
  db: Kysely<Database>,
  storeId: string,
): Promise<SubscribedEndpoint[]> {
  const cached = enabledEndpointsCache.get(storeId);
  if (cached !== undefined && cached.until > Date.now()) return cached.endpoints;
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('store_id', '=', storeId)
    .where('status', '=', 'enabled')
    .execute();
  const endpoints = rows.map((row) => ({ id: row.id, events: JSON.parse(row.events) as string[] }));
  enabledEndpointsCache.set(storeId, { until: Date.now() + ENABLED_ENDPOINTS_TTL_MS, endpoints });
  return endpoints;
}

export async function findWebhookEndpoint(
  db: Kysely<Database>,
  storeId: string,
  id: string,
): Promise<WebhookEndpoint | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : webhookEndpointFromRow(row);
}

/** Deletes the endpoint with its queue and log (children first: the foreign keys). */
export async function deleteWebhookEndpoint(db: Kysely<Database>, storeId: string, id: string): Promise<boolean> {
  forgetEnabledEndpoints(storeId);
  await db.deleteFrom('webhook_attempts').where('store_id', '=', storeId).where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_messages').where('store_id', '=', storeId).where('endpoint_id', '=', id).execute();
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** A delivered attempt: the endpoint is healthy again. */
export async function markEndpointDelivering(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  now: string,
): Promise<undefined> {
  // Written even when already healthy: the update is what orders this attempt after the others (its row lock).
  await db
    .updateTable('webhook_endpoints')
    .set({ failing_since: null, consecutive_failures: 0, updated_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .execute();
  return undefined;
}

/** A failed attempt: counts it, and notes when the failures began. Answers the endpoint after the update. */
export async function markEndpointFailing(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  now: string,
): Promise<WebhookEndpoint | undefined> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      failing_since: eb.fn.coalesce('failing_since', eb.val(now)),
      consecutive_failures: eb('consecutive_failures', '+', 1),
      updated_at: now,
    }))
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : webhookEndpointFromRow(row);
}

export async function setEndpointStatus(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  change: { status: 'enabled' | 'disabled'; reason: string | null; now: string },
): Promise<void> {
  forgetEnabledEndpoints(storeId);
  await db
    .updateTable('webhook_endpoints')
    .set({
      status: change.status,
      disabled_reason: change.reason,
      disabled_at: change.status === 'disabled' ? change.now : null,
      ...(change.status === 'enabled' ? { failing_since: null, consecutive_failures: 0 } : {}),
      updated_at: change.now,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .execute();
}
