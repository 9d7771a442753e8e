import type { Kysely } from 'kysely';
import { CART_EVENT_KINDS, type CartEventFact, orderedAtMs, type PurchaseFact } from './abandoned-cart.js';
import { dayOfInstant } from '../engine/flow-time.js';
import { isPurchase } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';

/** Crockford's base32 of ids.ts: an 'evt_' id made by newId starts with 10 characters of its millisecond clock. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const NEW_ID = /^evt_[0-9a-hjkmnp-tv-z]{26}$/;

/**
 * When an event was recorded, read from its id (customer_events has no recording column; newId puts
 * the clock first). Null for ids newId did not make (derived events hash their key).
 */
export function recordedAtOfEventId(id: string): number | null {
  if (!NEW_ID.test(id)) return null;
  let ms = 0;
  for (let i = 4; i < 14; i++) ms = ms * 32 + ALPHABET.indexOf(id[i]);
  return ms;
}

export interface CartFacts {
  readonly events: CartEventFact[];
  readonly purchases: PurchaseFact[];
}

/**
 * The cart and checkout events that may be due in the window and the customers' purchases around
 * them, in two statements. Events from `since` (window.from - maxAgeHours) to window.to: the
 * candidates and the later cart changes that cancel them. occurred_at is stored as a UTC instant
 * in one format (customer-event.repository.ts), so the text range is the time range. Purchases by
 * order_day a day wider on each side (ordered_at keeps the source's offset), exact instants in JS.
 */
export async function cartFacts(
  db: Kysely<Database>,
  storeId: string,
  since: string,
  until: string,
  storeZone: string,
): Promise<CartFacts> {
  const cartEvents = (qb: Kysely<Database>) =>
    qb
      .selectFrom('customer_events')
      .where('customer_events.store_id', '=', storeId)
      .where('customer_events.kind', 'in', [...CART_EVENT_KINDS])
      .where('customer_events.occurred_at', '>=', since)
      .where('customer_events.occurred_at', '<', until);
  const eventRows = await cartEvents(db)
    .innerJoin('customers', (j) =>
      j
        .onRef('customers.store_id', '=', 'customer_events.store_id')
        .onRef('customers.id', '=', 'customer_events.customer_id'),
    )
    .select([
      'customer_events.id',
      'customer_events.customer_id',
      'customer_events.kind',
      'customer_events.occurred_at',
      'customer_events.payload',
      'customers.external_id',
    ])
    .orderBy('customer_events.occurred_at')
    .orderBy('customer_events.id')
    .execute();
  if (eventRows.length === 0) return { events: [], purchases: [] };
  const orderRows = await db
    .selectFrom('orders')
    .select(['customer_id', 'ordered_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', cartEvents(db).select('customer_events.customer_id'))
    .where('order_day', '>=', dayOfInstant(since) - 1)
    .where('order_day', '<=', dayOfInstant(until) + 1)
    .where(isPurchase)
    .execute();
  return {
    events: eventRows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      externalId: r.external_id,
      kind: r.kind,
      occurredAt: r.occurred_at,
      recordedAtMs: recordedAtOfEventId(r.id),
      payload: parsePayload(r.payload),
    })),
    purchases: orderRows
      .map((r) => ({ customerId: r.customer_id, atMs: orderedAtMs(r.ordered_at, storeZone) }))
      .filter((p) => !Number.isNaN(p.atMs)),
  };
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
