import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { afterFailure, disableReason } from './retry-schedule.js';
import { signedHeaders } from './standard-webhooks.js';
import {
  findWebhookEndpoint,
  markEndpointDelivering,
  markEndpointFailing,
  setEndpointStatus,
} from './webhook-endpoint.repository.js';
import {
  claimDueWebhookMessages,
  failPendingWebhookMessages,
  finishWebhookAttempt,
  firstAttemptAt,
  insertWebhookAttempt,
} from './webhook-message.repository.js';
import type { WebhookMessageRow } from './webhook-endpoint.table.js';
import { createWebhookPoster, type WebhookPoster } from './webhook-sender.adapter.js';

export interface DeliverWebhooksOptions {
  readonly now: string;
  /** Who holds the claimed messages' leases: unique per job process. */
  readonly owner: string;
  readonly poster?: WebhookPoster;
  /** A number in [0, 1) for the retry's jitter (default Math.random). */
  readonly random?: () => number;
  /** Messages claimed per run (default 100). */
  readonly limit?: number;
}

/** Longer than the poster's timeout, so a lease never ends while its attempt is still waiting for the answer. */
const LEASE_MS = 60_000;
/** Messages in flight at once: a slow endpoint does not hold up the others behind it. */
const CONCURRENCY = 8;

/**
 * Sends the store's due messages: claims them (leases, so several job processes never send one
 * twice at once), POSTs each signed for this attempt, and records the attempt, the message's next
 * state and the endpoint's health in one transaction. Answers how many were attempted.
 */
export async function deliverDueWebhooks(
  db: Kysely<Database>,
  storeId: string,
  options: DeliverWebhooksOptions,
): Promise<number> {
  const claimed = await claimDueWebhookMessages(db, {
    storeId,
    owner: options.owner,
    now: options.now,
    leaseUntil: new Date(Date.parse(options.now) + LEASE_MS).toISOString(),
    limit: options.limit ?? 100,
  });
  const poster = options.poster ?? createWebhookPoster();
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) await deliverWebhookMessage(db, claimed[next++], { ...options, poster });
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, lane));
  return claimed.length;
}

/** One attempt of one claimed message. */
export async function deliverWebhookMessage(
  db: Kysely<Database>,
  message: WebhookMessageRow,
  options: DeliverWebhooksOptions & { poster: WebhookPoster },
): Promise<{ delivered: boolean; statusCode: number | null; error: string | null }> {
  const { now, owner } = options;
  const storeId = message.store_id;
  const endpoint = await findWebhookEndpoint(db, storeId, message.endpoint_id);
  const attempt = Number(message.attempts) + 1;
  if (endpoint === undefined || endpoint.status !== 'enabled') {
    const error = 'the endpoint is disabled';
    await finishWebhookAttempt(db, {
      storeId,
      id: message.id,
      owner,
      attempts: attempt - 1,
      status: 'failed',
      error,
      now,
    });
    return { delivered: false, statusCode: null, error };
  }
  const timestamp = Math.floor(Date.parse(now) / 1000);
  const result = await options.poster.post({
    url: endpoint.url,
    headers: signedHeaders(endpoint.secret, message.id, timestamp, message.body),
    body: message.body,
  });
  await inTransaction(db, async (trx) => {
    // The endpoint's row first: concurrent attempts to one endpoint queue on it, so the one that
    // disables it and fails its other messages never waits for a message another attempt holds.
    const failing =
      result.error === null
        ? await markEndpointDelivering(trx, storeId, endpoint.id, now)
        : await markEndpointFailing(trx, storeId, endpoint.id, now);
    await insertWebhookAttempt(trx, {
      store_id: storeId,
      message_id: message.id,
      attempt,
      endpoint_id: endpoint.id,
      attempted_at: now,
      status_code: result.statusCode,
      duration_ms: result.durationMs,
      error: result.error,
    });
    if (result.error === null) {
      await finishWebhookAttempt(trx, {
        storeId,
        id: message.id,
        owner,
        attempts: attempt,
        status: 'delivered',
        error: null,
        now,
      });
      return;
    }
    const outcome = afterFailure({
      attempt,
      firstAttemptAt: attempt === 1 ? now : await firstAttemptAt(trx, storeId, message.id, now),
      now,
      random: (options.random ?? Math.random)(),
      statusCode: result.statusCode,
    });
    await finishWebhookAttempt(trx, {
      storeId,
      id: message.id,
      owner,
      attempts: attempt,
      status: outcome.kind === 'retry' ? 'pending' : 'failed',
      ...(outcome.kind === 'retry' ? { nextAttemptAt: outcome.at } : {}),
      error: outcome.kind === 'failed' ? `${result.error}; ${outcome.reason}` : result.error,
      now,
    });
    const reason =
      failing?.failingSince == null
        ? null
        : disableReason({
            failingSince: failing.failingSince,
            consecutiveFailures: failing.consecutiveFailures,
            now,
            statusCode: result.statusCode,
          });
    if (reason !== null && failing?.status === 'enabled') {
      await setEndpointStatus(trx, storeId, endpoint.id, { status: 'disabled', reason, now });
      await failPendingWebhookMessages(trx, storeId, endpoint.id, `the endpoint was disabled: ${reason}`, now);
    }
  });
  return { delivered: result.error === null, statusCode: result.statusCode, error: result.error };
}

/** A lease owner for one delivery run of this process. */
export function deliveryOwner(): string {
  return `webhooks:${process.pid}:${randomBytes(4).toString('hex')}`;
}
