import type { Kysely } from 'kysely';
import { tierMultiplierOf } from '../tiers/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { activeMembershipPerksOf } from '../memberships/index.js';

/**
 * What a customer's order points are multiplied by: their tier's earn multiplier times the extra
 * points of the paid memberships they hold (1 for neither). Both perks stack, as a store that
 * sells a membership with "double points" promises to members of every tier.
 */
export async function earnMultiplierOf(db: Kysely<Database>, storeId: string, customerId: string): Promise<number> {
  const [tier, membership] = await Promise.all([
    tierMultiplierOf(db, storeId, customerId),
    activeMembershipPerksOf(db, storeId, customerId),
  ]);
  return tier * membership.extraPointsMultiplier;
}
