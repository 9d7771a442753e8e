import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Unsubscribe and preference links carry a token that says whom it unsubscribes from what, signed
 * with the store's own secret (HMAC-SHA256), so nobody can make one for another customer, and a
 * store whose secret leaks can rotate it without touching other stores.
 *
 * Text form: `1.<store>.<customer>.<channel>.<purpose>.<mac>`:
 * - store and customer are the ids without their `sto_` / `cus_` prefix;
 * - channel is one letter (e email, s sms, p push, w whatsapp);
 * - purpose is `m` (marketing), `t` (transactional) or another purpose's own word;
 * - mac is the base64url of the first 24 bytes (192 bits: unguessable) of
 *   HMAC-SHA256(secret, "u1|<storeId>|<customerId>|<channel>|<purpose>") over the full names.
 * It stays under 100 characters (the longest path parameter the HTTP router takes) and every
 * character is URL-safe, so it sits in a path as it is. The store id is in clear because the
 * verifier needs it to find the secret; ids are not secrets. Tokens do not expire: an unsubscribe
 * link must keep working long after the message was sent.
 *
 * The secret comes from the store (unsubscribe-secret.repository.ts); signing and checking are pure functions of it.
 */
export interface UnsubscribeScope {
  readonly storeId: string;
  readonly customerId: string;
  /** 'email', 'sms', 'push', 'whatsapp' (the consent channels). */
  readonly channel: string;
  /** 'marketing' (what a List-Unsubscribe link withdraws) or another consent purpose. */
  readonly purpose: string;
}

export const MAX_TOKEN_LENGTH = 100;
const VERSION = '1';
const MAC_BYTES = 24;
const CHANNEL_CODES: Readonly<Record<string, string>> = { email: 'e', sms: 's', push: 'p', whatsapp: 'w' };
const PURPOSE_CODES: Readonly<Record<string, string>> = { marketing: 'm', transactional: 't' };
const invert = (codes: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(codes).map(([name, code]) => [code, name])) as Record<string, string>;
const CHANNELS = invert(CHANNEL_CODES);
const PURPOSES = invert(PURPOSE_CODES);

/** The part of an id after its prefix: Crockford base32 in lower case. */
const ID_BODY = /^[0-9a-z]{1,40}$/;
/** A purpose spelled out: a snake_case word of 2+ characters (one letter is a code). */
const PURPOSE_WORD = /^[a-z][a-z0-9_]{1,23}$/;
const MAC = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((MAC_BYTES * 4) / 3)}}$`);

function mac(secret: Buffer, scope: UnsubscribeScope): Buffer {
  return createHmac('sha256', secret)
    .update(['u1', scope.storeId, scope.customerId, scope.channel, scope.purpose].join('|'), 'utf8')
    .digest()
    .subarray(0, MAC_BYTES);
}

function idBody(id: string, prefix: string): string | null {
  return id.startsWith(prefix) && ID_BODY.test(id.slice(prefix.length)) ? id.slice(prefix.length) : null;
}

export function signUnsubscribeToken(secret: Buffer, scope: UnsubscribeScope): string {
  const store = idBody(scope.storeId, 'sto_');
  const customer = idBody(scope.customerId, 'cus_');
  const channel = CHANNEL_CODES[scope.channel];
  const purpose = PURPOSE_CODES[scope.purpose] ?? (PURPOSE_WORD.test(scope.purpose) ? scope.purpose : undefined);
  if (store === null || customer === null)
    throw new Error(`not a store and a customer id: ${scope.storeId}, ${scope.customerId}`);
  if (channel === undefined || purpose === undefined)
    throw new Error(`not a channel and purpose: ${scope.channel}, ${scope.purpose}`);
  const token = [VERSION, store, customer, channel, purpose, mac(secret, scope).toString('base64url')].join('.');
  if (token.length > MAX_TOKEN_LENGTH)
    throw new Error(
      `an unsubscribe token for purpose ${scope.purpose} would be longer than ${MAX_TOKEN_LENGTH} characters`,
    );
  return token;
}

/**
 * The scope a token claims, read without checking the signature (to find the store's secret to
 * check it with); null when the token is not even well formed.
 */
export function parseUnsubscribeToken(token: string): (UnsubscribeScope & { readonly mac: string }) | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 6 || parts[0] !== VERSION) return null;
  const [, store, customer, channelCode, purposeCode, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const channel = CHANNELS[channelCode];
  const purpose =
    PURPOSES[purposeCode] ??
    (PURPOSE_WORD.test(purposeCode) && PURPOSE_CODES[purposeCode] === undefined ? purposeCode : undefined);
  if (
    !ID_BODY.test(store) ||
    !ID_BODY.test(customer) ||
    channel === undefined ||
    purpose === undefined ||
    !MAC.test(signature)
  )
    return null;
  return { storeId: `sto_${store}`, customerId: `cus_${customer}`, channel, purpose, mac: signature };
}

/**
 * The scope a token grants, or null when it is malformed or its signature does not match (a
 * changed customer, channel or purpose, or another store's secret). The comparison takes the same
 * time wherever the bytes differ (timingSafeEqual), so the signature cannot be found byte by byte.
 */
export function verifyUnsubscribeToken(secret: Buffer, token: string): UnsubscribeScope | null {
  const parsed = parseUnsubscribeToken(token);
  if (parsed === null) return null;
  const scope: UnsubscribeScope = {
    storeId: parsed.storeId,
    customerId: parsed.customerId,
    channel: parsed.channel,
    purpose: parsed.purpose,
  };
  const expected = mac(secret, scope);
  const given = Buffer.from(parsed.mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return scope;
}
