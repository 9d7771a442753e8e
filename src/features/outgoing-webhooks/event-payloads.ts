import type { WebhookEvent } from './emit-webhook-event.service.js';
import type { WebhookEventType } from './webhook-event.js';

/**
 * The data of each event, kept thin as the spec advises ("Payload structure": ids and the facts of
 * the change; the receiver asks the API for more). Ids are Regulars' (cus_, ord_), with the
 * store's own ids beside them where a receiver most likely keys on those.
 */

interface OrderFacts {
  readonly externalId: string;
  readonly customerId: string;
  readonly orderedAt: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly refundedMinor?: number;
  readonly status?: string;
}

/** order.recorded for each order created or changed; nothing for one stale or already stored as it is. */
export function orderRecordedEvents(
  orders: readonly OrderFacts[],
  results: readonly { readonly orderId: string; readonly outcome: string }[],
): WebhookEvent[] {
  return results.flatMap((r, i) =>
    r.outcome === 'created' || r.outcome === 'updated'
      ? [
          {
            type: 'order.recorded' as const,
            data: {
              orderId: r.orderId,
              externalId: orders[i].externalId,
              customerId: orders[i].customerId,
              outcome: r.outcome,
              orderedAt: orders[i].orderedAt,
              currency: orders[i].currency,
              totalMinor: orders[i].totalMinor,
              refundedMinor: orders[i].refundedMinor ?? 0,
              status: orders[i].status ?? 'paid',
            },
          },
        ]
      : [],
  );
}

/** customer.created for each customer an upsert created, once each (an id listed twice is one customer). */
export function customersCreatedEvents(
  inputs: readonly { readonly externalId: string; readonly email?: string | null }[],
  stored: ReadonlyMap<string, { readonly customerId: string; readonly outcome: string }>,
): WebhookEvent[] {
  const seen = new Set<string>();
  return inputs.flatMap((input) => {
    const result = stored.get(input.externalId);
    if (result?.outcome !== 'created' || seen.has(result.customerId)) return [];
    seen.add(result.customerId);
    return [customerCreatedEvent(result.customerId, input)];
  });
}

export function customerCreatedEvent(
  customerId: string,
  customer: { readonly externalId: string; readonly email?: string | null },
): WebhookEvent {
  return {
    type: 'customer.created',
    data: { customerId, externalId: customer.externalId, email: customer.email ?? null },
  };
}

/** points.changed: one ledger entry appended (earned, redeemed, expired, reversed, adjusted). */
export function pointsChangedEvent(
  customerId: string,
  entryId: string,
  entry: {
    readonly kind: string;
    readonly points: number;
    readonly reason: string;
    readonly postedAt: string;
    readonly availableAt: string;
  },
): WebhookEvent {
  return {
    type: 'points.changed',
    data: {
      customerId,
      entryId,
      kind: entry.kind,
      points: entry.points,
      reason: entry.reason,
      postedAt: entry.postedAt,
      availableAt: entry.availableAt,
    },
  };
}

/**
 * The customer events other features record in the transaction of their change (tiers, segments,
 * challenges, subscriptions) that are also webhook events: the event's kind names the webhook's type.
 */
const DERIVED_TYPES: Readonly<Record<string, WebhookEventType>> = {
  tier_changed: 'tier.changed',
  segment_entered: 'segment.entered',
  segment_exited: 'segment.exited',
  challenge_completed: 'challenge.completed',
  subscription_changed: 'subscription.changed',
};

/**
 * The webhook events of customer events just recorded (each once: the caller passes only the ones
 * its insert wrote). The data is the customer event's payload with the customer and the event id.
 */
export function derivedWebhookEvents(
  recorded: readonly {
    readonly customerId: string;
    readonly eventId: string;
    readonly input: {
      readonly kind: string;
      readonly occurredAt: string;
      readonly payload: Readonly<Record<string, unknown>>;
    };
  }[],
): WebhookEvent[] {
  return recorded.flatMap(({ customerId, eventId, input }) => {
    const type = DERIVED_TYPES[input.kind];
    return type === undefined ? [] : [{ type, at: input.occurredAt, data: { customerId, eventId, ...input.payload } }];
  });
}

/** message.sent for each outbox message the channel accepted (`sentAt` when the rows do not carry it). */
export function messageSentEvents(
  sent: readonly {
    readonly id: string;
    readonly customer_id: string;
    readonly flow: string;
    readonly channel: string;
    readonly template: string;
    readonly sent_at?: string | null;
  }[],
  sentAt: string | null,
): WebhookEvent[] {
  return sent.map((m) => {
    const at = m.sent_at ?? sentAt ?? undefined;
    return {
      type: 'message.sent',
      ...(at === undefined ? {} : { at }),
      data: { messageId: m.id, customerId: m.customer_id, flow: m.flow, channel: m.channel, template: m.template },
    };
  });
}
