import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { CustomerEventKind } from '../../events/index.js';
import type { LedgerEntry, LedgerKind } from '../../loyalty/index.js';
import { isPurchase } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';

/**
 * The facts of the rewards flows (tier reached, challenges, points expiring, membership renewal):
 * the events of a window, and the current state of exactly those events' customers, each in one
 * query. The customers are named by a subquery on the same events (never a list of ids bound one
 * by one: a weekly challenge run records one event per customer of the store), so every read is
 * driven by the customer_events_kind index (store_id, kind, occurred_at).
 */

/** Events of some kinds whose occurred_at is in [from, to) (UTC instants, compared as stored text). */
export interface EventRange {
  readonly kinds: readonly CustomerEventKind[];
  readonly from: string;
  readonly to: string;
}

export interface FlowEvent {
  /** 'evt_...' */
  readonly id: string;
  readonly customerId: string;
  /** The customer's id in the store. */
  readonly externalId: string;
  readonly kind: CustomerEventKind;
  /** UTC instant (recordCustomerEvent stores every occurredAt as its UTC instant). */
  readonly occurredAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The customers with an event in the range: a subquery for `customer_id in (...)`. */
function eventCustomers(
  db: Kysely<Database>,
  storeId: string,
  range: EventRange,
): SelectQueryBuilder<Database, 'customer_events', { customer_id: string }> {
  return db
    .selectFrom('customer_events')
    .select('customer_id')
    .where('store_id', '=', storeId)
    .where('kind', 'in', [...range.kinds])
    .where('occurred_at', '>=', range.from)
    .where('occurred_at', '<', range.to);
}

/** The store's events of the kinds in the range, oldest first, with the customer's external id. */
export async function flowEvents(db: Kysely<Database>, storeId: string, range: EventRange): Promise<FlowEvent[]> {
  if (range.kinds.length === 0) return [];
  const rows = await db
    .selectFrom('customer_events as e')
    .innerJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 'e.store_id').onRef('c.id', '=', 'e.customer_id'),
    )
    .select(['e.id', 'e.customer_id', 'c.external_id', 'e.kind', 'e.occurred_at', 'e.payload'])
    .where('e.store_id', '=', storeId)
    .where('e.kind', 'in', [...range.kinds])
    .where('e.occurred_at', '>=', range.from)
    .where('e.occurred_at', '<', range.to)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    externalId: row.external_id,
    kind: row.kind as CustomerEventKind,
    occurredAt: row.occurred_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));
}

/**
 * The ledgers of the range's customers, entries posted before `before`, in time order (posted_at,
 * then id as ledgerOf reads them), by customer. A customer's ledger is small; the balance and the
 * expiry date are then the pure balanceOf and expiresAt.
 */
export async function ledgersOfEventCustomers(
  db: Kysely<Database>,
  storeId: string,
  range: EventRange,
  before: string,
): Promise<Map<string, LedgerEntry[]>> {
  const rows = await db
    .selectFrom('loyalty_ledger')
    .select(['customer_id', 'kind', 'points', 'source_key', 'reason', 'posted_at', 'available_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', eventCustomers(db, storeId, range))
    .where('posted_at', '<', before)
    .orderBy('customer_id')
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
  const ledgers = new Map<string, LedgerEntry[]>();
  for (const row of rows) {
    const entry: LedgerEntry = {
      kind: row.kind as LedgerKind,
      points: Number(row.points),
      sourceKey: row.source_key,
      reason: row.reason,
      postedAt: row.posted_at,
      availableAt: row.available_at,
    };
    const list = ledgers.get(row.customer_id);
    if (list) list.push(entry);
    else ledgers.set(row.customer_id, [entry]);
  }
  return ledgers;
}

/** A challenge as the challenge flows need it. */
export interface FlowChallenge {
  readonly id: string;
  readonly kind: string;
  readonly targetOrders: number;
  readonly targetCategory: string | null;
  /** Store calendar day numbers. */
  readonly deadlineDay: number;
  readonly bonusPoints: number;
  readonly completedAt: string | null;
  readonly expiredAt: string | null;
}

/** The challenges of the range's customers, by id (a customer holds a few per week at most). */
export async function challengesOfEventCustomers(
  db: Kysely<Database>,
  storeId: string,
  range: EventRange,
): Promise<Map<string, FlowChallenge>> {
  const rows = await db
    .selectFrom('challenges')
    .select([
      'id',
      'kind',
      'target_orders',
      'target_category',
      'deadline_day',
      'bonus_points',
      'completed_at',
      'expired_at',
    ])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', eventCustomers(db, storeId, range))
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        kind: row.kind,
        targetOrders: Number(row.target_orders),
        targetCategory: row.target_category,
        deadlineDay: Number(row.deadline_day),
        bonusPoints: Number(row.bonus_points),
        completedAt: row.completed_at,
        expiredAt: row.expired_at,
      },
    ]),
  );
}

/** A membership as the renewal flow needs it. */
export interface FlowMembership {
  readonly id: string;
  readonly status: string;
  readonly anchorAt: string;
  readonly currentPeriodEnd: string;
  readonly cancelledAt: string | null;
  readonly endedAt: string | null;
  readonly planName: string;
  readonly feeMinor: number;
  readonly currency: string;
}

/** The memberships of the range's customers, by id, with their plan's name, fee and currency now. */
export async function membershipsOfEventCustomers(
  db: Kysely<Database>,
  storeId: string,
  range: EventRange,
): Promise<Map<string, FlowMembership>> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('membership_plans as p', (join) =>
      join.onRef('p.store_id', '=', 'm.store_id').onRef('p.id', '=', 'm.plan_id'),
    )
    .select([
      'm.id',
      'm.status',
      'm.anchor_at',
      'm.current_period_end',
      'm.cancelled_at',
      'm.ended_at',
      'p.name',
      'p.fee_minor',
      'p.currency',
    ])
    .where('m.store_id', '=', storeId)
    .where('m.customer_id', 'in', eventCustomers(db, storeId, range))
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        status: row.status,
        anchorAt: row.anchor_at,
        currentPeriodEnd: row.current_period_end,
        cancelledAt: row.cancelled_at,
        endedAt: row.ended_at,
        planName: row.name,
        feeMinor: Number(row.fee_minor),
        currency: row.currency,
      },
    ]),
  );
}

/** A purchase's discount, for a member's savings. */
export interface DiscountedOrder {
  readonly customerId: string;
  /** As the source wrote it: Date.parse it. */
  readonly orderedAt: string;
  readonly currency: string;
  readonly discountMinor: number;
}

/**
 * The purchases (isPurchase: not cancelled nor wholly refunded) of the range's customers with a discount, on calendar
 * days [fromDay, toDay]: the caller filters exactly by instant (ordered_at may carry an offset).
 */
export async function discountedOrdersOfEventCustomers(
  db: Kysely<Database>,
  storeId: string,
  range: EventRange,
  fromDay: number,
  toDay: number,
): Promise<DiscountedOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', 'ordered_at', 'currency', 'discount_minor'])
    .where('store_id', '=', storeId)
    .where('customer_id', 'in', eventCustomers(db, storeId, range))
    .where('order_day', '>=', fromDay)
    .where('order_day', '<=', toDay)
    .where(isPurchase)
    .where('discount_minor', '>', 0)
    .execute();
  return rows.map((row) => ({
    customerId: row.customer_id,
    orderedAt: row.ordered_at,
    currency: row.currency,
    discountMinor: Number(row.discount_minor),
  }));
}
