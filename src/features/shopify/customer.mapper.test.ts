import { describe, expect, it } from 'vitest';
import { mapShopifyCustomer } from './customer.mapper.js';

const RECEIVED_AT = '2024-03-09T12:00:00.000Z';

function customer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '706405506930370084',
    email: 'bob@biller.com',
    created_at: '2024-03-02T08:00:00+01:00',
    updated_at: '2024-03-02T08:21:30+01:00',
    first_name: 'Bob',
    last_name: 'Biller',
    phone: null,
    tags: 'newsletter, vip,  ,vip',
    email_marketing_consent: {
      state: 'subscribed',
      opt_in_level: 'confirmed_opt_in',
      consent_updated_at: '2024-03-02T08:20:00+01:00',
    },
    sms_marketing_consent: {
      state: 'pending',
      opt_in_level: 'single_opt_in',
      consent_updated_at: '2024-03-02T08:21:00+01:00',
      consent_collected_from: 'SHOPIFY',
    },
    ...overrides,
  };
}

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('mapShopifyCustomer', () => {
  it('maps the profile: a null field clears the stored value, an absent one keeps it', () => {
    const { customer: input } = mapShopifyCustomer(customer({ last_name: undefined }), { receivedAt: RECEIVED_AT });
    expect(input).toEqual({
      externalId: '706405506930370084',
      email: 'bob@biller.com',
      phone: null,
      firstName: 'Bob',
      tags: ['newsletter', 'vip'],
      sourceUpdatedAt: '2024-03-02T08:21:30+01:00',
    });
  });

  it('maps email and SMS consent, dated by Shopify’s consent_updated_at', () => {
    const { consent } = mapShopifyCustomer(customer(), { receivedAt: RECEIVED_AT });
    expect(consent).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'shopify',
        recordedAt: '2024-03-02T08:20:00+01:00',
        ip: null,
        doubleOptInAt: '2024-03-02T08:20:00+01:00',
      },
      {
        channel: 'sms',
        purpose: 'marketing',
        status: 'pending',
        source: 'shopify',
        recordedAt: '2024-03-02T08:21:00+01:00',
        ip: null,
        doubleOptInAt: null,
      },
    ]);
  });

  it.each([
    ['subscribed', 'single_opt_in', 'granted', false],
    ['subscribed', 'confirmed_opt_in', 'granted', true],
    ['pending', 'confirmed_opt_in', 'pending', false],
    ['unsubscribed', 'single_opt_in', 'revoked', false],
    ['not_subscribed', null, 'revoked', false],
    ['redacted', null, 'revoked', false],
  ])('maps state %s (%s) to %s', (state, level, status, doubleOptIn) => {
    const { consent } = mapShopifyCustomer(
      customer({
        email_marketing_consent: { state, opt_in_level: level, consent_updated_at: '2024-03-02T08:20:00+01:00' },
        sms_marketing_consent: null,
      }),
      {
        receivedAt: RECEIVED_AT,
      },
    );
    expect(consent).toEqual([
      expect.objectContaining({
        channel: 'email',
        status,
        doubleOptInAt: doubleOptIn ? '2024-03-02T08:20:00+01:00' : null,
      }),
    ]);
  });

  it('records nothing for an invalid address or a state it does not know', () => {
    for (const state of ['invalid', 'something_new', null]) {
      const { consent } = mapShopifyCustomer(
        customer({ email_marketing_consent: { state }, sms_marketing_consent: null }),
        { receivedAt: RECEIVED_AT },
      );
      expect(consent).toEqual([]);
    }
  });

  it('dates consent without its own time by the customer’s updated_at, then created_at, then the receipt', () => {
    const noTime = { state: 'unsubscribed', opt_in_level: null, consent_updated_at: null };
    const at = (overrides: Record<string, unknown>) =>
      mapShopifyCustomer(customer({ email_marketing_consent: noTime, sms_marketing_consent: null, ...overrides }), {
        receivedAt: RECEIVED_AT,
      }).consent[0].recordedAt;
    expect(at({})).toBe('2024-03-02T08:21:30+01:00');
    expect(at({ updated_at: null })).toBe('2024-03-02T08:00:00+01:00');
    expect(at({ updated_at: null, created_at: null })).toBe(RECEIVED_AT);
  });

  it('reads the legacy accepts_marketing when email_marketing_consent is absent', () => {
    const legacy = customer({
      email_marketing_consent: undefined,
      sms_marketing_consent: undefined,
      accepts_marketing: true,
      accepts_marketing_updated_at: '2020-05-01T10:00:00-04:00',
      marketing_opt_in_level: 'single_opt_in',
    });
    expect(mapShopifyCustomer(legacy, { receivedAt: RECEIVED_AT }).consent).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'shopify',
        recordedAt: '2020-05-01T10:00:00-04:00',
        ip: null,
        doubleOptInAt: null,
      },
    ]);
    expect(
      mapShopifyCustomer({ ...legacy, accepts_marketing: false }, { receivedAt: RECEIVED_AT }).consent[0].status,
    ).toBe('revoked');
  });

  it.each([
    [{ id: undefined }, '/id'],
    [{ id: 7.064055069303701e17 }, '/id'],
    [{ email: 42 }, '/email'],
    [{ tags: 5 }, '/tags'],
    [{ email_marketing_consent: 'subscribed' }, '/email_marketing_consent'],
    [
      { sms_marketing_consent: { state: 'subscribed', consent_updated_at: '2024-03-02' } },
      '/sms_marketing_consent/consent_updated_at',
    ],
    [{ email_marketing_consent: undefined, accepts_marketing: 'yes' }, '/accepts_marketing'],
  ])('rejects %j with VALIDATION_FAILED at %s', (overrides, path) => {
    expect(failure(() => mapShopifyCustomer(customer(overrides), { receivedAt: RECEIVED_AT }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path },
    });
  });
});
