import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import { type ErrorCode, RegularsError } from '../errors.js';
import { countDatabaseError } from '../metrics/metrics.js';

/**
 * The one map from error code to HTTP status (architecture.md habit 7); docs/errors.md lists the
 * same statuses, and a test checks that the two agree.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  FILE_NOT_FOUND: 404,
  FILE_EXISTS: 409,
  INVALID_ARGUMENT: 400,
  EMPTY_FILE: 400,
  MISSING_COLUMN: 400,
  MIXED_CURRENCIES: 400,
  AMBIGUOUS_DATES: 400,
  MIXED_DATE_ORDERS: 400,
  TOO_MANY_REJECTED: 422,
  NO_ORDERS: 422,
  BAD_ROW: 400,
  BAD_DATE: 400,
  BAD_AMOUNT: 400,
  BAD_QUANTITY: 400,
  BAD_BOOLEAN: 400,
  BAD_NUMBER: 400,
  EMPTY_CUSTOMER: 400,
  ORDER_CUSTOMER_CONFLICT: 409,
  CURRENCY_MISMATCH: 400,
  MODEL_NOT_APPLICABLE: 422,
  DATABASE_UNAVAILABLE: 503,
  MIGRATION_FAILED: 500,
  MIGRATIONS_NOT_CURRENT: 503,
  BACKUP_FAILED: 500,
  PG_DUMP_REQUIRED: 400,
  STORE_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  CUSTOMER_MERGE_CONFLICT: 409,
  COUPON_NOT_FOUND: 404,
  COUPON_CODE_TAKEN: 409,
  COUPON_LIMIT_REACHED: 409,
  COUPON_CUSTOMER_LIMIT_REACHED: 409,
  COUPON_EXPIRED: 422,
  COUPON_NOT_YET_VALID: 422,
  COUPON_BELOW_MINIMUM: 422,
  COUPON_CURRENCY_MISMATCH: 422,
  // Coupon rules and reservations
  COUPON_NOT_ELIGIBLE: 409,
  COUPON_NOT_COMBINABLE: 409,
  COUPON_NO_MATCHING_ITEMS: 422,
  // Loyalty program (earn, actions, redemption)
  LOYALTY_PROGRAM_OFF: 409,
  LOYALTY_ACTION_NOT_FOUND: 404,
  LOYALTY_ACTION_LIMIT_REACHED: 409,
  LOYALTY_OPTION_NOT_FOUND: 404,
  INSUFFICIENT_POINTS: 409,
  // Tiers and referrals
  TIERS_NOT_CONFIGURED: 404,
  REFERRALS_NOT_CONFIGURED: 404,
  REFERRAL_CODE_NOT_FOUND: 404,
  REFERRAL_SELF: 422,
  REFERRAL_SAME_EMAIL: 422,
  REFERRAL_NOT_FIRST_ORDER: 422,
  REFERRAL_IP_LIMIT_REACHED: 409,
  CUSTOMER_ALREADY_REFERRED: 409,
  // Segments
  SEGMENT_RULE_INVALID: 400,
  SEGMENT_NOT_FOUND: 404,
  SEGMENT_BUILT_IN: 409,
  // Messaging (templates, sending, unsubscribe)
  TEMPLATE_NOT_FOUND: 404,
  TEMPLATE_SYNTAX_ERROR: 422,
  TEMPLATE_RENDER_FAILED: 422,
  TEMPLATE_LINT_BLOCKED: 422,
  CAMPAIGN_COPY_BLOCKED: 422,
  SPAM_SCORE_TOO_HIGH: 422,
  TEMPLATE_OUTSIDE_FOLDER: 422,
  INVALID_FLOW: 400,
  FLOW_NOT_FOUND: 404,
  SHOP_PROFILE_INCOMPLETE: 409,
  FEEDBACK_TOKEN_INVALID: 404,
  UNSUBSCRIBE_TOKEN_INVALID: 400,
  MAIL_SEND_FAILED: 502,
  WEBHOOK_DELIVERY_FAILED: 502,
  CAMPAIGN_NOT_FOUND: 404,
  CAMPAIGN_NAME_TAKEN: 409,
  CAMPAIGN_NOT_EDITABLE: 409,
  CAMPAIGN_NOT_SCHEDULED: 409,
  CAMPAIGN_SEND_AT_PASSED: 422,
  CAMPAIGN_AUDIENCE_EMPTY: 422,
  TEST_SEND_NOT_STAFF: 422,
  SMTP_NOT_CONFIGURED: 409,
  // Memberships and subscriptions
  MEMBERSHIP_PLAN_NOT_FOUND: 404,
  MEMBERSHIP_PLAN_CODE_TAKEN: 409,
  MEMBERSHIP_NOT_FOUND: 404,
  MEMBERSHIP_ALREADY_CURRENT: 409,
  MEMBERSHIP_TRANSITION_NOT_ALLOWED: 409,
  MEMBERSHIP_EVENT_ID_REUSED: 409,
  SUBSCRIPTION_OFFER_NOT_FOUND: 404,
  SUBSCRIPTION_TERM_NOT_OFFERED: 422,
  SUBSCRIPTION_NOT_FOUND: 404,
  SUBSCRIPTION_CHANGE_NOT_ALLOWED: 409,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  INVALID_CHARACTER: 400,
  BODY_TOO_DEEP: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_USE: 409,
  RATE_LIMITED: 429,
  INVALID_SIGNATURE: 401,
  WEBHOOK_NOT_CONFIGURED: 404,
  UNSUPPORTED_TOPIC: 400,
  INTERNAL: 500,
  // Bounce and complaint feeds
  BOUNCE_SOURCE_NOT_ALLOWED: 403,
  // Console (staff users, sign-in, sessions)
  LOGIN_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  CSRF_TOKEN_INVALID: 403,
  ROLE_FORBIDDEN: 403,
  LAST_OWNER: 409,
  PASSWORD_TOO_SHORT: 400,
  STAFF_USER_NOT_FOUND: 404,
  STAFF_EMAIL_TAKEN: 409,
  CONSOLE_NOT_BUILT: 503,
  // Shoppers
  SHOPPER_TOKEN_INVALID: 401,
  SHOPPER_TOKEN_EXPIRED: 401,
  ORIGIN_NOT_ALLOWED: 403,
  WIDGET_NOT_BUILT: 503,
  SHOPPER_ORDER_NOT_FOUND: 404,
  // Connectors
  WOOCOMMERCE_REQUEST_FAILED: 502,
  WOOCOMMERCE_NOT_CONNECTED: 409,
  WOOCOMMERCE_KEYS_UNREADABLE: 503,
  SECRET_KEY_REQUIRED: 503,
  // SMS channel (worker outcomes; 409 and 422 when an API call meets them)
  SMS_NOT_CONFIGURED: 409,
  SMS_SEND_FAILED: 502,
  SMS_TOO_LONG: 422,
  // Shopify history backfill (a CLI command: the statuses say whose fault it is)
  SHOPIFY_ADMIN_API_FAILED: 502,
  SHOPIFY_BULK_OPERATION_FAILED: 502,
  SHOPIFY_BULK_RESULT_INVALID: 502,
  // Shopify app
  SHOPIFY_APP_NOT_CONFIGURED: 503,
  SHOPIFY_SHOP_INVALID: 400,
  SHOPIFY_OAUTH_HMAC_INVALID: 401,
  SHOPIFY_OAUTH_STATE_INVALID: 400,
  SHOPIFY_TOKEN_EXCHANGE_FAILED: 502,
  SHOPIFY_TOKEN_UNREADABLE: 503,
  SHOPIFY_SHOP_TAKEN: 409,
  SHOPIFY_NOT_INSTALLED: 409,
  // Real discount codes in the shop
  SHOP_DISCOUNT_UNSUPPORTED: 422,
  SHOP_DISCOUNT_REFUSED: 502,
  SHOP_DISCOUNT_CODE_TAKEN: 409,
  SHOPIFY_PROXY_INVALID: 401,
  // Surveys
  SURVEY_ANSWER_INVALID: 400,
  SURVEY_COMMENT_INVALID: 400,
  WEBHOOK_ENDPOINT_NOT_FOUND: 404,
  WEBHOOK_ENDPOINT_INVALID: 400,
};

export interface ErrorEnvelope {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}

export function envelope(
  code: ErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): ErrorEnvelope {
  return { error: { code, message, details } };
}

/** Fastify's own errors, by their code, as ours: the client sees one catalogue. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** What an error becomes on the wire: our errors keep their code; anything unexpected is INTERNAL. */
export function toEnvelope(error: FastifyError | Error): { status: number; body: ErrorEnvelope } {
  if (error instanceof RegularsError)
    return { status: HTTP_STATUS[error.code], body: envelope(error.code, error.message, error.details) };
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const location = fastifyError.validationContext ?? 'body';
    const path = validationPath(first?.instancePath ?? '', first?.params as Record<string, unknown> | undefined);
    return {
      status: 400,
      body: envelope('VALIDATION_FAILED', `${location}${path || ''} ${first?.message ?? 'is invalid'}`, {
        location,
        path: path || '/',
      }),
    };
  }
  if (fastifyError.code === 'FST_ERR_RATE_LIMIT' || fastifyError.statusCode === 429) {
    return { status: 429, body: envelope('RATE_LIMITED', error.message) };
  }
  // The database restarting or out of reach: the request may be retried, so not a 500.
  if (isDatabaseUnavailable(error))
    return {
      status: HTTP_STATUS.DATABASE_UNAVAILABLE,
      body: envelope('DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly'),
    };
  const code = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (code) return { status: HTTP_STATUS[code], body: envelope(code, error.message) };
  if (error instanceof SyntaxError)
    return { status: 400, body: envelope('VALIDATION_FAILED', `the body is not valid JSON: ${error.message}`) };
  return { status: 500, body: envelope('INTERNAL', 'an unexpected error occurred; the server log has the details') };
}

/** The JSON pointer of the field at fault: for a missing or extra property, the property itself. */
function validationPath(instancePath: string, params: Record<string, unknown> | undefined): string {
  const child = params?.missingProperty ?? params?.additionalProperty;
  return typeof child === 'string' ? `${instancePath}/${child}` : instancePath;
}

/** What a 503 tells the client to wait: a PostgreSQL restart takes a second or two. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

export function sendError(reply: FastifyReply, request: FastifyRequest, error: FastifyError | Error): FastifyReply {
  const { status, body } = toEnvelope(error);
  // Only unexpected failures are logged as errors; a client's mistake is logged at info with its code.
  if (body.error.code === 'DATABASE_UNAVAILABLE') countDatabaseError('unavailable');
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code }, 'request rejected');
  if (status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  if (status === 503 && !reply.hasHeader('retry-after'))
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
