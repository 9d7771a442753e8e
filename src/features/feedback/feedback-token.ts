import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click answer links (a review rating, "was checkout easy?", why a cart was left) carry a token
 * that says who answers what, signed with the store's secret (the one unsubscribe tokens use; the
 * MAC input starts with 'f1|', so neither token can stand for the other). Answering needs no login:
 * the token is the credential, and it grants nothing but recording that one answer.
 *
 * Text form: `f1.<store>.<customer>.<fields>.<mac>` with the ids without their prefixes, fields the
 * base64url of the JSON array [flow, question, answer, subject], and mac the base64url of the first
 * 24 bytes of HMAC-SHA256(secret, "f1|<storeId>|<customerId>|<fields JSON>"). It travels in a
 * query string (?t=...), so its length is not bounded by a path segment's.
 */
export interface FeedbackScope {
  readonly storeId: string;
  readonly customerId: string;
  /** The flow whose message carried the link. */
  readonly flow: string;
  /** 'rating', 'checkout_easy', 'cart_reason', ... */
  readonly question: string;
  /** '1'..'5', 'yes', 'no', 'price', ... */
  readonly answer: string;
  /** What it is about: a SKU, an order id, a cart. */
  readonly subject: string;
}

const MAC_BYTES = 24;
const ID_BODY = /^[0-9a-z]{1,40}$/;
const MAX_FIELD = 120;

function mac(secret: Buffer, storeId: string, customerId: string, fieldsJson: string): Buffer {
  return createHmac('sha256', secret)
    .update(`f1|${storeId}|${customerId}|${fieldsJson}`, 'utf8')
    .digest()
    .subarray(0, MAC_BYTES);
}

export function signFeedbackToken(secret: Buffer, scope: FeedbackScope): string {
  const store = scope.storeId.slice(4);
  const customer = scope.customerId.slice(4);
  if (
    !scope.storeId.startsWith('sto_') ||
    !scope.customerId.startsWith('cus_') ||
    !ID_BODY.test(store) ||
    !ID_BODY.test(customer)
  ) {
    throw new Error(`not a store and a customer id: ${scope.storeId}, ${scope.customerId}`);
  }
  const fields = [scope.flow, scope.question, scope.answer, scope.subject];
  if (fields.some((field) => field.length > MAX_FIELD))
    throw new Error(`a feedback field is longer than ${MAX_FIELD} characters`);
  const json = JSON.stringify(fields);
  return [
    'f1',
    store,
    customer,
    Buffer.from(json, 'utf8').toString('base64url'),
    mac(secret, scope.storeId, scope.customerId, json).toString('base64url'),
  ].join('.');
}

/** The scope a token claims, unverified (to find the store's secret), or null when malformed. */
export function parseFeedbackToken(
  token: string,
): (FeedbackScope & { readonly mac: string; readonly fieldsJson: string }) | null {
  if (token.length > 1000) return null;
  const parts = token.split('.');
  if (
    parts.length !== 5 ||
    parts[0] !== 'f1' ||
    !ID_BODY.test(parts[1]) ||
    !ID_BODY.test(parts[2]) ||
    !/^[A-Za-z0-9_-]{32}$/.test(parts[4])
  )
    return null;
  let fields: unknown;
  const fieldsJson = Buffer.from(parts[3], 'base64url').toString('utf8');
  try {
    fields = JSON.parse(fieldsJson);
  } catch {
    return null;
  }
  if (
    !Array.isArray(fields) ||
    fields.length !== 4 ||
    fields.some((field) => typeof field !== 'string' || field.length > MAX_FIELD)
  )
    return null;
  const [flow, question, answer, subject] = fields as [string, string, string, string];
  return {
    storeId: `sto_${parts[1]}`,
    customerId: `cus_${parts[2]}`,
    flow,
    question,
    answer,
    subject,
    mac: parts[4],
    fieldsJson,
  };
}

/** The scope a token grants, or null when malformed or not signed with this secret (compared in constant time). */
export function verifyFeedbackToken(secret: Buffer, token: string): FeedbackScope | null {
  const parsed = parseFeedbackToken(token);
  if (parsed === null) return null;
  const expected = mac(secret, parsed.storeId, parsed.customerId, parsed.fieldsJson);
  const given = Buffer.from(parsed.mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const { mac: _mac, fieldsJson: _json, ...scope } = parsed;
  return scope;
}
