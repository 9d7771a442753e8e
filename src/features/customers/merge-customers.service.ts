import type { Kysely } from 'kysely';
import type { Customer } from './customer.js';
import { RegularsError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { customerFromRow, lockCustomer } from './customer.repository.js';
import { customerByReference } from './customer-lookup.service.js';
import { insertIdentities } from './customer-identity.repository.js';
import { type MergeCounts, moveCustomerRows, sharedCurrentPlans } from './customer-merge.repository.js';
import { mergedProfile } from './customer-merge.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction, writeFirst } from '../../platform/database/transaction.js';

export interface CustomerMerge extends MergeCounts {
  /** 'mrg_...'; null for a dry run. */
  readonly id: string | null;
  readonly storeId: string;
  readonly intoCustomerId: string;
  readonly fromCustomerId: string;
  readonly fromExternalId: string;
  readonly actor: string;
  readonly mergedAt: string;
  readonly dryRun: boolean;
}

/** Thrown inside the transaction of a dry run so that nothing it did is kept. */
class DryRunDone extends Error {
  constructor(readonly result: CustomerMerge) {
    super('dry run');
  }
}

/**
 * Merges the customer `from` into `into` (each by Regulars' id or a source id): one transaction
 * moves every row that names `from` (orders, consent, loyalty ledger, coupons, messages,
 * challenges, memberships, subscriptions, events, ...: CUSTOMER_COLUMNS_MERGED), attaches `from`'s
 * source ids to `into`, fills `into`'s empty profile fields from `from`, deletes `from` and writes
 * the audit row. With dryRun the same work is done and rolled back, and the counts returned.
 */
export async function mergeCustomers(
  db: Kysely<Database>,
  input: { storeId: string; into: string; from: string; actor: string; dryRun?: boolean },
): Promise<CustomerMerge> {
  const { storeId } = input;
  // Rolling back is how a dry run undoes its work: inside a caller's transaction it could not.
  if (input.dryRun && db.isTransaction) throw new Error('a dry run of a merge needs a transaction of its own');
  try {
    return await inTransaction(db, async (trx) => {
      // Reads come before the moves: on SQLite the transaction holds the write lock from the start.
      await writeFirst(trx);
      const into = await customerByReference(trx, storeId, input.into);
      const from = await customerByReference(trx, storeId, input.from);
      if (into.id === from.id)
        throw new RegularsError('CUSTOMER_MERGE_CONFLICT', `${input.from} and ${input.into} are the same customer`, {
          customerId: into.id,
        });
      // One lock order for every writer (ids sorted), so two merges of one pair cannot deadlock.
      for (const id of [into.id, from.id].sort()) await lockCustomer(trx, storeId, id);
      const plans = await sharedCurrentPlans(trx, storeId, from.id, into.id);
      if (plans.length > 0) {
        throw new RegularsError(
          'CUSTOMER_MERGE_CONFLICT',
          `both customers have a current membership of plan ${plans.join(', ')}: cancel one first`,
          { plans, into: into.id, from: from.id },
        );
      }
      const now = nowIso();
      const counts = await moveCustomerRows(trx, storeId, from.id, into.id);
      const identities = await trx
        .updateTable('customer_identities')
        .set({ customer_id: into.id })
        .where('store_id', '=', storeId)
        .where('customer_id', '=', from.id)
        .executeTakeFirst();
      await updateProfile(trx, into, from, now);
      await trx.deleteFrom('customers').where('store_id', '=', storeId).where('id', '=', from.id).execute();
      // After the delete: the removed customer's own source id is free to name the kept one.
      await insertIdentities(
        trx,
        storeId,
        [{ externalId: from.externalId, customerId: into.id, matchedBy: 'merge' }],
        now,
      );
      const moved = { ...counts.moved, customer_identities: Number(identities.numUpdatedRows) + 1 };
      const result: CustomerMerge = {
        id: input.dryRun ? null : newId('mrg'),
        storeId,
        intoCustomerId: into.id,
        fromCustomerId: from.id,
        fromExternalId: from.externalId,
        actor: input.actor,
        moved,
        dropped: counts.dropped,
        mergedAt: now,
        dryRun: input.dryRun ?? false,
      };
      if (input.dryRun) throw new DryRunDone(result);
      await trx
        .insertInto('customer_merges')
        .values({
          store_id: storeId,
          id: result.id!,
          into_customer_id: into.id,
          from_customer_id: from.id,
          from_external_id: from.externalId,
          actor: input.actor,
          moved: JSON.stringify({ moved, dropped: counts.dropped }),
          merged_at: now,
        })
        .execute();
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

async function updateProfile(db: Kysely<Database>, into: Customer, from: Customer, now: string): Promise<void> {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', into.storeId)
    .where('id', '=', into.id)
    .executeTakeFirstOrThrow();
  const fromRow = await db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', from.storeId)
    .where('id', '=', from.id)
    .executeTakeFirstOrThrow();
  const set = mergedProfile(customerFromRow(row), customerFromRow(fromRow));
  await db
    .updateTable('customers')
    .set({ ...set, updated_at: now })
    .where('store_id', '=', into.storeId)
    .where('id', '=', into.id)
    .execute();
}

/** The store's merges, newest first; with a customer, those that kept it. */
export async function listCustomerMerges(
  db: Kysely<Database>,
  storeId: string,
  intoCustomerId?: string,
): Promise<CustomerMerge[]> {
  let query = db.selectFrom('customer_merges').selectAll().where('store_id', '=', storeId);
  if (intoCustomerId !== undefined) query = query.where('into_customer_id', '=', intoCustomerId);
  const rows = await query.orderBy('merged_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => {
    const counts = JSON.parse(r.moved) as MergeCounts;
    return {
      id: r.id,
      storeId: r.store_id,
      intoCustomerId: r.into_customer_id,
      fromCustomerId: r.from_customer_id,
      fromExternalId: r.from_external_id,
      actor: r.actor,
      moved: counts.moved,
      dropped: counts.dropped,
      mergedAt: r.merged_at,
      dryRun: false,
    };
  });
}
