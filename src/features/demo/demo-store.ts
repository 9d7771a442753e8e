/**
 * The demo store's settings, as an owner would set them with `regulars stores profile`, `stores
 * settings`, `loyalty program set`, `tiers set` and `flows enable` (docs/loyalty.md, tiers.md,
 * flows.md): what makes the generated history a store that is running.
 */
export const DEMO_STORE = 'Demo Coffee';

/** The shop profile every message carries (a complete one is a gate of every email flow). */
export const DEMO_SHOP_PROFILE = {
  name: DEMO_STORE,
  url: 'https://demo-coffee.example',
  supportEmail: 'hello@demo-coffee.example',
  address: '1 Roastery Lane, Brooklyn, NY 11201, USA',
  locale: 'en-US',
} as const;

/** The staff user the demo makes: the shop's owner, who signs in to the console. */
export const DEMO_OWNER_EMAIL = 'owner@demo-coffee.example';

/** The From of the demo's email: the shop's own address, on a domain reserved for examples. */
export const DEMO_MAIL_FROM = `${DEMO_STORE} <${DEMO_SHOP_PROFILE.supportEmail}>`;

/** The store's own zone: the generator writes local times of a shop in New York. */
export const DEMO_TIME_ZONE = 'America/New_York';

/**
 * A points program for the whole history (`startsAt: null`), so the rewards sync of the first
 * `regulars serve` (or the demo's server) posts the history's points and tiers.
 */
export const DEMO_LOYALTY_PROGRAM = {
  currency: 'USD',
  startsAt: null,
  earn: { rate: { points: 1, perMinor: 100 }, byCategory: { 'Coffee Beans': 2 } },
  returnWindowDays: 30,
  expiry: { months: 12, warnDays: 30 },
  actions: { signup: { points: 50 }, newsletter: { points: 20 }, review: { points: 10, limit: 5 }, birthday: { points: 100 } },
  redemption: [
    { id: 'five-off', points: 500, reward: { kind: 'amount', amountMinor: 500 }, validDays: 90 },
    { id: 'free-shipping', points: 300, reward: { kind: 'free_shipping' } },
  ],
} as const;

/** Tiers on the last 12 months' spend, in cents. */
export const DEMO_TIERS = {
  basis: 'rolling_12_month_spend',
  currency: 'USD',
  levels: [
    { name: 'Regular', threshold: 10_000, perks: { earnMultiplier: 1.25 } },
    { name: 'Connoisseur', threshold: 30_000, perks: { earnMultiplier: 1.5, freeShipping: true, memberCouponPercent: 10 } },
  ],
} as const;

/**
 * The flows the demo turns on: the receipt (transactional, so it reaches every customer at once),
 * and the marketing flows a coffee shop starts with.
 */
export const DEMO_FLOWS = ['post-purchase', 'replenishment', 'win-back', 'birthday'] as const;

/** Whole days in the generated history, ending on the demo's today. */
export const DEMO_HISTORY_DAYS = 730;
