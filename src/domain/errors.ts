/**
 * The one error type, with closed codes (architecture.md habit 7). Every code is described in
 * docs/errors.md: meaning, HTTP status (for the server), and how to fix it.
 */
export const ERROR_CODES = [
  // Files and arguments
  'FILE_NOT_FOUND',
  'INVALID_ARGUMENT',
  'EMPTY_FILE',
  'MISSING_COLUMN',
  'MIXED_CURRENCIES',
  'NO_ORDERS',
  // Row-level rejections (reported with line and field; fatal only under --strict)
  'BAD_ROW',
  'BAD_DATE',
  'BAD_AMOUNT',
  'BAD_QUANTITY',
  'BAD_BOOLEAN',
  'BAD_NUMBER',
  'EMPTY_CUSTOMER',
  'ORDER_CUSTOMER_CONFLICT',
  'CURRENCY_MISMATCH',
  // Models
  'MODEL_NOT_APPLICABLE',
  // Storage
  'DATABASE_UNAVAILABLE',
  'MIGRATION_FAILED',
  'STORE_NOT_FOUND',
  'API_KEY_NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  // Coupons
  'COUPON_NOT_FOUND',
  'COUPON_CODE_TAKEN',
  'COUPON_LIMIT_REACHED',
  'COUPON_CUSTOMER_LIMIT_REACHED',
  'COUPON_EXPIRED',
  'COUPON_NOT_YET_VALID',
  'COUPON_BELOW_MINIMUM',
  'COUPON_CURRENCY_MISMATCH',
  // Coupon rules and reservations
  // Loyalty program (earn, actions, redemption)
  // Tiers and referrals
  // Challenges
  // Memberships and subscriptions
  // Server (HTTP API and webhooks)
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
  'RATE_LIMITED',
  'INVALID_SIGNATURE',
  'WEBHOOK_NOT_CONFIGURED',
  'UNSUPPORTED_TOPIC',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class RegularsError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'RegularsError';
    this.code = code;
    this.details = details;
  }
}
