import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import { DEFAULT_DELIVERY_SETTINGS, holdoutShareFor, parseDeliverySettings } from './delivery-settings.js';

function fieldOf(value: unknown): string | undefined {
  try {
    parseDeliverySettings(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsError);
    expect((error as RegularsError).code).toBe('INVALID_ARGUMENT');
    return (error as RegularsError).details?.field as string;
  }
  return undefined;
}

describe('parseDeliverySettings', () => {
  it('defaults: 21:00-08:00 quiet hours, 1 per 16 h and 3 per 7 days, 10% holdout, 5 attempts', () => {
    expect(parseDeliverySettings(null)).toEqual(DEFAULT_DELIVERY_SETTINGS);
    expect(parseDeliverySettings({})).toEqual(DEFAULT_DELIVERY_SETTINGS);
    expect(DEFAULT_DELIVERY_SETTINGS.frequencyCap).toMatchObject({
      minHoursBetween: 16,
      maxPerWindow: 3,
      windowDays: 7,
    });
    expect(DEFAULT_DELIVERY_SETTINGS.holdoutShare).toBe(0.1);
  });

  it('reads every field', () => {
    const s = parseDeliverySettings({
      timeZone: 'Europe/Berlin',
      quietHours: { start: '22:00', end: '07:30' },
      frequencyCap: { minHoursBetween: 24, maxPerWindow: 2, windowDays: 14, postponeMinPriority: 80 },
      holdoutShare: 0.2,
      flowHoldoutShares: { campaign: 0.05 },
      maxAttempts: 3,
      replyTo: ' Help <help@shop.example> ',
      flowReplyTo: { 'win-back': 'owner@shop.example' },
    });
    expect(s).toEqual({
      timeZone: 'Europe/Berlin',
      quietHours: { start: '22:00', end: '07:30' },
      frequencyCap: { minHoursBetween: 24, maxPerWindow: 2, windowDays: 14, postponeMinPriority: 80 },
      holdoutShare: 0.2,
      flowHoldoutShares: { campaign: 0.05 },
      maxAttempts: 3,
      replyTo: 'Help <help@shop.example>',
      flowReplyTo: { 'win-back': 'owner@shop.example' },
    });
    expect(parseDeliverySettings({ quietHours: null }).quietHours).toBeNull();
    expect(parseDeliverySettings({ frequencyCap: { maxPerWindow: 5 } }).frequencyCap).toEqual({
      minHoursBetween: 16,
      maxPerWindow: 5,
      windowDays: 7,
      postponeMinPriority: 50,
    });
  });

  it('names the wrong field', () => {
    expect(fieldOf([])).toBe('delivery');
    expect(fieldOf({ timeZone: 'Mars/Base' })).toBe('timeZone');
    expect(fieldOf({ timeZone: '+02:00' })).toBe('timeZone');
    expect(fieldOf({ quietHours: { start: '25:00', end: '08:00' } })).toBe('quietHours.start');
    expect(fieldOf({ quietHours: { start: '21:00', end: '21:00' } })).toBe('quietHours.end');
    expect(fieldOf({ frequencyCap: { windowDays: 0 } })).toBe('frequencyCap.windowDays');
    expect(fieldOf({ frequencyCap: { maxPerWindow: 1.5 } })).toBe('frequencyCap.maxPerWindow');
    expect(fieldOf({ frequencyCap: { perDay: 1 } })).toBe('frequencyCap.perDay');
    expect(fieldOf({ holdoutShare: 1.5 })).toBe('holdoutShare');
    expect(fieldOf({ flowHoldoutShares: { campaign: -1 } })).toBe('flowHoldoutShares.campaign');
    expect(fieldOf({ maxAttempts: 0 })).toBe('maxAttempts');
    expect(fieldOf({ colour: 'red' })).toBe('colour');
  });

  it('never holds out transactional messages; per-flow shares and overrides win', () => {
    const s = parseDeliverySettings({ flowHoldoutShares: { campaign: 0.3 } });
    expect(holdoutShareFor(s, 'win-back', 'marketing')).toBe(0.1);
    expect(holdoutShareFor(s, 'campaign', 'marketing')).toBe(0.3);
    expect(holdoutShareFor(s, 'order-confirmation', 'transactional')).toBe(0);
    expect(holdoutShareFor(s, 'campaign', 'marketing', 0)).toBe(0);
  });
});
