import type { Kysely } from 'kysely';
import type { CouponTerms, CustomerFacts } from './coupon.js';
import { customer360 } from '../customers/index.js';
import { findCustomerByExternalId } from '../customers/index.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * The customer's current tier name, or null when they have none: the tiers feature's lookup
 * (tier-status.service.ts's currentTierOf, adapted to return the tier's name), given Regulars' own
 * customer id ('cus_...').
 */
export type TierLookup = (db: Kysely<Database>, storeId: string, customerId: string) => Promise<string | null>;

export interface CouponCustomerFactsDeps {
  /** Without it no customer has a tier, so a coupon that lists tiers is not eligible for anyone. */
  readonly tierOf?: TierLookup;
}

/**
 * The customer 360 counts orders up to the calendar date its as-of text writes; written in UTC+14
 * (the earliest zone), today's orders count in every store's zone (as GET /v1/customers/{id} does).
 */
function asOfInEarliestZone(now: string): string {
  return new Date(Date.parse(now) + 14 * 3_600_000).toISOString().replace('Z', '+14:00');
}

/**
 * What a coupon's eligibility needs to know about a customer (the store's external id): their tier
 * and RFM segment, each read only when the coupon lists tiers or segments, so a coupon without
 * eligibility rules costs no read. An unknown customer or a guest has neither. The segment is the
 * customer 360's (RFM_SEGMENTS' names, scored against the store's cached thresholds).
 */
export async function couponCustomerFacts(
  db: Kysely<Database>,
  storeId: string,
  coupon: Pick<CouponTerms, 'eligibleTiers' | 'eligibleSegments'>,
  externalCustomerId: string | null,
  now: string,
  deps: CouponCustomerFactsDeps = {},
): Promise<CustomerFacts | null> {
  const needTier = coupon.eligibleTiers.length > 0;
  const needSegment = coupon.eligibleSegments.length > 0;
  if (externalCustomerId === null || (!needTier && !needSegment)) return null;
  const customer = await findCustomerByExternalId(db, storeId, externalCustomerId);
  if (!customer) return { tier: null, segment: null };
  const [tier, view] = await Promise.all([
    needTier && deps.tierOf ? deps.tierOf(db, storeId, customer.id) : null,
    needSegment ? customer360(db, storeId, customer.id, asOfInEarliestZone(now)) : null,
  ]);
  return { tier, segment: view?.rfm?.segment ?? null };
}
