import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  CUSTOMER_EVENT_KINDS,
  type CustomerEvent,
  type CustomerEventInput,
  type CustomerEventKind,
} from './customer-event.js';
import { RegularsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import type { CustomerEventRow } from './customer-event.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { derivedWebhookEvents, emitWebhookEvents } from '../outgoing-webhooks/index.js';

/** The largest page listCustomerEvents returns. */
export const MAX_EVENT_PAGE = 1000;

export function customerEventFromRow(row: CustomerEventRow): CustomerEvent {
  return {
    id: row.id,
    storeId: row.store_id,
    customerId: row.customer_id,
    // Written only through customerEventToRow, which admits CUSTOMER_EVENT_KINDS alone.
    kind: row.kind as CustomerEventKind,
    occurredAt: row.occurred_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

export function customerEventToRow(
  storeId: string,
  customerId: string,
  id: string,
  input: CustomerEventInput,
): CustomerEventRow {
  if (!(CUSTOMER_EVENT_KINDS as readonly string[]).includes(input.kind)) {
    throw invalidField('kind', `kind must be one of ${CUSTOMER_EVENT_KINDS.join(', ')}, not ${input.kind}`);
  }
  if (input.payload === null || typeof input.payload !== 'object' || Array.isArray(input.payload)) {
    throw invalidField('payload', 'an event payload must be a JSON object');
  }
  return {
    store_id: storeId,
    id,
    customer_id: customerId,
    kind: input.kind,
    occurred_at: utcInstant(input.occurredAt, 'occurredAt'),
    payload: JSON.stringify(input.payload),
  };
}

/**
 * Appends an event of the store's customer; occurredAt is stored as its UTC instant. The foreign
 * key on (store_id, customer_id) refuses an unknown customer or another store's: CUSTOMER_NOT_FOUND.
 */
export async function recordCustomerEvent(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  input: CustomerEventInput,
): Promise<CustomerEvent> {
  const row = customerEventToRow(storeId, customerId, newId('evt'), input);
  try {
    await db.insertInto('customer_events').values(row).execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
        storeId,
        customerId,
      });
    }
    throw error;
  }
  return customerEventFromRow(row);
}

/** The customer's latest events (the hot path of the customer 360: prepared once). */
const LATEST_EVENTS = new PreparedQuery<CustomerEventRow, { storeId: string; customerId: string; limit: number }>(
  (db, param) =>
    db
      .selectFrom('customer_events')
      .selectAll()
      .where('store_id', '=', param('storeId'))
      .where('customer_id', '=', param('customerId'))
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(param('limit')),
);
const LATEST_EVENTS_AS_OF = new PreparedQuery<
  CustomerEventRow,
  { storeId: string; customerId: string; asOf: string; limit: number }
>((db, param) =>
  db
    .selectFrom('customer_events')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId'))
    .where('occurred_at', '<=', param('asOf'))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(param('limit')),
);

/**
 * The customer's latest events, newest first (by occurred_at, then latest recorded), read from the
 * (store_id, customer_id, occurred_at) index. With asOf (ISO 8601 with offset), later events are
 * left out. Empty for an unknown customer or another store's.
 */
export async function listCustomerEvents(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  options: { readonly limit: number; readonly asOf?: string },
): Promise<CustomerEvent[]> {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_EVENT_PAGE) {
    throw new RegularsError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to ${MAX_EVENT_PAGE}, not ${options.limit}`,
      { path: '/limit' },
    );
  }
  const asOf = options.asOf === undefined ? undefined : utcInstant(options.asOf, 'asOf');
  const { limit } = options;
  const rows = await (asOf === undefined
    ? LATEST_EVENTS.execute(db, { storeId, customerId, limit })
    : LATEST_EVENTS_AS_OF.execute(db, { storeId, customerId, asOf, limit }));
  return rows.map(customerEventFromRow);
}

/**
 * Appends an event Regulars derives itself (a tier change, points about to expire...) once per
 * `sourceKey`: the id is a hash of the store and the key, so a job that runs again, or two workers
 * at once, insert it once (ON CONFLICT DO NOTHING). Returns whether this call inserted it. Runs on
 * `db` as given, so a caller can pass its transaction and record the event with its effect.
 */
export async function recordDerivedEvent(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  sourceKey: string,
  input: CustomerEventInput,
): Promise<boolean> {
  const row = customerEventToRow(storeId, customerId, derivedEventId(storeId, sourceKey), input);
  try {
    const result = await db
      .insertInto('customer_events')
      .values(row)
      .onConflict((oc) => oc.columns(['store_id', 'id']).doNothing())
      .executeTakeFirst();
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    if (inserted) await emitWebhookEvents(db, storeId, derivedWebhookEvents([{ customerId, eventId: row.id, input }]));
    return inserted;
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
        storeId,
        customerId,
      });
    }
    throw error;
  }
}

/**
 * Records the event Regulars keeps for a changing source (a Shopify checkout) under `sourceKey`,
 * or replaces its customer, instant and payload when it exists: one statement, so concurrent
 * writers of the same key leave one row. The caller decides which version wins (it writes only a
 * newer one). Returns the event's id, the same for every version.
 */
export async function replaceDerivedEvent(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  sourceKey: string,
  input: CustomerEventInput,
): Promise<string> {
  const row = customerEventToRow(storeId, customerId, derivedEventId(storeId, sourceKey), input);
  try {
    await db
      .insertInto('customer_events')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['store_id', 'id']).doUpdateSet((eb) => ({
          customer_id: eb.ref('excluded.customer_id'),
          kind: eb.ref('excluded.kind'),
          occurred_at: eb.ref('excluded.occurred_at'),
          payload: eb.ref('excluded.payload'),
        })),
      )
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
        storeId,
        customerId,
      });
    }
    throw error;
  }
  return row.id;
}

/**
 * Replaces the payload of the event recorded under `sourceKey`, leaving its customer and instant
 * as they are (the customer may have been merged into another since). Returns whether it existed.
 */
export async function replaceDerivedEventPayload(
  db: Kysely<Database>,
  storeId: string,
  sourceKey: string,
  payload: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const result = await db
    .updateTable('customer_events')
    .set({ payload: JSON.stringify(payload) })
    .where('store_id', '=', storeId)
    .where('id', '=', derivedEventId(storeId, sourceKey))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One derived event of a batch: whose, keyed by what, and the event. */
export interface DerivedEvent {
  readonly customerId: string;
  readonly sourceKey: string;
  readonly input: CustomerEventInput;
}

/** Rows per multi-row INSERT of events (6 columns). */
const EVENTS_PER_STATEMENT = 500;

/**
 * recordDerivedEvent for many events at once (a segment refresh records thousands): multi-row
 * inserts, each event still once per source key. Returns how many this call inserted. The
 * customers must be the store's (the callers derive the events from rows that reference them).
 */
export async function recordDerivedEvents(
  db: Kysely<Database>,
  storeId: string,
  events: readonly DerivedEvent[],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < events.length; start += EVENTS_PER_STATEMENT) {
    const rows = events
      .slice(start, start + EVENTS_PER_STATEMENT)
      .map((e) => customerEventToRow(storeId, e.customerId, derivedEventId(storeId, e.sourceKey), e.input));
    const written = await db
      .insertInto('customer_events')
      .values(rows)
      .onConflict((oc) => oc.columns(['store_id', 'id']).doNothing())
      .returning('id')
      .execute();
    inserted += written.length;
    const ids = new Set(written.map((w) => w.id));
    await emitWebhookEvents(
      db,
      storeId,
      derivedWebhookEvents(
        rows.flatMap((r, i) =>
          ids.has(r.id) ? [{ customerId: r.customer_id, eventId: r.id, input: events[start + i].input }] : [],
        ),
      ),
    );
  }
  return inserted;
}

/** A derived event's id: a hash of its store and source key, so the same effect makes the same row. */
function derivedEventId(storeId: string, sourceKey: string): string {
  return `evt_${createHash('sha256').update(`${storeId}\n${sourceKey}`).digest('hex').slice(0, 26)}`;
}
