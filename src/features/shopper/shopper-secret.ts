import { RegularsError } from '../../platform/errors.js';

/**
 * The store's shopper secrets, kept in the store setting 'shopper.secret'. A rotation makes a new
 * current secret and keeps the old one valid until `previousValidUntil` (the grace period), so the
 * tokens the store's backend minted just before the rotation, and the backends that have not yet
 * been given the new secret, keep working that long; a leaked secret is rotated with a grace of 0.
 */
export const SHOPPER_SECRET_SETTING = 'shopper.secret';

/** The default grace: the default token lifetime, so no token minted before a rotation dies early. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;

export interface ShopperSecrets {
  readonly current: string;
  readonly previous: string | null;
  /** ISO instant; the previous secret verifies tokens until then. */
  readonly previousValidUntil: string | null;
  readonly rotatedAt: string | null;
}

/** 32 random bytes as base64url text (43 characters): the text itself is the HMAC key. */
const SECRET = /^[A-Za-z0-9_-]{43,128}$/;

export function parseShopperSecrets(value: unknown): ShopperSecrets | null {
  if (value === null || value === undefined) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.current !== 'string' || !SECRET.test(v.current))
    throw new RegularsError('INVALID_ARGUMENT', `the store setting ${SHOPPER_SECRET_SETTING} is not a shopper secret`, {
      field: SHOPPER_SECRET_SETTING,
    });
  return {
    current: v.current,
    previous: typeof v.previous === 'string' ? v.previous : null,
    previousValidUntil: typeof v.previousValidUntil === 'string' ? v.previousValidUntil : null,
    rotatedAt: typeof v.rotatedAt === 'string' ? v.rotatedAt : null,
  };
}

/** The secrets that verify a token at `nowMs`: the current one, and the previous one within its grace. */
export function verifyingSecrets(secrets: ShopperSecrets, nowMs: number): string[] {
  const previousValid =
    secrets.previous !== null && secrets.previousValidUntil !== null && Date.parse(secrets.previousValidUntil) > nowMs;
  return previousValid ? [secrets.current, secrets.previous as string] : [secrets.current];
}

/** The secrets after a rotation to `fresh` at `now` with a grace of `graceSeconds` (0: the old one stops at once). */
export function rotateSecrets(
  before: ShopperSecrets | null,
  fresh: string,
  now: string,
  graceSeconds: number,
): ShopperSecrets {
  const keepOld = before !== null && graceSeconds > 0;
  return {
    current: fresh,
    previous: keepOld ? before.current : null,
    previousValidUntil: keepOld ? new Date(Date.parse(now) + graceSeconds * 1000).toISOString() : null,
    rotatedAt: now,
  };
}
