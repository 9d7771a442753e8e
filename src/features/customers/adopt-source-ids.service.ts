import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { normalizeEmail } from './customer-match.js';
import { customerOfSourceId, emailKeyedCustomers, rekeyCustomer } from './customer-rekey.repository.js';
import { mergeCustomers } from './merge-customers.service.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/** A customer that kept its own record because merging it would have lost something. */
export interface AdoptionConflict {
  readonly externalId: string;
  readonly customerId: string;
  readonly fromCustomerId: string;
  readonly reason: string;
}

export interface Adoption {
  /** Customers keyed by an email address that now have the source's id as their own. */
  readonly rekeyed: number;
  /** Customers keyed by an email address merged into the one with the source's id. */
  readonly merged: number;
  readonly conflicts: readonly AdoptionConflict[];
}

/**
 * Makes a source's own customer ids (Shopify's) the keys of the customers that an email keyed
 * before: for each incoming (id, email), the customers whose own source id is that email address
 * (an order export's, a guest checkout's) become the customer with that id:
 * - when no customer has the id yet, or only as an id attached to an email-keyed customer (matched
 *   by email earlier), the oldest such customer is re-keyed: the id becomes its own, the email
 *   its attached id. Nothing moves; its orders, consent and points stay where they are.
 * - when a customer has the id, every email-keyed customer with the email is merged into it
 *   (mergeCustomers: orders, consent, ledger... move; the audit row names actor).
 * A merge that mergeCustomers refuses (CUSTOMER_MERGE_CONFLICT: both hold a current membership of
 * one plan) leaves both customers as they are and is reported, for a person to settle with
 * `regulars customers merge`. Customers keyed by another source id of the same kind are never
 * merged by email: two ids are two people to the source. Joins the caller's transaction.
 */
export function adoptSourceIds(
  db: Kysely<Database>,
  storeId: string,
  incoming: readonly { readonly externalId: string; readonly email?: string | null }[],
  actor: string,
): Promise<Adoption> {
  return inTransaction(db, async (trx) => {
    const byKey = new Map<string, string>();
    for (const c of incoming) {
      const key = normalizeEmail(c.email ?? null);
      if (key !== null && !byKey.has(key)) byKey.set(key, c.externalId);
    }
    let rekeyed = 0;
    let merged = 0;
    const conflicts: AdoptionConflict[] = [];
    if (byKey.size === 0) return { rekeyed, merged, conflicts };
    const keyed = await emailKeyedCustomers(trx, storeId, [...byKey.keys()]);
    if (keyed.length === 0) return { rekeyed, merged, conflicts };
    const now = nowIso();
    const groups = new Map<string, typeof keyed>();
    for (const c of keyed) {
      const list = groups.get(c.emailKey!) ?? [];
      list.push(c);
      groups.set(c.emailKey!, list);
    }
    for (const [key, candidates] of groups) {
      const externalId = byKey.get(key)!;
      const owner = await customerOfSourceId(trx, storeId, externalId);
      let into = owner?.customer ?? null;
      let rest = candidates;
      if (into === null || (owner!.attached && into.externalId.includes('@'))) {
        const first = into ?? candidates[0];
        await rekeyCustomer(trx, storeId, first, externalId, now);
        rekeyed++;
        into = { ...first, externalId };
        rest = candidates.filter((c) => c.id !== first.id);
      }
      for (const from of rest) {
        if (from.id === into.id) continue;
        try {
          await mergeCustomers(trx, { storeId, into: into.id, from: from.id, actor });
          merged++;
        } catch (error) {
          if (!(error instanceof RegularsError) || error.code !== 'CUSTOMER_MERGE_CONFLICT') throw error;
          conflicts.push({ externalId, customerId: into.id, fromCustomerId: from.id, reason: error.message });
        }
      }
    }
    return { rekeyed, merged, conflicts };
  });
}
