import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { deliverWebhookMessage, deliveryOwner } from './deliver-webhooks.service.js';
import { createWebhookPoster, type WebhookPoster } from './webhook-sender.adapter.js';
import { SECRET_BYTES, serializeSecret } from './standard-webhooks.js';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  setEndpointStatus,
  type WebhookEndpoint,
} from './webhook-endpoint.repository.js';
import { insertWebhookMessages, listWebhookAttempts, listWebhookMessages } from './webhook-message.repository.js';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './webhook-event.js';

/** An endpoint as listed: everything but the secret, which is shown once, when it is added. */
export type WebhookEndpointView = Omit<WebhookEndpoint, 'secret'>;

function view(endpoint: WebhookEndpoint): WebhookEndpointView {
  const { secret: _secret, ...rest } = endpoint;
  return rest;
}

/** The URL must be absolute http(s) without credentials (they would travel in every request's log line). */
function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RegularsError(
      'WEBHOOK_ENDPOINT_INVALID',
      `the webhook URL ${JSON.stringify(url)} is not an absolute URL`,
      {
        field: 'url',
      },
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new RegularsError(
      'WEBHOOK_ENDPOINT_INVALID',
      `the webhook URL must be http or https, not ${parsed.protocol}`,
      {
        field: 'url',
      },
    );
  if (parsed.username !== '' || parsed.password !== '')
    throw new RegularsError('WEBHOOK_ENDPOINT_INVALID', 'the webhook URL must not carry a user or password', {
      field: 'url',
    });
  return parsed.toString();
}

function checkEvents(events: readonly string[]): string[] {
  if (events.length === 0)
    throw new RegularsError('WEBHOOK_ENDPOINT_INVALID', `name at least one event: ${WEBHOOK_EVENT_TYPES.join(', ')}`, {
      field: 'events',
    });
  const unknown = events.filter((e) => !isWebhookEventType(e));
  if (unknown.length > 0)
    throw new RegularsError(
      'WEBHOOK_ENDPOINT_INVALID',
      `unknown event ${unknown.map((e) => JSON.stringify(e)).join(', ')}; the events are ${WEBHOOK_EVENT_TYPES.join(', ')}`,
      { field: 'events', unknown },
    );
  return [...new Set(events)];
}

/** Registers an endpoint with a new secret; answers its id and the secret (shown this once). */
export async function addWebhookEndpoint(
  db: Kysely<Database>,
  storeId: string,
  input: { url: string; events: readonly string[] },
  now: string,
): Promise<{ id: string; secret: string; url: string; events: string[] }> {
  const url = checkUrl(input.url);
  const events = checkEvents(input.events);
  const id = newId('whe');
  const secret = serializeSecret(randomBytes(SECRET_BYTES));
  await insertWebhookEndpoint(db, {
    store_id: storeId,
    id,
    url,
    secret,
    events: JSON.stringify(events),
    status: 'enabled',
    disabled_reason: null,
    disabled_at: null,
    failing_since: null,
    consecutive_failures: 0,
    created_at: now,
    updated_at: now,
  });
  return { id, secret, url, events };
}

export async function webhookEndpointsOf(db: Kysely<Database>, storeId: string): Promise<WebhookEndpointView[]> {
  return (await listWebhookEndpoints(db, storeId)).map(view);
}

async function endpointOrThrow(db: Kysely<Database>, storeId: string, id: string): Promise<WebhookEndpoint> {
  const endpoint = await findWebhookEndpoint(db, storeId, id);
  if (endpoint === undefined)
    throw new RegularsError('WEBHOOK_ENDPOINT_NOT_FOUND', `the store has no webhook endpoint ${id}`, { id });
  return endpoint;
}

/** Removes the endpoint with its queued messages and its delivery log. */
export async function removeWebhookEndpoint(db: Kysely<Database>, storeId: string, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await deleteWebhookEndpoint(trx, storeId, id)))
      throw new RegularsError('WEBHOOK_ENDPOINT_NOT_FOUND', `the store has no webhook endpoint ${id}`, { id });
  });
}

/** Turns a disabled endpoint back on (its failures forgotten); new events reach it from now. */
export async function enableWebhookEndpoint(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  now: string,
): Promise<WebhookEndpointView> {
  await endpointOrThrow(db, storeId, id);
  await setEndpointStatus(db, storeId, id, { status: 'enabled', reason: null, now });
  return view(await endpointOrThrow(db, storeId, id));
}

export interface WebhookTestResult {
  readonly messageId: string;
  readonly delivered: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
}

/**
 * Sends one `webhook.test` message to the endpoint now, signed as every event is, and answers how
 * it went. It is queued and logged as any message (a failure is retried), so the log shows it.
 */
export async function testWebhookEndpoint(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  options: { now: string; poster?: WebhookPoster },
): Promise<WebhookTestResult> {
  const endpoint = await endpointOrThrow(db, storeId, id);
  if (endpoint.status !== 'enabled')
    throw new RegularsError(
      'WEBHOOK_ENDPOINT_INVALID',
      `the endpoint ${id} is disabled (${endpoint.disabledReason ?? 'by request'}); enable it first`,
      { field: 'id', id },
    );
  const owner = deliveryOwner();
  const message = {
    store_id: storeId,
    id: newId('whm'),
    endpoint_id: id,
    event_type: 'webhook.test',
    body: JSON.stringify({ type: 'webhook.test', timestamp: options.now, data: { endpointId: id } }),
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: options.now,
    // Held by this call until its attempt is recorded: the delivery job leaves it alone meanwhile.
    lease_owner: owner,
    lease_until: new Date(Date.parse(options.now) + 60_000).toISOString(),
    last_error: null,
    created_at: options.now,
    finished_at: null,
  };
  await insertWebhookMessages(db, [message]);
  const result = await deliverWebhookMessage(db, message, {
    now: options.now,
    owner,
    poster: options.poster ?? createWebhookPoster(),
  });
  return { messageId: message.id, ...result };
}

export interface WebhookLogEntry {
  readonly messageId: string;
  readonly eventType: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly tries: readonly {
    attempt: number;
    at: string;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  }[];
}

/** The endpoint's newest messages, each with its attempts (the delivery log). */
export async function webhookDeliveryLog(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  limit: number,
): Promise<WebhookLogEntry[]> {
  await endpointOrThrow(db, storeId, id);
  const messages = await listWebhookMessages(db, storeId, id, limit);
  const attempts = await listWebhookAttempts(db, storeId, id, limit * 20);
  return messages.map((m) => ({
    messageId: m.id,
    eventType: m.event_type,
    status: m.status,
    attempts: Number(m.attempts),
    nextAttemptAt: m.status === 'pending' ? m.next_attempt_at : null,
    lastError: m.last_error,
    createdAt: m.created_at,
    tries: attempts
      .filter((a) => a.message_id === m.id)
      .map((a) => ({
        attempt: Number(a.attempt),
        at: a.attempted_at,
        statusCode: a.status_code === null ? null : Number(a.status_code),
        durationMs: Number(a.duration_ms),
        error: a.error,
      }))
      .sort((a, b) => a.attempt - b.attempt),
  }));
}
