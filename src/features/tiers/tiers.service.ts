/**
 * The tier use cases of the route and the commands: the settings (GET and PUT /v1/tiers,
 * `regulars tiers set|show`) and the period ends settled on demand (`regulars tiers evaluate`).
 */
import type { Kysely } from 'kysely';
import type { TierSettings } from './tiers.js';
import { externalIdsOf, requireTierSettings, tierCounts, writeTierSettings } from './tier.repository.js';
import { settleEndedTierPeriods } from './tier-period-end.job.js';
import type { AppliedTierChange } from './update-tier-for-order.service.js';
import type { Database } from '../../platform/database/database.table.js';

/** The store's tier settings, or TIERS_NOT_CONFIGURED. */
export function getTierSettings(db: Kysely<Database>, storeId: string): Promise<TierSettings> {
  return requireTierSettings(db, storeId);
}

/** Checks the settings with the pure parser (INVALID_ARGUMENT naming the field), stores and returns them. */
export function setTierSettings(
  db: Kysely<Database>,
  storeId: string,
  value: unknown,
  now: string,
): Promise<TierSettings> {
  return writeTierSettings(db, storeId, value, now);
}

/** The settings and how many customers hold each tier; a store without settings is TIERS_NOT_CONFIGURED. */
export async function showTiers(
  db: Kysely<Database>,
  storeId: string,
): Promise<{ settings: TierSettings; customers: Record<string, number> }> {
  const settings = await requireTierSettings(db, storeId);
  const customers = await tierCounts(db, storeId);
  return { settings, customers };
}

/** A tier change as the command lists it: the customer by the shop's id. */
export type ListedTierChange = Pick<AppliedTierChange, 'customerId' | 'from' | 'to' | 'direction' | 'at' | 'measure'>;

/** Settles the tier periods ended by `asOf` (settleEndedTierPeriods) and lists the changes by the shop's customer ids. */
export async function evaluateTiers(
  db: Kysely<Database>,
  storeId: string,
  asOf: string,
  options: { readonly onProgress?: (done: number, total: number) => void } = {},
): Promise<ListedTierChange[]> {
  const changes = await settleEndedTierPeriods(db, storeId, asOf, options);
  const external = await externalIdsOf(db, storeId, [...new Set(changes.map((c) => c.customerId))]);
  return changes.map((c) => ({
    customerId: external.get(c.customerId) ?? c.customerId,
    from: c.from,
    to: c.to,
    direction: c.direction,
    at: c.at,
    measure: c.measure,
  }));
}
