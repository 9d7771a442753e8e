/**
 * The events a store's endpoints can receive. Names follow the Standard Webhooks advice
 * (spec "Event types"): `noun.past-tense`, dot-separated, [a-z_] only.
 */
export const WEBHOOK_EVENT_TYPES = [
  'order.recorded',
  'customer.created',
  'points.changed',
  'tier.changed',
  'segment.entered',
  'segment.exited',
  'challenge.completed',
  'coupon.redeemed',
  'message.sent',
  'subscription.changed',
  'survey.answered',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(name: string): name is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(name);
}

/**
 * The body every endpoint receives, the shape the spec's "Payload structure" recommends: the type,
 * when the change happened (not when this attempt is made; webhook-timestamp says that), and the
 * event's data. The id a receiver deduplicates on is the webhook-id header.
 */
export function webhookBody(type: WebhookEventType, occurredAt: string, data: Readonly<Record<string, unknown>>) {
  return JSON.stringify({ type, timestamp: occurredAt, data });
}

/** Whether an endpoint subscribed to `type` (its events as stored: a JSON array). */
export function subscribesTo(events: readonly string[], type: WebhookEventType): boolean {
  return events.includes(type);
}
