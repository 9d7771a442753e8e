import { describe, expect, it } from 'vitest';
import { isUpgradeDue, monthsOwned, parseUpgradeOfferSettings, upgradeData, upgradeReason } from './upgrade-offer.js';

const purchase = {
  customerId: 'cus_1',
  sku: 'HAND',
  upgradeSku: 'ELECTRIC',
  purchaseDay: 100,
  ownDays: [100],
  upgradeDays: [] as number[],
};

describe('upgrade offer', () => {
  it('reads settings with defaults', () => {
    const settings = parseUpgradeOfferSettings({}, 'f.json');
    expect(settings.afterDays).toBe(180);
    expect(settings.sendHour).toBe(10);
    expect(settings.pitch.length).toBeGreaterThan(10);
    expect(() => parseUpgradeOfferSettings({ pitch: '' }, 'f.json')).toThrow(/settings.pitch must be non-empty text/);
  });

  it('is due on the last purchase of the product when the upgrade was not bought since', () => {
    expect(isUpgradeDue(purchase)).toBe(true);
    expect(isUpgradeDue({ ...purchase, ownDays: [100, 150] })).toBe(false);
    expect(isUpgradeDue({ ...purchase, ownDays: [40, 100] })).toBe(true);
    expect(isUpgradeDue({ ...purchase, upgradeDays: [120] })).toBe(false);
    expect(isUpgradeDue({ ...purchase, upgradeDays: [100] })).toBe(false);
    expect(isUpgradeDue({ ...purchase, upgradeDays: [50] })).toBe(true);
  });

  it('says how long they have had it', () => {
    expect(monthsOwned(180)).toBe(6);
    expect(monthsOwned(10)).toBe(1);
    expect(
      upgradeData(
        { title: 'Hand grinder', days: 365 },
        { title: 'Electric', url: 'u' },
        { afterDays: 365, sendHour: 10, pitch: 'Quiet.' },
      ),
    ).toEqual({
      owned: { title: 'Hand grinder', months: 12 },
      upgrade: { title: 'Electric', url: 'u', pitch: 'Quiet.' },
    });
    expect(upgradeReason(purchase, 180)).toBe(
      'bought HAND on 1970-04-11 (180 days ago), not bought the upgrade ELECTRIC since',
    );
  });
});
