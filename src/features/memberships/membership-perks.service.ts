import type { Kysely } from 'kysely';
import { hasBenefits } from './membership-state.js';
import { combinePerks, type MembershipPerks } from './plan.js';
import { nowIso } from '../../platform/ids.js';
import { membershipsWithPerks } from './membership.repository.js';
import type { Database } from '../../platform/database/database.table.js';

export interface ActiveMembershipPerks extends MembershipPerks {
  /** The memberships giving them ('mbr_...'); empty when the customer has no benefits now. */
  readonly membershipIds: readonly string[];
}

/**
 * What the customer's memberships give at `now` (default: the clock): free shipping with no
 * minimum, the extra points multiplier (1 = none), the member discount, text perks. Only memberships
 * with benefits count (active, or cancelled within the paid period: membership-state.ts); several
 * combine in the member's favour (plan.ts combinePerks). For other features: earning multiplies
 * points by extraPointsMultiplier, checkout waives shipping when freeShipping is true.
 * `customerId` is Regulars' id ('cus_...'); an unknown customer simply has no perks.
 */
export async function activeMembershipPerksOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string = nowIso(),
): Promise<ActiveMembershipPerks> {
  const held = (await membershipsWithPerks(db, storeId, customerId)).filter(({ membership }) =>
    hasBenefits(membership, now),
  );
  return { ...combinePerks(held.map((h) => h.perks)), membershipIds: held.map((h) => h.membership.id) };
}
