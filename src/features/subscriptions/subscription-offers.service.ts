import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { normalizeOffer, normalizeOfferCode, type SubscriptionOffer, type SubscriptionOfferInput } from './offer.js';
import {
  getSubscriptionOffer,
  listSubscriptionOffers,
  subscriptionOffersForSku,
  upsertSubscriptionOffer,
} from './subscription.repository.js';
import { getStore } from '../../platform/stores/store.repository.js';

/**
 * Creates the offer, or replaces the terms of the store's offer with the same code (the code is
 * stored lower case). Subscriptions keep the price they started with.
 */
export async function saveSubscriptionOffer(
  db: Kysely<Database>,
  storeId: string,
  input: SubscriptionOfferInput,
  now: string,
): Promise<{ offer: SubscriptionOffer; created: boolean }> {
  const normalized = { ...input, code: typeof input.code === 'string' ? normalizeOfferCode(input.code) : input.code };
  const result = normalizeOffer(normalized);
  if ('problem' in result) throw invalidField(result.problem.field, result.problem.message);
  const at = utcInstant(now, 'now');
  return upsertSubscriptionOffer(
    db,
    storeId,
    {
      code: normalized.code,
      sku: normalized.sku.trim(),
      name: normalized.name.trim(),
      currency: normalized.currency,
      baseMonthlyMinor: normalized.baseMonthlyMinor,
      deliveryIntervalMonths: normalized.deliveryIntervalMonths,
      terms: result.terms,
    },
    at,
  );
}

/**
 * The store's one offer for a SKU. None is SUBSCRIPTION_OFFER_NOT_FOUND; several are INVALID_ARGUMENT
 * naming their codes, because guessing which price table a storefront meant would be wrong half the time.
 */
export async function getSubscriptionOfferBySku(
  db: Kysely<Database>,
  storeId: string,
  sku: string,
): Promise<SubscriptionOffer> {
  const offers = await subscriptionOffersForSku(db, storeId, sku);
  if (offers.length === 0)
    throw new RegularsError(
      'SUBSCRIPTION_OFFER_NOT_FOUND',
      `store ${storeId} has no subscription offer for sku ${sku}`,
      { sku },
    );
  if (offers.length > 1) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `sku ${sku} has ${offers.length} offers (${offers.map((o) => o.code).join(', ')}): ask by offer code`,
      {
        field: 'sku',
        offers: offers.map((o) => o.code),
      },
    );
  }
  return offers[0];
}

/** The offer named by code, or by the SKU of its one offer; one of the two is needed. */
export async function subscriptionOfferOf(
  db: Kysely<Database>,
  storeId: string,
  query: { readonly offer?: string; readonly sku?: string },
): Promise<SubscriptionOffer> {
  if (query.offer !== undefined) return getSubscriptionOffer(db, storeId, query.offer);
  if (query.sku !== undefined) return getSubscriptionOfferBySku(db, storeId, query.sku);
  throw new RegularsError('VALIDATION_FAILED', 'give offer=CODE or sku=SKU', { path: '/offer' });
}

/** The store's subscription offers, by code: what the console's Loyalty and offers page lists. */
export async function subscriptionOffersOfStore(db: Kysely<Database>, storeId: string): Promise<SubscriptionOffer[]> {
  await getStore(db, storeId);
  return listSubscriptionOffers(db, storeId);
}
