import { describe, expect, it } from 'vitest';
import { parseFlowDefinition } from './flow-definition.js';
import { SettingsReader } from './flow-settings.js';
import { couponGiftDescription, readCouponGift } from './flow-gift.js';
import { missingForMarketing, parseShopProfile, shopTemplateData } from '../../stores/shop-profile.js';

describe('flow definitions', () => {
  it('completes a minimal definition with its defaults', () => {
    expect(parseFlowDefinition({ name: 'win-back', kind: 'win-back' }, 'flows/win-back.json')).toEqual({
      name: 'win-back',
      kind: 'win-back',
      description: '',
      channel: 'email',
      consentChannel: null,
      priority: null,
      topic: 'offers',
      templates: {},
      settings: {},
    });
  });

  it.each([
    [{ kind: 'win-back' }, 'name'],
    [{ name: 'Win Back', kind: 'win-back' }, 'name'],
    [{ name: 'x', kind: 'winback' }, 'kind'],
    [{ name: 'x', kind: 'campaign', channel: 'fax' }, 'channel'],
    [{ name: 'x', kind: 'campaign', channel: 'email', consentChannel: 'sms' }, 'consentChannel'],
    [{ name: 'x', kind: 'campaign', priority: 101 }, 'priority'],
    [{ name: 'x', kind: 'campaign', settings: [] }, 'settings'],
    [{ name: 'x', kind: 'campaign', templates: { newsletter: 'Bad Name' } }, 'templates'],
    [{ name: 'x', kind: 'campaign', sendAt: '2026-01-01' }, 'sendAt'],
  ])('rejects %j naming the field %s', (value, field) => {
    expect(() => parseFlowDefinition(value, 'flows/x.json')).toThrow(
      expect.objectContaining({
        code: 'INVALID_FLOW',
        details: expect.objectContaining({ field, where: 'flows/x.json' }),
      }),
    );
  });

  it('takes a webhook flow with the channel its tool reaches the customer on', () => {
    expect(
      parseFlowDefinition({ name: 'sms-win-back', kind: 'win-back', channel: 'webhook', consentChannel: 'sms' }, 'f'),
    ).toMatchObject({ channel: 'webhook', consentChannel: 'sms' });
  });
});

describe('the settings reader', () => {
  it('fills defaults, checks ranges and refuses unknown settings', () => {
    const reader = new SettingsReader({ delayDays: 7, skus: ['A'] }, 'flows/r.json');
    expect(reader.number('delayDays', 14, 1, 365, { integer: true })).toBe(7);
    expect(reader.number('sendHour', 10, 0, 23, { integer: true })).toBe(10);
    expect(reader.stringList('skus', [])).toEqual(['A']);
    expect(() => reader.done()).not.toThrow();
    const bad = new SettingsReader({ delayDays: 0.5, typo: 1 }, 'flows/r.json');
    expect(() => bad.number('delayDays', 14, 1, 365, { integer: true })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FLOW',
        details: { field: 'settings.delayDays', where: 'flows/r.json' },
      }),
    );
    expect(() => bad.done()).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'settings.typo' }) }),
    );
  });

  it('reads a coupon gift with nested field names in its errors', () => {
    const fallback = {
      type: 'percent' as const,
      value: 15,
      currency: null,
      minSubtotalMinor: 0,
      validDays: 30,
      prefix: 'COMEBACK',
    };
    expect(readCouponGift(new SettingsReader({}, 'f'), 'coupon', fallback)).toEqual(fallback);
    expect(
      readCouponGift(
        new SettingsReader({ coupon: { type: 'amount', value: 500, currency: 'GBP' } }, 'f'),
        'coupon',
        fallback,
      ),
    ).toMatchObject({ type: 'amount', value: 500, currency: 'GBP', validDays: 30 });
    expect(() =>
      readCouponGift(new SettingsReader({ coupon: { type: 'percent', value: 150 } }, 'f'), 'coupon', fallback),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'settings.coupon.value' }) }));
    expect(couponGiftDescription({ ...fallback, type: 'amount', value: 500, currency: 'GBP' }, null)).toBe('£5.00 off');
    expect(couponGiftDescription({ ...fallback, type: 'amount', value: 500, currency: null }, 'JPY')).toBe('¥500 off');
    expect(couponGiftDescription(fallback, 'EUR')).toBe('15% off');
    expect(couponGiftDescription({ ...fallback, type: 'free_shipping', value: 0 }, 'EUR')).toBe('free shipping');
  });
});

describe('the shop profile', () => {
  it('defaults to the store name and says what marketing email still needs', () => {
    const empty = parseShopProfile(null, 'Sunny Beans');
    expect(empty).toEqual({
      name: 'Sunny Beans',
      url: null,
      supportEmail: null,
      address: null,
      locale: null,
      allowedOrigins: [],
    });
    expect(missingForMarketing(empty)).toEqual(['url', 'address']);
    const full = parseShopProfile(
      { url: 'https://beans.example/', address: '1 Roast St', supportEmail: 'help@beans.example', locale: 'en-GB' },
      'Sunny Beans',
    );
    expect(missingForMarketing(full)).toEqual([]);
    expect(shopTemplateData(full)).toEqual({
      name: 'Sunny Beans',
      url: 'https://beans.example',
      support_email: 'help@beans.example',
      address: '1 Roast St',
      locale: 'en-GB',
    });
  });

  it.each([
    [{ url: 'ftp://x' }, 'url'],
    [{ supportEmail: 'nope' }, 'supportEmail'],
    [{ locale: 'english please' }, 'locale'],
    [{ phone: '1' }, 'phone'],
  ])('rejects %j naming %s', (value, field) => {
    expect(() => parseShopProfile(value, 'S')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field } }),
    );
  });
});
