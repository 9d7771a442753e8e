import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS } from './delivery-settings.js';
import { isHeldOut } from './holdout.js';
import { initialStatus } from './outbox-message.js';

const STORE = 'sto_1';
const customers = Array.from({ length: 200 }, (_, i) => `cus_${i}`);

describe('initialStatus', () => {
  it('holds out exactly the customers isHeldOut names, with the share in the reason', () => {
    for (const customerId of customers) {
      const first = initialStatus(
        STORE,
        { flow: 'win-back', customerId, purpose: 'marketing', holdoutShare: 0.5 },
        DEFAULT_DELIVERY_SETTINGS,
      );
      if (isHeldOut(STORE, 'win-back', customerId, 0.5)) {
        expect(first).toEqual({
          status: 'held_out',
          reason: "holdout: 50% of the win-back flow's customers are held out",
        });
      } else {
        expect(first).toEqual({ status: 'planned', reason: null });
      }
    }
  });

  it('never holds out a transactional message, and takes a flow share from the settings', () => {
    const settings = { ...DEFAULT_DELIVERY_SETTINGS, flowHoldoutShares: { birthday: 1 } };
    for (const customerId of customers.slice(0, 20)) {
      expect(
        initialStatus(STORE, { flow: 'order-confirmation', customerId, purpose: 'transactional' }, settings).status,
      ).toBe('planned');
      expect(initialStatus(STORE, { flow: 'birthday', customerId, purpose: 'marketing' }, settings).status).toBe(
        'held_out',
      );
      expect(
        initialStatus(STORE, { flow: 'birthday', customerId, purpose: 'marketing', holdoutShare: 0 }, settings).status,
      ).toBe('planned');
    }
  });
});
