import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { challengesOfCustomer } from '../challenges/index.js';
import {
  changeCustomerPreferences,
  customerPreferences,
  type PreferenceUpdate,
  type Preferences,
} from '../consent/index.js';
import { balanceOfCustomer, readLoyaltyProgram, redeemPoints, type RedeemPointsResult } from '../loyalty/index.js';
import { membershipsOfCustomer } from '../memberships/index.js';
import { customerReferralCode, getReferralSettings } from '../referrals/index.js';
import { readShopProfile } from '../stores/index.js';
import {
  changeSubscription,
  listCustomerSubscriptions,
  type Subscription,
  type SubscriptionChangeRequest,
} from '../subscriptions/index.js';
import { tierStatusOf } from '../tiers/index.js';
import { ACCOUNT_SETTING, type AccountSettings, parseAccountSettings } from './account-settings.js';
import { referralLink, type Shopper, tierProgress } from './shopper.js';

/** A feature the store has not set up answers null in the overview, not an error: the page shows what exists. */
async function unlessNotConfigured<T>(code: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof RegularsError && error.code === code) return null;
    throw error;
  }
}

function subscriptionView(s: Subscription) {
  return {
    id: s.id,
    sku: s.sku,
    offerCode: s.offerCode,
    status: s.status,
    monthlyMinor: s.monthlyMinor,
    currency: s.currency,
    nextDeliveryOn: s.nextDeliveryOn,
    pausedUntil: s.pausedUntil,
    commitmentEndsOn: s.commitmentEndsOn,
    endsOn: s.endsOn,
  };
}

/**
 * Everything a shopper sees of themselves (GET /v1/shopper/me, the account page): points, tier and
 * the way to the next, referral code and link, open challenges, membership, subscriptions.
 */
export async function shopperOverview(db: Kysely<Database>, shopper: Shopper, now: string) {
  const { storeId, customer } = shopper;
  const [balance, tier, referrals, shop, challenges, memberships, subscriptions] = await Promise.all([
    balanceOfCustomer(db, storeId, customer.id, now),
    unlessNotConfigured('TIERS_NOT_CONFIGURED', () => tierStatusOf(db, storeId, customer.id, now)),
    unlessNotConfigured('REFERRALS_NOT_CONFIGURED', () => getReferralSettings(db, storeId)),
    readShopProfile(db, storeId),
    // The customer the token opened, by its id: not looked up again by each feature.
    challengesOfCustomer(db, storeId, customer.id, 0),
    membershipsOfCustomer(db, storeId, customer, now),
    listCustomerSubscriptions(db, storeId, customer.id, now.slice(0, 10)),
  ]);
  const code = referrals === null ? null : await customerReferralCode(db, storeId, customer.id, now);
  const current = memberships[0] ?? null;
  return {
    customer: { externalId: customer.externalId, firstName: customer.firstName },
    points: { available: balance.available, pending: balance.pending },
    tier:
      tier === null
        ? null
        : {
            name: tier.tier?.name ?? null,
            periodEnd: tier.tier?.periodEnd ?? null,
            measure: { basis: tier.measure.basis, value: tier.measure.value, currency: tier.measure.currency },
            next: tier.nextTier,
            progress: tierProgress(tier.measure.value, tier.nextTier),
          },
    referral:
      code === null
        ? null
        : {
            code,
            link: referralLink(shop.url, code),
            referrerPoints: referrals?.referrerPoints ?? 0,
            referredPoints: referrals?.referredPoints ?? 0,
          },
    challenges: challenges
      .filter((c) => c.status === 'offered')
      .map((c) => ({
        id: c.id,
        description: c.description,
        progress: c.progress,
        target: c.target.orders,
        deadline: c.deadline,
        bonusPoints: c.bonusPoints,
      })),
    membership:
      current === null
        ? null
        : {
            id: current.id,
            plan: current.planName ?? current.planCode,
            status: current.status,
            hasBenefits: current.hasBenefits,
          },
    subscriptions: subscriptions.map(subscriptionView),
  };
}

export type ShopperOverview = Awaited<ReturnType<typeof shopperOverview>>;

/** The redemption options, what each costs, and whether the shopper's available points reach it. */
export async function shopperRewards(db: Kysely<Database>, shopper: Shopper, now: string) {
  const [program, balance] = await Promise.all([
    readLoyaltyProgram(db, shopper.storeId),
    balanceOfCustomer(db, shopper.storeId, shopper.customer.id, now),
  ]);
  return {
    available: balance.available,
    currency: program?.currency ?? null,
    rewards: (program?.redemption ?? []).map((option) => ({
      id: option.id,
      points: option.points,
      reward: option.reward,
      minSubtotalMinor: option.minSubtotalMinor,
      validDays: option.validDays,
      affordable: balance.available >= option.points,
    })),
  };
}

/**
 * The loyalty redeem use case for the shopper's own customer: the same lock and check, so
 * concurrent redemptions never overspend. The customer is named by the external id the token
 * carries (never an id from the request).
 */
export function redeemForShopper(
  db: Kysely<Database>,
  shopper: Shopper,
  optionId: string,
  now: string,
): Promise<RedeemPointsResult> {
  return redeemPoints(db, shopper.storeId, { customerId: shopper.customer.externalId, optionId }, now);
}

export function shopperPreferences(db: Kysely<Database>, shopper: Shopper, now: string): Promise<Preferences> {
  return customerPreferences(db, shopper.storeId, shopper.customer.id, now);
}

export function changeShopperPreferences(
  db: Kysely<Database>,
  shopper: Shopper,
  update: PreferenceUpdate,
  context: { readonly now: string; readonly ip: string | null; readonly source: string },
): Promise<Preferences> {
  return changeCustomerPreferences(db, shopper.customer, update, context);
}

/**
 * A change the shopper makes to one of their own subscriptions; another customer's subscription
 * (or an unknown id) is SUBSCRIPTION_NOT_FOUND, the same answer, so ids of others are not revealed.
 */
export async function changeShopperSubscription(
  db: Kysely<Database>,
  shopper: Shopper,
  subscriptionId: string,
  change: SubscriptionChangeRequest,
  now: string,
) {
  const own = await listCustomerSubscriptions(db, shopper.storeId, shopper.customer.id, now.slice(0, 10));
  if (!own.some((s) => s.id === subscriptionId))
    throw new RegularsError('SUBSCRIPTION_NOT_FOUND', `you have no subscription ${subscriptionId}`, { subscriptionId });
  const result = await changeSubscription(db, shopper.storeId, subscriptionId, change, now);
  if (result.outcome === 'refused')
    throw new RegularsError(result.code, result.message, {
      subscriptionId,
      status: result.status,
      change: result.change,
    });
  return { subscription: subscriptionView(result.subscription), change: result.change };
}

export async function readAccountSettings(db: Kysely<Database>, storeId: string): Promise<AccountSettings> {
  return parseAccountSettings(await readSetting(db, storeId, ACCOUNT_SETTING));
}

export async function setAccountSettings(
  db: Kysely<Database>,
  storeId: string,
  value: unknown,
  now: string,
): Promise<AccountSettings> {
  const settings = parseAccountSettings(value);
  await writeSetting(db, storeId, ACCOUNT_SETTING, settings, now);
  return settings;
}
