/**
 * The one error type, with closed codes (architecture.md habit 7). Every code is described in
 * docs/errors.md: meaning, HTTP status (for the server), and how to fix it.
 */
export const ERROR_CODES = [
  // Files and arguments
  'FILE_NOT_FOUND',
  'FILE_EXISTS',
  'INVALID_ARGUMENT',
  'EMPTY_FILE',
  'MISSING_COLUMN',
  'MIXED_CURRENCIES',
  'NO_ORDERS',
  'AMBIGUOUS_DATES',
  'MIXED_DATE_ORDERS',
  'TOO_MANY_REJECTED',
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
  'MIGRATIONS_NOT_CURRENT',
  'BACKUP_FAILED',
  'PG_DUMP_REQUIRED',
  'STORE_NOT_FOUND',
  'API_KEY_NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_MERGE_CONFLICT',
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
  'COUPON_NOT_ELIGIBLE',
  'COUPON_NOT_COMBINABLE',
  'COUPON_NO_MATCHING_ITEMS',
  // Loyalty program (earn, actions, redemption)
  'LOYALTY_PROGRAM_OFF',
  'LOYALTY_ACTION_NOT_FOUND',
  'LOYALTY_ACTION_LIMIT_REACHED',
  'LOYALTY_OPTION_NOT_FOUND',
  'INSUFFICIENT_POINTS',
  // Tiers and referrals
  'TIERS_NOT_CONFIGURED',
  'REFERRALS_NOT_CONFIGURED',
  'REFERRAL_CODE_NOT_FOUND',
  'REFERRAL_SELF',
  'REFERRAL_SAME_EMAIL',
  'REFERRAL_NOT_FIRST_ORDER',
  'REFERRAL_IP_LIMIT_REACHED',
  'CUSTOMER_ALREADY_REFERRED',
  // Segments
  'SEGMENT_RULE_INVALID',
  'SEGMENT_NOT_FOUND',
  'SEGMENT_BUILT_IN',
  // Messaging (templates, sending, unsubscribe)
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_SYNTAX_ERROR',
  'TEMPLATE_RENDER_FAILED',
  'TEMPLATE_LINT_BLOCKED',
  'CAMPAIGN_COPY_BLOCKED',
  'SPAM_SCORE_TOO_HIGH',
  'TEMPLATE_OUTSIDE_FOLDER',
  'UNSUBSCRIBE_TOKEN_INVALID',
  'MAIL_SEND_FAILED',
  'WEBHOOK_DELIVERY_FAILED',
  // Flows
  'INVALID_FLOW',
  'FLOW_NOT_FOUND',
  'SHOP_PROFILE_INCOMPLETE',
  'FEEDBACK_TOKEN_INVALID',
  // Campaigns composed in the console
  'CAMPAIGN_NOT_FOUND',
  'CAMPAIGN_NAME_TAKEN',
  'CAMPAIGN_NOT_EDITABLE',
  'CAMPAIGN_NOT_SCHEDULED',
  'CAMPAIGN_SEND_AT_PASSED',
  'CAMPAIGN_AUDIENCE_EMPTY',
  'TEST_SEND_NOT_STAFF',
  'SMTP_NOT_CONFIGURED',
  // Memberships and subscriptions
  'MEMBERSHIP_PLAN_NOT_FOUND',
  'MEMBERSHIP_PLAN_CODE_TAKEN',
  'MEMBERSHIP_NOT_FOUND',
  'MEMBERSHIP_ALREADY_CURRENT',
  'MEMBERSHIP_TRANSITION_NOT_ALLOWED',
  'MEMBERSHIP_EVENT_ID_REUSED',
  'SUBSCRIPTION_OFFER_NOT_FOUND',
  'SUBSCRIPTION_TERM_NOT_OFFERED',
  'SUBSCRIPTION_NOT_FOUND',
  'SUBSCRIPTION_CHANGE_NOT_ALLOWED',
  // Server (HTTP API and webhooks)
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'INVALID_CHARACTER',
  'BODY_TOO_DEEP',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
  'RATE_LIMITED',
  'INVALID_SIGNATURE',
  'WEBHOOK_NOT_CONFIGURED',
  'UNSUPPORTED_TOPIC',
  'INTERNAL',
  // Bounce and complaint feeds
  'BOUNCE_SOURCE_NOT_ALLOWED',
  // Console (staff users, sign-in, sessions)
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'CSRF_TOKEN_INVALID',
  'ROLE_FORBIDDEN',
  'PASSWORD_TOO_SHORT',
  'STAFF_USER_NOT_FOUND',
  'STAFF_EMAIL_TAKEN',
  'LAST_OWNER',
  'CONSOLE_NOT_BUILT',
  // Shoppers (shopper tokens, /v1/shopper/*, the account page)
  'SHOPPER_TOKEN_INVALID',
  'SHOPPER_TOKEN_EXPIRED',
  'ORIGIN_NOT_ALLOWED',
  'WIDGET_NOT_BUILT',
  'SHOPPER_ORDER_NOT_FOUND',
  // Connectors (WooCommerce)
  'WOOCOMMERCE_REQUEST_FAILED',
  'WOOCOMMERCE_NOT_CONNECTED',
  'WOOCOMMERCE_KEYS_UNREADABLE',
  'SECRET_KEY_REQUIRED',
  // SMS channel (docs/integrations.md "SMS")
  'SMS_NOT_CONFIGURED',
  'SMS_SEND_FAILED',
  'SMS_TOO_LONG',
  // Shopify history backfill (docs/shopify.md "History and consent")
  'SHOPIFY_ADMIN_API_FAILED',
  'SHOPIFY_BULK_OPERATION_FAILED',
  'SHOPIFY_BULK_RESULT_INVALID',
  // Shopify app (install, Admin API, compliance webhooks)
  'SHOPIFY_APP_NOT_CONFIGURED',
  'SHOPIFY_SHOP_INVALID',
  'SHOPIFY_OAUTH_HMAC_INVALID',
  'SHOPIFY_OAUTH_STATE_INVALID',
  'SHOPIFY_TOKEN_EXCHANGE_FAILED',
  'SHOPIFY_TOKEN_UNREADABLE',
  'SHOPIFY_SHOP_TAKEN',
  'SHOPIFY_NOT_INSTALLED',
  // Real discount codes in the shop (docs/shopify.md "Discount codes in Shopify")
  'SHOP_DISCOUNT_UNSUPPORTED',
  'SHOP_DISCOUNT_REFUSED',
  'SHOP_DISCOUNT_CODE_TAKEN',
  'SHOPIFY_PROXY_INVALID',
  // Surveys (one-click NPS, CSAT, rating and checkout answers)
  'SURVEY_ANSWER_INVALID',
  'SURVEY_COMMENT_INVALID',
  // Outgoing webhooks (Standard Webhooks endpoints)
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  'WEBHOOK_ENDPOINT_INVALID',
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
