import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes with scrypt (RFC 7914), a memory-hard function: guessing costs memory as well as
 * time, which GPUs and ASICs cannot cheapen much. The parameters are OWASP's Password Storage Cheat
 * Sheet's (N=2^15, r=8, p=3: 32 MiB, about as costly as its N=2^17, p=1). They are stored in each
 * hash as `scrypt$N$r$p$salt$hash`, so raising them later still verifies old hashes, and a sign-in
 * rehashes with the new ones (needsRehash).
 */
export interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const SCRYPT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 3 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    ...parameters,
    // Node refuses more than 32 MiB unless told; 128 * N * r is what scrypt needs.
    maxmem: 256 * parameters.N * parameters.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, parameters = SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters);
  const { N, r, p } = parameters;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { parameters: { N, r, p }, salt: Buffer.from(parts[4], 'base64'), key: Buffer.from(parts[5], 'base64') };
}

/** Whether the password matches the stored hash; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.parameters);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** A hash made with weaker parameters than today's: replace it when the password is next known. */
export function needsRehash(stored: string, parameters = SCRYPT_PARAMETERS): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.parameters.N < parameters.N || parsed.parameters.r < parameters.r || parsed.parameters.p < parameters.p;
}

const dummies = new Map<string, Promise<string>>();

/**
 * Verifies against a hash of nothing anyone knows, for a sign-in whose email is unknown: the
 * answer then takes as long as for a known one, so timing tells no one which emails exist.
 */
export async function verifyAgainstDummy(password: string, parameters = SCRYPT_PARAMETERS): Promise<false> {
  const key = `${parameters.N}:${parameters.r}:${parameters.p}`;
  let dummy = dummies.get(key);
  if (dummy === undefined) {
    dummy = hashPassword(randomBytes(16).toString('base64'), parameters);
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}
