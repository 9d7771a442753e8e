/**
 * A store (a shop that Regulars serves) and its API keys. Every other record belongs to exactly one
 * store; a request authenticated with a store's key sees only that store's records.
 */
export interface Store {
  /** 'sto_...' */
  readonly id: string;
  readonly name: string;
  /** The shared secret Shopify signs webhooks with (X-Shopify-Hmac-Sha256); null when not connected. */
  readonly shopifySecret: string | null;
  /** ISO 8601 instant in UTC. */
  readonly createdAt: string;
}

/** An API key as it can be shown at any time: never its secret, which is stored only as a hash. */
export interface ApiKey {
  /** 'key_...': the handle used to revoke it. */
  readonly id: string;
  readonly storeId: string;
  /** The key's first characters ('rk_live_' and 8 more), enough to recognise it in a list. */
  readonly prefix: string;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** When a request last used it, to within a minute (KEY_USE_RESOLUTION_MS); null if never. */
  readonly lastUsedAt: string | null;
}

/** A key just created: the only moment its plaintext exists outside the holder's hands. */
export interface CreatedApiKey {
  readonly key: ApiKey;
  readonly plaintext: string;
}
