import type { Kysely } from 'kysely';
import { findReferralCode, type Referral, referralOfReferred, referralsByReferrer } from './referral.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** A referral as the API shows it: customers and the order by the shop's own ids. */
export interface ReferralView {
  readonly id: string;
  readonly code: string;
  readonly referrerCustomerId: string;
  readonly referredCustomerId: string;
  readonly email: string | null;
  readonly ip: string | null;
  readonly status: Referral['status'];
  readonly reason: Referral['reason'];
  readonly orderId: string | null;
  readonly referrerPoints: number | null;
  readonly referredPoints: number | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

/** The referrals with Regulars' ids replaced by the shop's external ids (two indexed reads). */
export async function referralViews(
  db: Kysely<Database>,
  storeId: string,
  referrals: readonly Referral[],
): Promise<ReferralView[]> {
  if (referrals.length === 0) return [];
  const customerIds = [...new Set(referrals.flatMap((r) => [r.referrerCustomerId, r.referredCustomerId]))];
  const orderIds = [...new Set(referrals.flatMap((r) => (r.orderId === null ? [] : [r.orderId])))];
  const [customers, orders] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['id', 'external_id'])
      .where('store_id', '=', storeId)
      .where('id', 'in', customerIds)
      .execute(),
    orderIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('orders')
          .select(['id', 'external_id'])
          .where('store_id', '=', storeId)
          .where('id', 'in', orderIds)
          .execute(),
  ]);
  const customer = new Map(customers.map((c) => [c.id, c.external_id]));
  const order = new Map(orders.map((o) => [o.id, o.external_id]));
  return referrals.map((r) => ({
    id: r.id,
    code: r.code,
    referrerCustomerId: customer.get(r.referrerCustomerId) ?? r.referrerCustomerId,
    referredCustomerId: customer.get(r.referredCustomerId) ?? r.referredCustomerId,
    email: r.email,
    ip: r.ip,
    status: r.status,
    reason: r.reason,
    orderId: r.orderId === null ? null : (order.get(r.orderId) ?? r.orderId),
    referrerPoints: r.referrerPoints,
    referredPoints: r.referredPoints,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  }));
}

/** GET /v1/customers/{id}/referrals: the customer's code, who referred them, and whom they referred. */
export async function customerReferrals(db: Kysely<Database>, storeId: string, customerId: string) {
  const [code, referredBy, referred] = await Promise.all([
    findReferralCode(db, storeId, customerId),
    referralOfReferred(db, storeId, customerId),
    referralsByReferrer(db, storeId, customerId),
  ]);
  const [byViews, views] = await Promise.all([
    referralViews(db, storeId, referredBy === null ? [] : [referredBy]),
    referralViews(db, storeId, referred),
  ]);
  return { code, referredBy: byViews[0] ?? null, referrals: views };
}
