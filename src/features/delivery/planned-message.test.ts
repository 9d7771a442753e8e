import { describe, expect, it } from 'vitest';
import { type PlannedMessage, checkPlannedMessage, consentChannelOf, idempotencyKey } from './planned-message.js';

const message: PlannedMessage = {
  storeId: 'sto_1',
  customerId: 'cus_abc',
  flow: 'win-back',
  triggerKey: 'step-1',
  channel: 'email',
  purpose: 'marketing',
  template: 'win-back',
  data: {},
  sendAt: '2026-05-10T12:00:00Z',
};

describe('planned messages', () => {
  it('has one idempotency key per flow, customer and trigger', () => {
    expect(idempotencyKey('win-back', 'cus_abc', 'step-1')).toBe('win-back:cus_abc:step-1');
    // The key splits one way only: flows and customer ids have no ':', only the trigger may.
    expect(() => checkPlannedMessage({ ...message, customerId: 'cus_abc:a' })).toThrow(
      expect.objectContaining({ details: { field: 'customerId' } }),
    );
    expect(() => checkPlannedMessage({ ...message, flow: 'win:back' })).toThrow(
      expect.objectContaining({ details: { field: 'flow' } }),
    );
  });

  it('checks the fields', () => {
    expect(() => checkPlannedMessage(message)).not.toThrow();
    for (const [field, bad] of [
      ['flow', { flow: 'Win Back' }],
      ['customerId', { customerId: 'ext-1' }],
      ['triggerKey', { triggerKey: ' ' }],
      ['channel', { channel: 'fax' }],
      ['purpose', { purpose: 'promo' }],
      ['priority', { priority: 101 }],
      ['template', { template: '../x' }],
      ['data', { data: [] }],
      ['holdoutShare', { holdoutShare: 2 }],
      ['consentChannel', { consentChannel: 'sms' }],
    ] as const) {
      expect(() => checkPlannedMessage({ ...message, ...(bad as object) } as PlannedMessage), field).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field } }),
      );
    }
  });

  it('governs email by email consent and webhooks by the channel they name', () => {
    expect(consentChannelOf({ channel: 'email' })).toBe('email');
    expect(consentChannelOf({ channel: 'webhook' })).toBe('sms');
    expect(consentChannelOf({ channel: 'webhook', consentChannel: 'whatsapp' })).toBe('whatsapp');
  });
});
