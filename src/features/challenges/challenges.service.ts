/** What the API and the CLI list of challenges, as challenge views. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { customerByReference } from '../customers/index.js';
import { challengeView, type ChallengeView } from './challenge-view.js';
import { listCustomerChallenges, listStoreChallenges } from './challenge.repository.js';

/**
 * A customer's open challenges and then up to `recent` closed ones, newest window first. The
 * customer is named by Regulars' id (cus_...) or the store's own id; unknown is CUSTOMER_NOT_FOUND.
 */
export async function customerChallenges(
  db: Kysely<Database>,
  storeId: string,
  reference: string,
  recent: number,
): Promise<{ customerId: string; externalId: string; challenges: ChallengeView[] }> {
  const customer = await customerByReference(db, storeId, reference);
  const challenges = await listCustomerChallenges(db, storeId, customer.id, recent);
  return { customerId: customer.id, externalId: customer.externalId, challenges: challenges.map(challengeView) };
}

/** Like customerChallenges, for a caller that already holds the customer ('cus_...'): no lookup again. */
export async function challengesOfCustomer(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  recent: number,
): Promise<ChallengeView[]> {
  return (await listCustomerChallenges(db, storeId, customerId, recent)).map(challengeView);
}

/** The store's challenges, newest window first, at most `limit`; with `customer` (as customerChallenges names one) only theirs. */
export async function storeChallenges(
  db: Kysely<Database>,
  storeId: string,
  options: { readonly customer?: string; readonly limit: number },
): Promise<ChallengeView[]> {
  const customerId =
    options.customer === undefined ? undefined : (await customerByReference(db, storeId, options.customer)).id;
  return (await listStoreChallenges(db, storeId, { customerId, limit: options.limit })).map(challengeView);
}
