import { createHmac, timingSafeEqual } from 'node:crypto';
import { RegularsError } from '../../platform/errors.js';

/**
 * The webhook channel: a message as a signed JSON POST, for an SMS gateway, a chat tool or anything
 * else that takes HTTP (docs/messaging.md "Webhook channel").
 *
 * Headers:
 *   Content-Type: application/json
 *   X-Regulars-Delivery: <the message's idempotency key>  (the same on every retry: deduplicate on it)
 *   X-Regulars-Timestamp: <Unix seconds>
 *   X-Regulars-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
 * Signing the timestamp with the body lets the receiver refuse a replay of an old delivery
 * (the scheme Stripe and Slack use); `v1=` leaves room for another algorithm later.
 */
export interface WebhookMessage {
  /** The message's idempotency key. */
  readonly idempotencyKey: string;
  /** Any JSON object: { channel, to, text, customerId, flow, ... }. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface WebhookSettings {
  readonly url: string;
  /** The shared secret the receiver verifies with. */
  readonly secret: string;
  /** Milliseconds before the delivery is abandoned as failed (default 10 s). */
  readonly timeoutMs?: number;
}

export interface WebhookDelivery {
  readonly status: number;
  /** The receiver's answer, cut at 2,000 characters. */
  readonly body: string;
}

export interface WebhookSender {
  send(message: WebhookMessage): Promise<WebhookDelivery>;
}

export const SIGNATURE_HEADER = 'x-regulars-signature';
export const TIMESTAMP_HEADER = 'x-regulars-timestamp';
export const DELIVERY_HEADER = 'x-regulars-delivery';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * What a receiver runs (shown in docs/messaging.md): the signature over the raw body must match in
 * constant time, and the timestamp must be within toleranceSeconds of now (default 5 minutes).
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (headers.signature === undefined || headers.timestamp === undefined || !/^\d{1,12}$/.test(headers.timestamp))
    return false;
  const timestamp = Number(headers.timestamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'utf8');
  const given = Buffer.from(headers.signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A sender for one endpoint. Any status other than 2xx, a refused connection or the timeout is
 * WEBHOOK_DELIVERY_FAILED (the outbox retries it with the same delivery id). Redirects are not
 * followed: a signed body must reach the URL it was signed for.
 */
export function createWebhookSender(settings: WebhookSettings, clock: () => number = Date.now): WebhookSender {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  return {
    async send(message) {
      const body = JSON.stringify(message.payload);
      const timestamp = Math.floor(clock() / 1000);
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Regulars-Webhook/1',
            [DELIVERY_HEADER]: message.idempotencyKey,
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = error as Error & { cause?: { code?: string } };
        const timedOut = cause.name === 'TimeoutError';
        const reason = timedOut ? `no answer within ${timeoutMs} ms` : (cause.cause?.code ?? cause.message);
        // The socket's code (ECONNREFUSED...), so the worker sees an endpoint outage, not a bad message.
        const code = timedOut ? 'ETIMEDOUT' : cause.cause?.code;
        throw new RegularsError('WEBHOOK_DELIVERY_FAILED', `the webhook ${settings.url} was not delivered: ${reason}`, {
          url: settings.url,
          reason,
          ...(code === undefined ? {} : { code }),
        });
      }
      const text = (await response.text()).slice(0, 2000);
      if (response.status < 200 || response.status > 299) {
        throw new RegularsError('WEBHOOK_DELIVERY_FAILED', `the webhook ${settings.url} answered ${response.status}`, {
          url: settings.url,
          status: response.status,
          body: text,
        });
      }
      return { status: response.status, body: text };
    },
  };
}
