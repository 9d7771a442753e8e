/** Something a customer did besides ordering: the signals the micro-moment flows react to. */
export const CUSTOMER_EVENT_KINDS = [
  'cart_updated',
  'checkout_started',
  'product_viewed',
  'review_submitted',
  'email_opened',
  'email_clicked',
  'custom',
  // Posted by Regulars itself (rewards), for the flows to react to:
  'points_earned',
  'points_expiring',
  'points_expired',
  'tier_changed',
  'referral_rewarded',
  'challenge_offered',
  'challenge_completed',
  'membership_changed',
  'membership_renewal_due',
  'subscription_changed',
  // Segments and messaging:
  'segment_entered',
  'segment_exited',
  'unsubscribed',
] as const;
export type CustomerEventKind = (typeof CUSTOMER_EVENT_KINDS)[number];

export interface CustomerEventInput {
  readonly kind: CustomerEventKind;
  /** ISO 8601 with offset. */
  readonly occurredAt: string;
  /** What the event carries (cart lines, product sku, review rating, custom name...). */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface CustomerEvent extends CustomerEventInput {
  /** 'evt_...' */
  readonly id: string;
  readonly storeId: string;
  readonly customerId: string;
}
