import type { Kysely } from 'kysely';
import { utcInstant } from '../../platform/database/field-checks.js';
import { countEndedPeriods, customersWithEndedPeriods, readTierSettings } from './tier.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ScheduledJob } from '../orders/index.js';
import { type AppliedTierChange, evaluateCustomerTier } from './update-tier-for-order.service.js';

const PAGE = 200;

/**
 * Settles every tier period of the store that ended at or before `now`: each customer is evaluated
 * under their lock (evaluateCustomerTier), so a downgrade takes effect at the period end and a
 * customer who still qualifies keeps the tier for another period. Idempotent: a settled customer's
 * period end moves past now, so a second run finds nothing. Returns the changes applied.
 */
export async function settleEndedTierPeriods(
  db: Kysely<Database>,
  storeId: string,
  now: string,
  options: { readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<AppliedTierChange[]> {
  const at = utcInstant(now, 'now');
  if ((await readTierSettings(db, storeId)) === null) return [];
  const total = options.onProgress ? await countEndedPeriods(db, storeId, at) : 0;
  const changes: AppliedTierChange[] = [];
  let done = 0;
  let after: string | undefined;
  for (;;) {
    const page = await customersWithEndedPeriods(db, storeId, at, { limit: PAGE, afterCustomerId: after });
    for (const customerId of page) {
      changes.push(...(await evaluateCustomerTier(db, storeId, customerId, at)));
      options.onProgress?.(++done, Math.max(total, done));
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1];
  }
  return changes;
}

/** The scheduled job `regulars serve` runs for every store: tier downgrades (and renewals) at period end. */
export const tierPeriodEndJob: ScheduledJob = {
  name: 'tier-period-ends',
  everyMs: 15 * 60_000,
  async run(db, storeId, now) {
    return (await settleEndedTierPeriods(db, storeId, now)).length;
  },
};
