import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

type Db = Kysely<Database>;

/** Moves rows whose column names `from` to `into`; returns how many moved. */
async function move(
  db: Db,
  table: string,
  column: string,
  storeId: string,
  from: string,
  into: string,
): Promise<number> {
  const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${into}
    where store_id = ${storeId} and ${sql.ref(column)} = ${from}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Deletes `from`'s rows of a table that holds one row per customer and `key` (a segment, a
 * challenge's kind and week...) where `into` has that row already; returns how many it deleted.
 */
async function dropClashes(
  db: Db,
  table: string,
  key: readonly string[],
  storeId: string,
  from: string,
  into: string,
): Promise<number> {
  const same =
    key.length === 0
      ? sql`true`
      : sql.join(
          key.map((k) => sql`o.${sql.ref(k)} = t.${sql.ref(k)}`),
          sql` and `,
        );
  const result =
    await sql`delete from ${sql.table(table)} as t where t.store_id = ${storeId} and t.customer_id = ${from}
    and exists (select 1 from ${sql.table(table)} as o where o.store_id = ${storeId} and o.customer_id = ${into} and ${same})`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0);
}

/** The plans both customers hold a current (not expired) membership of. */
export async function sharedCurrentPlans(db: Db, storeId: string, from: string, into: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as a')
    .innerJoin('memberships as b', (j) => j.onRef('b.store_id', '=', 'a.store_id').onRef('b.plan_id', '=', 'a.plan_id'))
    .innerJoin('membership_plans as p', (j) => j.onRef('p.store_id', '=', 'a.store_id').onRef('p.id', '=', 'a.plan_id'))
    .select('p.code')
    .distinct()
    .where('a.store_id', '=', storeId)
    .where('a.customer_id', '=', from)
    .where('b.customer_id', '=', into)
    .where('a.status', '<>', 'expired')
    .where('b.status', '<>', 'expired')
    .execute();
  return rows.map((r) => r.code);
}

/**
 * Every column that names a customer, and what a merge does with it:
 * - 'move': the row now names the kept customer;
 * - 'one-per-key': the table holds one row per customer and key; the removed customer's row moves
 *   unless the kept customer has one already, which then stays (the other is dropped);
 * - 'ledger': loyalty entries move; an entry whose source key the kept customer already used gets
 *   the key suffixed instead, so no points are lost and the balance stays the sum of the ledger;
 * - 'balance': recomputed from the ledger; 'recomputed': dropped, the next metrics run rebuilds it.
 * merge.store.test.ts checks that this list names every customer column of the schema.
 */
export const CUSTOMER_COLUMNS_MERGED: readonly {
  table: keyof Database;
  column: string;
  rule: 'move' | 'one-per-key' | 'ledger' | 'balance' | 'recomputed' | 'identities';
  key?: readonly string[];
}[] = [
  { table: 'consent_records', column: 'customer_id', rule: 'move' },
  { table: 'orders', column: 'customer_id', rule: 'move' },
  { table: 'customer_events', column: 'customer_id', rule: 'move' },
  { table: 'loyalty_ledger', column: 'customer_id', rule: 'ledger' },
  { table: 'loyalty_balances', column: 'customer_id', rule: 'balance' },
  { table: 'coupons', column: 'customer_id', rule: 'move' },
  { table: 'coupon_redemptions', column: 'customer_id', rule: 'move' },
  { table: 'coupon_reservations', column: 'customer_id', rule: 'move' },
  { table: 'customer_tiers', column: 'customer_id', rule: 'one-per-key', key: [] },
  { table: 'referral_codes', column: 'customer_id', rule: 'one-per-key', key: [] },
  { table: 'referrals', column: 'referrer_customer_id', rule: 'move' },
  { table: 'referrals', column: 'referred_customer_id', rule: 'one-per-key', key: [] },
  { table: 'challenges', column: 'customer_id', rule: 'one-per-key', key: ['kind', 'issued_week'] },
  { table: 'memberships', column: 'customer_id', rule: 'move' },
  { table: 'subscriptions', column: 'customer_id', rule: 'move' },
  { table: 'customer_metrics', column: 'customer_id', rule: 'recomputed' },
  { table: 'segment_members', column: 'customer_id', rule: 'one-per-key', key: ['segment_id'] },
  { table: 'suppressions', column: 'customer_id', rule: 'move' },
  { table: 'bounce_events', column: 'customer_id', rule: 'move' },
  // The kept customer's choices stay when both made some.
  { table: 'customer_preferences', column: 'customer_id', rule: 'one-per-key', key: [] },
  { table: 'outbox_messages', column: 'customer_id', rule: 'move' },
  // A survey is answered once: the kept customer's answer to the same question wins.
  { table: 'survey_responses', column: 'customer_id', rule: 'one-per-key', key: ['flow', 'question', 'subject'] },
  { table: 'shopify_checkouts', column: 'customer_id', rule: 'move' },
  { table: 'shopify_data_requests', column: 'customer_id', rule: 'move' },
  // Shopify's own id for the person the request named, not one of ours: kept as Shopify sent it.
  { table: 'shopify_data_requests', column: 'shopify_customer_id', rule: 'identities' },
  { table: 'customer_identities', column: 'customer_id', rule: 'identities' },
  // The audit names both customers on purpose: it is the record of the removed one.
  { table: 'customer_merges', column: 'into_customer_id', rule: 'identities' },
  { table: 'customer_merges', column: 'from_customer_id', rule: 'identities' },
];

export interface MergeCounts {
  /** Rows now naming the kept customer, by table. */
  readonly moved: Record<string, number>;
  /** Rows of the removed customer deleted because the kept one had its own, by table. */
  readonly dropped: Record<string, number>;
}

/** Moves every row naming `from` to `into` (CUSTOMER_COLUMNS_MERGED), in the caller's transaction. */
export async function moveCustomerRows(db: Db, storeId: string, from: string, into: string): Promise<MergeCounts> {
  const moved: Record<string, number> = {};
  const dropped: Record<string, number> = {};
  const add = (counts: Record<string, number>, table: string, n: number) => {
    if (n > 0) counts[table] = (counts[table] ?? 0) + n;
  };
  for (const { table, column, rule, key } of CUSTOMER_COLUMNS_MERGED) {
    if (rule === 'move') add(moved, table, await move(db, table, column, storeId, from, into));
    else if (rule === 'one-per-key') {
      if (column === 'customer_id') add(dropped, table, await dropClashes(db, table, key ?? [], storeId, from, into));
      else {
        // referrals.referred_customer_id: a customer is referred once.
        const intoReferred = await db
          .selectFrom('referrals')
          .select('id')
          .where('store_id', '=', storeId)
          .where('referred_customer_id', '=', into)
          .executeTakeFirst();
        if (intoReferred) {
          const gone = await db
            .deleteFrom('referrals')
            .where('store_id', '=', storeId)
            .where('referred_customer_id', '=', from)
            .executeTakeFirst();
          add(dropped, table, Number(gone.numDeletedRows));
        }
      }
      add(moved, table, await move(db, table, column, storeId, from, into));
    } else if (rule === 'ledger') {
      // A source key is unique per customer: the removed customer's clashing keys get its id appended.
      await sql`update loyalty_ledger set source_key = source_key || ${`#merged:${from}`}
        where store_id = ${storeId} and customer_id = ${from}
        and source_key in (select source_key from loyalty_ledger where store_id = ${storeId} and customer_id = ${into})`.execute(
        db,
      );
      add(moved, table, await move(db, table, column, storeId, from, into));
    } else if (rule === 'balance') {
      await db.deleteFrom('loyalty_balances').where('store_id', '=', storeId).where('customer_id', '=', from).execute();
      const sum = await db
        .selectFrom('loyalty_ledger')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('points'), sql<number>`0`).as('total'))
        .where('store_id', '=', storeId)
        .where('customer_id', '=', into)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('loyalty_balances')
        .values({ store_id: storeId, customer_id: into, points_total: Number(sum.total) })
        .onConflict((oc) => oc.columns(['store_id', 'customer_id']).doUpdateSet({ points_total: Number(sum.total) }))
        .execute();
    } else if (rule === 'recomputed') {
      const gone =
        await sql`delete from ${sql.table(table)} where store_id = ${storeId} and ${sql.ref(column)} = ${from}`.execute(
          db,
        );
      add(dropped, table, Number(gone.numAffectedRows ?? 0));
    }
  }
  return { moved, dropped };
}
