/** A store's customer, keyed by the id the source system gave it (a string, never a number). */
export interface Customer {
  /** 'cus_...' */
  readonly id: string;
  readonly storeId: string;
  /** The source's id, kept as text end to end: Shopify ids exceed 2^53. */
  readonly externalId: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** YYYY-MM-DD. */
  readonly birthday: string | null;
  /** IANA zone name, e.g. 'Europe/Berlin'. */
  readonly timeZone: string | null;
  /** BCP 47 tag, e.g. 'de-DE'. */
  readonly locale: string | null;
  readonly tags: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * What a source says about a customer. A field left undefined keeps the stored value (an order's
 * embedded customer carries fewer fields than a profile update); null clears it.
 */
export interface CustomerInput {
  readonly externalId: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly birthday?: string | null;
  readonly timeZone?: string | null;
  readonly locale?: string | null;
  readonly tags?: readonly string[];
  readonly attributes?: Readonly<Record<string, unknown>>;
  /**
   * When the source last changed the profile (Shopify's customer updated_at), with its offset. A
   * versioned input older than the stored version changes nothing; an unversioned one (undefined or
   * null: the REST API, a file import) always applies and keeps the stored version.
   */
  readonly sourceUpdatedAt?: string | null;
}
