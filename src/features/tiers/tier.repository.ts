import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { isSpendBasis, measureWindow, NO_TIER, parseTierSettings, type TierSettings, type TierState } from './tiers.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { CustomerTierRow } from './customer-tier.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';

/** The store_settings name of the tier settings. */
export const TIER_SETTING = 'tiers';

/** The store's tier settings, or null when it has none. */
export async function readTierSettings(db: Kysely<Database>, storeId: string): Promise<TierSettings | null> {
  const value = await readSetting(db, storeId, TIER_SETTING);
  return value === null ? null : parseTierSettings(value);
}

/** Checks the settings with the pure parser (INVALID_ARGUMENT naming the field), stores and returns them. */
export async function writeTierSettings(
  db: Kysely<Database>,
  storeId: string,
  value: unknown,
  now: string,
): Promise<TierSettings> {
  const settings = parseTierSettings(value);
  await writeSetting(db, storeId, TIER_SETTING, settings, utcInstant(now, 'now'));
  return settings;
}

/** The store's settings, or TIERS_NOT_CONFIGURED. */
export async function requireTierSettings(db: Kysely<Database>, storeId: string): Promise<TierSettings> {
  const settings = await readTierSettings(db, storeId);
  if (settings === null)
    throw new RegularsError(
      'TIERS_NOT_CONFIGURED',
      `store ${storeId} has no tier settings; set them with PUT /v1/tiers or regulars tiers set`,
      { storeId },
    );
  return settings;
}

function stateFromRow(row: Pick<CustomerTierRow, 'tier' | 'since' | 'period_end'> | undefined): TierState {
  if (row === undefined || row.tier === null) return NO_TIER;
  return { tier: row.tier, since: row.since, periodEnd: row.period_end };
}

/** The customer's stored tier state (no tier when never evaluated). */
export async function tierStateOf(db: Kysely<Database>, storeId: string, customerId: string): Promise<TierState> {
  const [row] = await TIER_STATE.execute(db, { storeId, customerId });
  return stateFromRow(row);
}

// The reads of a customer's tier status (the shopper's /me on every page view): prepared once,
// one text per basis and window shape.
const TIER_STATE = new PreparedQuery<
  Pick<CustomerTierRow, 'tier' | 'since' | 'period_end'>,
  { storeId: string; customerId: string }
>((db, param) =>
  db
    .selectFrom('customer_tiers')
    .select(['tier', 'since', 'period_end'])
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId')),
);
type MeasureParams = { storeId: string; customerId: string; currency: string; toDay: number; fromDay: number };
const spendMeasure = (windowed: boolean) =>
  new PreparedQuery<{ spend: number | string | null }, MeasureParams>((db, param) =>
    db
      .selectFrom('orders')
      .select(
        sql<
          number | string | null
        >`sum(case when total_minor > refunded_minor then total_minor - refunded_minor else 0 end)`.as('spend'),
      )
      .where('store_id', '=', param('storeId'))
      .where('customer_id', '=', param('customerId'))
      .where('currency', '=', param('currency'))
      .where('status', '!=', 'cancelled')
      .where('cancelled_at', 'is', null)
      .where('order_day', '<=', param('toDay'))
      .$if(windowed, (qb) => qb.where('order_day', '>', param('fromDay'))),
  );
const SPEND = { lifetime: spendMeasure(false), windowed: spendMeasure(true) };
type PointsParams = { storeId: string; customerId: string; toInstant: string; fromInstant: string };
const pointsMeasure = (windowed: boolean) =>
  new PreparedQuery<{ points: number | string | null }, PointsParams>((db, param) =>
    db
      .selectFrom('loyalty_ledger')
      .select(sql<number | string | null>`sum(points)`.as('points'))
      .where('store_id', '=', param('storeId'))
      .where('customer_id', '=', param('customerId'))
      .where('kind', 'in', ['earn', 'reverse'])
      .where('posted_at', '<=', param('toInstant'))
      .$if(windowed, (qb) => qb.where('posted_at', '>', param('fromInstant'))),
  );
const POINTS = { lifetime: pointsMeasure(false), windowed: pointsMeasure(true) };

/**
 * The customer's measure as of `at` for the settings' basis (docs/tiers.md):
 * - spend: the orders' totals net of refunds (never below 0 per order) in the settings' currency,
 *   cancelled orders (by status or cancelled_at) left out, by order day within the window;
 * - points: the earn entries of the ledger minus the reversals of refunded orders, posted within
 *   the window, never below 0.
 */
export async function tierMeasureOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  settings: TierSettings,
  at: string,
): Promise<number> {
  const window = measureWindow(settings.basis, utcInstant(at, 'at'));
  if (isSpendBasis(settings.basis)) {
    const [row] = await SPEND[window.fromDay === null ? 'lifetime' : 'windowed'].execute(db, {
      storeId,
      customerId,
      currency: settings.currency as string,
      toDay: window.toDay,
      fromDay: window.fromDay ?? 0,
    });
    return Number(row?.spend ?? 0);
  }
  const [row] = await POINTS[window.fromInstant === null ? 'lifetime' : 'windowed'].execute(db, {
    storeId,
    customerId,
    toInstant: window.toInstant,
    fromInstant: window.fromInstant ?? '',
  });
  return Math.max(0, Number(row?.points ?? 0));
}

/**
 * Takes the customer's tier row as a lock, inside the caller's transaction, and returns the state it
 * holds. The pattern of lockBalance (loyalty.repository.ts): the first statement inserts the row if
 * missing, so on SQLite the transaction takes the database's write lock at once; on PostgreSQL
 * SELECT ... FOR UPDATE then holds the row until commit, so one customer's evaluations run one
 * after another and each reads what the previous one wrote (READ COMMITTED takes a new snapshot per
 * statement). An unknown customer is CUSTOMER_NOT_FOUND.
 */
export async function lockTierState(
  trx: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string,
): Promise<TierState> {
  try {
    await trx
      .insertInto('customer_tiers')
      .values({
        store_id: storeId,
        customer_id: customerId,
        tier: null,
        since: null,
        period_end: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['store_id', 'customer_id']).doNothing())
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
        storeId,
        customerId,
      });
    throw error;
  }
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  const row = await trx
    .selectFrom('customer_tiers')
    .select(['tier', 'since', 'period_end'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .$if(postgres, (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow();
  return stateFromRow(row);
}

/** Writes the customer's state; call it under lockTierState's lock. */
export async function saveTierState(
  trx: Kysely<Database>,
  storeId: string,
  customerId: string,
  state: TierState,
  now: string,
): Promise<void> {
  await trx
    .updateTable('customer_tiers')
    .set({ tier: state.tier, since: state.since, period_end: state.periodEnd, updated_at: now })
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .execute();
}

/**
 * Customers of the store whose tier period ended at or before `now`, ordered by customer id after
 * `afterCustomerId` (keyset paging: rows settled meanwhile drop out without shifting the page).
 */
export async function customersWithEndedPeriods(
  db: Kysely<Database>,
  storeId: string,
  now: string,
  options: { readonly limit: number; readonly afterCustomerId?: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_tiers')
    .select('customer_id')
    .where('store_id', '=', storeId)
    .where('period_end', '<=', utcInstant(now, 'now'))
    .$if(options.afterCustomerId !== undefined, (qb) => qb.where('customer_id', '>', options.afterCustomerId as string))
    .orderBy('customer_id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => r.customer_id);
}

/** How many of the store's customers have a tier period ended by `now` (for a progress bar). */
export async function countEndedPeriods(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('customer_tiers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('store_id', '=', storeId)
    .where('period_end', '<=', utcInstant(now, 'now'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The shop's ids ('external_id') of these customers ('cus_...'), by Regulars' id. */
export async function externalIdsOf(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const rows =
    customerIds.length === 0
      ? []
      : await db
          .selectFrom('customers')
          .select(['id', 'external_id'])
          .where('store_id', '=', storeId)
          .where('id', 'in', customerIds)
          .execute();
  return new Map(rows.map((r) => [r.id, r.external_id]));
}

/** How many customers hold each tier (for `regulars tiers show`). */
export async function tierCounts(db: Kysely<Database>, storeId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('customer_tiers')
    .select(['tier', (eb) => eb.fn.countAll().as('n')])
    .where('store_id', '=', storeId)
    .where('tier', 'is not', null)
    .groupBy('tier')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.tier as string, Number(r.n)]));
}
