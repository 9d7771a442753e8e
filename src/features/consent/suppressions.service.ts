import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { Suppression, SuppressionInput } from './suppression.js';
import { externalIdsOf, findCustomerByExternalId } from '../customers/index.js';
import { listSuppressions, recordSuppression, type SuppressionQuery } from './suppression.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** A suppression as the API shows it: the customer by the store's external id, no store id. */
export type SuppressionView = Omit<Suppression, 'storeId' | 'customerId'> & { readonly customerId: string | null };

async function views(
  db: Kysely<Database>,
  storeId: string,
  suppressions: readonly Suppression[],
): Promise<SuppressionView[]> {
  const external = await externalIdsOf(db, storeId, [
    ...new Set(suppressions.map((s) => s.customerId).filter((id): id is string => id !== null)),
  ]);
  return suppressions.map(({ storeId: _storeId, customerId, ...rest }) => ({
    ...rest,
    customerId: customerId === null ? null : (external.get(customerId) ?? null),
  }));
}

/** A suppression an ESP (or a relay in front of it) reports: the customer, if known, by the store's external id. */
export type SuppressionReport = Omit<SuppressionInput, 'customerId'> & { readonly customerExternalId: string | null };

/**
 * Records a reported bounce, complaint or unsubscribe once (recordSuppression): `created` is false
 * when the same store, channel, address and reason were reported before. A customer named by an
 * external id the store does not have is CUSTOMER_NOT_FOUND, and nothing is recorded.
 */
export async function reportSuppression(
  db: Kysely<Database>,
  storeId: string,
  report: SuppressionReport,
  now: string,
): Promise<{ readonly created: boolean; readonly suppression: SuppressionView }> {
  const { customerExternalId, ...input } = report;
  let customerId: string | null = null;
  if (customerExternalId !== null) {
    const customer = await findCustomerByExternalId(db, storeId, customerExternalId);
    if (customer === null)
      throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerExternalId}`, {
        customerId: customerExternalId,
      });
    customerId = customer.id;
  }
  const { suppression, created } = await recordSuppression(db, storeId, { ...input, customerId }, now);
  const [view] = await views(db, storeId, [suppression]);
  return { created, suppression: view };
}

/** A page of the store's suppressions as the API shows them (listSuppressions orders and filters them). */
export async function listSuppressionViews(
  db: Kysely<Database>,
  storeId: string,
  options: SuppressionQuery,
): Promise<{ readonly suppressions: SuppressionView[]; readonly nextCursor: string | null }> {
  const page = await listSuppressions(db, storeId, options);
  return { suppressions: await views(db, storeId, page.suppressions), nextCursor: page.nextCursor };
}
