import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { newId, nowIso } from '../../platform/ids.js';
import { listEnabledWebhookEndpoints } from './webhook-endpoint.repository.js';
import { insertWebhookMessages } from './webhook-message.repository.js';
import { subscribesTo, webhookBody, type WebhookEventType } from './webhook-event.js';

export interface WebhookEvent {
  readonly type: WebhookEventType;
  /**
   * When the change happened, on the caller's clock (default: now): the body's timestamp, and when
   * the first attempt is due.
   */
  readonly at?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Queues an event for every enabled endpoint of the store that subscribed to it, in the caller's
 * transaction (pass the transaction the change is written in): the message commits with the
 * change, or rolls back with it, so no event is lost between the change and its sending, and none
 * goes out for a change that did not happen. The delivery job sends it. A store without endpoints
 * pays one indexed read every 2 seconds (listEnabledWebhookEndpoints).
 */
export async function emitWebhookEvent(db: Kysely<Database>, storeId: string, event: WebhookEvent): Promise<number> {
  return emitWebhookEvents(db, storeId, [event]);
}

/** Many events of one change (a batch of orders) with one read of the endpoints. */
export async function emitWebhookEvents(
  db: Kysely<Database>,
  storeId: string,
  events: readonly WebhookEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  // Decided before any transaction: a store without a subscribed endpoint (nearly every change)
  // costs no statement at all once its endpoints are known (listEnabledWebhookEndpoints keeps them).
  const endpoints = await listEnabledWebhookEndpoints(db, storeId);
  const now = nowIso();
  const rows = events.flatMap(({ type, at = now, data }) =>
    endpoints
      .filter((endpoint) => subscribesTo(endpoint.events, type))
      .map((endpoint) => ({
        store_id: storeId,
        id: newId('whm'),
        endpoint_id: endpoint.id,
        event_type: type,
        body: webhookBody(type, at, data),
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
        last_error: null,
        created_at: at,
        finished_at: null,
      })),
  );
  if (rows.length > 0) await insertWebhookMessages(db, rows);
  return rows.length;
}

/**
 * Whether any enabled endpoint of the store subscribed to one of `types`: a writer with a faster
 * path that cannot carry the events in its transaction (the PostgreSQL one-statement order batch)
 * takes its ordinary path when this is true.
 */
export async function wantsWebhookEvents(
  db: Kysely<Database>,
  storeId: string,
  types: readonly WebhookEventType[],
): Promise<boolean> {
  const endpoints = await listEnabledWebhookEndpoints(db, storeId);
  return endpoints.some((e) => types.some((type) => subscribesTo(e.events, type)));
}
