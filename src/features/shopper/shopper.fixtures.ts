import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { postPoints } from '../loyalty/index.js';
import { updateShopProfile } from '../stores/index.js';
import { mintShopperToken } from './shopper-secret.service.js';

/** A shop with everything the shopper surfaces show, set up through the store's own API. */
export const SHOP_URL = 'https://beans.example';
export const OTHER_ORIGIN = 'https://headless.beans.example';

export const PROGRAM = {
  currency: 'EUR',
  startsAt: '2020-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 } },
  redemption: [
    { id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 }, validDays: 30 },
    { id: 'ship', points: 50, reward: { kind: 'free_shipping' } },
    { id: 'big', points: 5000, reward: { kind: 'percent', percent: 20 } },
  ],
};

const TIERS = {
  basis: 'lifetime_spend',
  currency: 'EUR',
  levels: [
    { name: 'Silver', threshold: 2_000, perks: { earnMultiplier: 1.25 } },
    { name: 'Gold', threshold: 10_000, perks: { earnMultiplier: 2 } },
  ],
};

const OFFER = {
  code: 'house-blend',
  sku: 'BEAN-1',
  name: 'House blend, 1 kg a month',
  currency: 'EUR',
  baseMonthlyMinor: 2999,
  terms: [{ months: 1, discountPercent: 0 }],
};

export interface ShopSetup {
  readonly customers: readonly string[];
}

/**
 * Sets the store's program, tiers, referrals, a subscription offer and its profile (the shop's
 * address and one more allowed origin), makes `customers` (external ids), gives each `points`
 * available points and starts a subscription for the first.
 */
export async function setUpShop(
  app: FastifyInstance,
  db: Kysely<Database>,
  store: { readonly id: string; readonly auth: { authorization: string } },
  customers: readonly string[],
  points: number,
  extra: { readonly subscriptionFor?: string } = {},
): Promise<void> {
  const call = async (method: 'PUT' | 'POST', url: string, payload: object) => {
    const answer = await app.inject({ method, url, headers: store.auth, payload });
    if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
    return answer;
  };
  await call('PUT', '/v1/loyalty/program', PROGRAM);
  await call('PUT', '/v1/tiers', TIERS);
  await call('PUT', '/v1/referrals/settings', { referrerPoints: 500, referredPoints: 250 });
  await call('POST', '/v1/subscription-offers', OFFER);
  await updateShopProfile(db, store.id, { url: SHOP_URL, allowedOrigins: [OTHER_ORIGIN] }, new Date().toISOString());
  const at = '2024-01-01T00:00:00.000Z';
  for (const externalId of customers) {
    const created = await call('POST', '/v1/customers', {
      externalId,
      firstName: 'Ana',
      email: `${externalId}@example.com`,
    });
    if (points > 0)
      await postPoints(db, store.id, created.json().id as string, {
        kind: 'earn',
        points,
        sourceKey: 'seed',
        reason: 'seed',
        postedAt: at,
        availableAt: at,
      });
  }
  if (extra.subscriptionFor !== undefined)
    await call('POST', '/v1/subscriptions', {
      customerId: extra.subscriptionFor,
      offer: 'house-blend',
      termMonths: 1,
      startedOn: new Date().toISOString().slice(0, 10),
    });
}

/** `{ authorization: 'Shopper ...' }` for one customer of the store. */
export async function shopperAuth(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
  ttlSeconds = 3600,
): Promise<{ authorization: string; token: string }> {
  const { token } = await mintShopperToken(db, { storeId, externalId, ttlSeconds, now: new Date().toISOString() });
  return { authorization: `Shopper ${token}`, token };
}
