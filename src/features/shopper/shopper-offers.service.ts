import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { challengesOfCustomer } from '../challenges/index.js';
import { learnedSuggestionFor } from '../flows/index.js';
import { balanceOfCustomer, customerLedger } from '../loyalty/index.js';
import { findOrderByExternalId } from '../orders/index.js';
import { rewardsHandled } from '../rewards/index.js';
import { tierStatusOf } from '../tiers/index.js';
import { orderPoints, nextChallenge, RETRY_AFTER_SECONDS } from './shopper-offers.js';
import { type Shopper, tierProgress } from './shopper.js';

/**
 * What the thank-you page shows after a purchase (GET /v1/shopper/offers?orderId=): the points the
 * order earned, the way to the next tier, the challenge closest to its deadline, and one product
 * learned to go with what was bought. `pending` while the order (or its rewards) is on its way.
 */
export async function thankYouOffer(db: Kysely<Database>, shopper: Shopper, orderExternalId: string, now: string) {
  const { storeId, customer } = shopper;
  const order = await findOrderByExternalId(db, storeId, orderExternalId);
  // The storefront shows the page before the shop's webhook (or export) reaches Regulars.
  if (order === null)
    return {
      status: 'pending' as const,
      reason: 'order_not_recorded' as const,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    };
  if (order.customerId !== customer.id)
    throw new RegularsError('SHOPPER_ORDER_NOT_FOUND', `you have no order ${orderExternalId}`, {
      orderId: orderExternalId,
      where: 'query',
    });
  if (!(await rewardsHandled(db, storeId, order)))
    return {
      status: 'pending' as const,
      reason: 'rewards_not_processed' as const,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    };
  const skus = order.lines.flatMap((line) => (line.sku === null || line.sku === undefined ? [] : [line.sku]));
  const [ledger, balance, tier, challenges, suggestion] = await Promise.all([
    customerLedger(db, storeId, customer.id),
    balanceOfCustomer(db, storeId, customer.id, now),
    tierStatusOf(db, storeId, customer.id, now).catch((error: unknown) => {
      if (error instanceof RegularsError && error.code === 'TIERS_NOT_CONFIGURED') return null;
      throw error;
    }),
    challengesOfCustomer(db, storeId, customer.id, 0),
    learnedSuggestionFor(db, storeId, { skus, currency: order.currency }, now),
  ]);
  return {
    status: 'ready' as const,
    order: { id: order.externalId, currency: order.currency, totalMinor: order.totalMinor },
    points: {
      ...orderPoints(ledger, order.externalId, now),
      balance: { available: balance.available, pending: balance.pending },
    },
    tier:
      tier === null
        ? null
        : {
            name: tier.tier?.name ?? null,
            measure: { basis: tier.measure.basis, value: tier.measure.value, currency: tier.measure.currency },
            next: tier.nextTier,
            progress: tierProgress(tier.measure.value, tier.nextTier),
          },
    challenge: nextChallenge(challenges),
    suggestion:
      suggestion === null
        ? null
        : {
            sku: suggestion.sku,
            title: suggestion.title,
            url: suggestion.url,
            priceMinor: suggestion.priceMinor,
            currency: order.currency,
          },
  };
}

export type ThankYouOffer = Awaited<ReturnType<typeof thankYouOffer>>;
