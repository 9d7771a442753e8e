import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * Secrets at rest (a Shopify offline access token, WooCommerce REST keys): AES-256-GCM under
 * REGULARS_SECRET_KEY, written as `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). The key id is
 * the first 8 hex digits of the key's SHA-256, so a value says which key sealed it: after a rotation
 * the previous key still opens old values until `regulars shopify rotate-key` re-seals them. The
 * associated data binds a value to its store and purpose, so a ciphertext copied into another
 * store's row does not open.
 *
 * Pure: the 12-byte IV arrives as an argument (the service draws it from the CSPRNG).
 */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function sealSecret(key: Buffer, plaintext: string, iv: Buffer, context: string): string {
  if (key.length !== 32) throw new Error('the key must be 32 bytes');
  if (iv.length !== 12) throw new Error('the IV must be 12 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    keyId(key),
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/** The key id a sealed value names, or null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === 'v1' ? parts[1] : null;
}

/**
 * Opens a sealed value with whichever of the keys sealed it; null when none did, or when the value
 * was changed (GCM's tag fails), or sealed for another context.
 */
export function openSecret(keys: readonly (Buffer | null)[], sealed: string, context: string): string | null {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') return null;
  const key = keys.find((k): k is Buffer => k !== null && keyId(k) === parts[1]);
  if (!key) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
