import { ymdFromDay } from '../../../analytics/day.js';
import { SettingsReader } from '../engine/flow-settings.js';

/**
 * Upgrade offer (moment 7): durable goods. A product whose catalogue entry names an
 * upgrade (products.upgrade_to) is offered `afterDays` after the customer's last purchase of it,
 * at a local hour, unless they have bought the upgrade since (or bought the product again: then
 * the clock starts from that later purchase).
 */
export interface UpgradeOfferSettings {
  readonly afterDays: number;
  readonly sendHour: number;
  /** One sentence on why the upgrade is worth it, shown after "might be the next step:". */
  readonly pitch: string;
}

export const UPGRADE_OFFER_DEFAULTS: UpgradeOfferSettings = {
  afterDays: 180,
  sendHour: 10,
  pitch: 'it does everything yours does, with more room to grow.',
};

export function parseUpgradeOfferSettings(raw: Readonly<Record<string, unknown>>, where: string): UpgradeOfferSettings {
  const reader = new SettingsReader(raw, where);
  const settings: UpgradeOfferSettings = {
    afterDays: reader.number('afterDays', UPGRADE_OFFER_DEFAULTS.afterDays, 1, 3650, { integer: true }),
    sendHour: reader.number('sendHour', UPGRADE_OFFER_DEFAULTS.sendHour, 0, 23, { integer: true }),
    pitch: reader.string('pitch', UPGRADE_OFFER_DEFAULTS.pitch),
  };
  reader.done();
  return settings;
}

/** A purchase of an upgradable product, and what the customer bought of it or its upgrade since. */
export interface OwnedPurchase {
  readonly customerId: string;
  readonly sku: string;
  readonly upgradeSku: string;
  /** The day of the purchase being considered. */
  readonly purchaseDay: number;
  /** Days (up to the as-of instant) on which the customer bought the same product (any, including purchaseDay). */
  readonly ownDays: readonly number[];
  /** Days on which the customer bought the upgrade. */
  readonly upgradeDays: readonly number[];
}

/**
 * Whether this purchase is due for the offer: it is the customer's last purchase of the product
 * (no later one) and they have not bought the upgrade on that day or since.
 */
export function isUpgradeDue(purchase: OwnedPurchase): boolean {
  if (purchase.ownDays.some((day) => day > purchase.purchaseDay)) return false;
  return !purchase.upgradeDays.some((day) => day >= purchase.purchaseDay);
}

/** Whole months (30.44 days) since the purchase, at least 1: "about 6 months ago". */
export function monthsOwned(days: number): number {
  return Math.max(1, Math.round(days / 30.4375));
}

export function upgradeData(
  owned: { readonly title: string; readonly days: number },
  upgrade: { readonly title: string; readonly url: string },
  settings: UpgradeOfferSettings,
): Record<string, unknown> {
  return {
    owned: { title: owned.title, months: monthsOwned(owned.days) },
    upgrade: { title: upgrade.title, url: upgrade.url, pitch: settings.pitch },
  };
}

/** "bought GRINDER-HAND on 2025-09-02 (180 days ago), not bought GRINDER-ELECTRIC since". */
export function upgradeReason(purchase: OwnedPurchase, days: number): string {
  return `bought ${purchase.sku} on ${ymdFromDay(purchase.purchaseDay)} (${days} days ago), not bought the upgrade ${purchase.upgradeSku} since`;
}
