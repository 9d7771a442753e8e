/**
 * Consent to contact a customer on one channel for one purpose. Records are appended, never
 * overwritten: the history is the proof (who agreed, when, where, from which address, confirmed how).
 */
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_STATUSES = ['granted', 'revoked', 'pending'] as const;
/** 'pending': asked for, double opt-in not yet confirmed (counts as no consent). */
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export interface ConsentInput {
  readonly channel: ConsentChannel;
  /** 'marketing' (the default) or 'transactional'. */
  readonly purpose: string;
  readonly status: ConsentStatus;
  /** Where it was given: 'checkout', 'shopify', 'api', 'import', 'signup_form', ... */
  readonly source: string;
  /** When the customer gave or withdrew it (ISO 8601 with offset); the time of recording when unknown. */
  readonly recordedAt: string;
  readonly ip: string | null;
  /** When the double opt-in was confirmed, if it was. */
  readonly doubleOptInAt: string | null;
}

export interface ConsentRecord extends ConsentInput {
  /** 'con_...' */
  readonly id: string;
  readonly storeId: string;
  readonly customerId: string;
}

/**
 * Whether the record in effect when a new one would be recorded (the latest for the same channel
 * and purpose, recorded at or before it) already has its status: then nothing is appended. So a
 * webhook redelivered, even after later changes, adds nothing, and an unchanged status repeated by
 * every order is not piled up.
 */
export function isAlreadyInEffect<R extends { readonly status: string }>(
  inEffect: R | null,
  status: ConsentStatus,
): inEffect is R {
  return inEffect !== null && inEffect.status === status;
}
