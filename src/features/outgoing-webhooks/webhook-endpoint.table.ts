import type { Selectable } from 'kysely';

/** A URL a store registered to receive its events, signed with the endpoint's own secret. */
export interface WebhookEndpointTable {
  store_id: string;
  /** 'whe_...' */
  id: string;
  url: string;
  /** 'whsec_' + base64 of 32 random bytes (the Standard Webhooks serialisation). */
  secret: string;
  /** JSON array of the event types it receives. */
  events: string;
  status: 'enabled' | 'disabled';
  /** Why it was disabled: '410 Gone', 'failing for 24 hours', or 'by request'. */
  disabled_reason: string | null;
  disabled_at: string | null;
  /** The first failed attempt since the last delivered one; null while it delivers. */
  failing_since: string | null;
  consecutive_failures: number;
  created_at: string;
  updated_at: string;
}

/**
 * One event queued for one endpoint: written in the transaction of the change it reports (so a
 * rolled-back change queues nothing), sent by the delivery job until delivered or 24 hours old.
 */
export interface WebhookMessageTable {
  store_id: string;
  /** 'whm_...': the webhook-id header, the same on every attempt. */
  id: string;
  endpoint_id: string;
  event_type: string;
  /** The exact bytes sent: { type, timestamp, data } as JSON. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** The delivery job holding it, until lease_until: another job process skips it meanwhile. */
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** The delivery log: one row per HTTP attempt. */
export interface WebhookAttemptTable {
  store_id: string;
  message_id: string;
  /** 1, 2, ... */
  attempt: number;
  endpoint_id: string;
  attempted_at: string;
  /** The receiver's status, or null when none came (refused connection, timeout). */
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookMessageRow = Selectable<WebhookMessageTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;
