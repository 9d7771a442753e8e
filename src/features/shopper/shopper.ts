import type { Customer } from '../customers/index.js';

/** The customer a verified shopper token opens: every /v1/shopper/* read and write is theirs only. */
export interface Shopper {
  readonly storeId: string;
  readonly customer: Customer;
  /** Unix seconds; the token's own expiry. */
  readonly expiresAt: number;
}

/** The unit of the per-shopper rate limit: one customer of one store, however many tokens they hold. */
export function shopperKey(shopper: Pick<Shopper, 'storeId' | 'customer'>): string {
  return `${shopper.storeId}/${shopper.customer.id}`;
}

/** Progress towards the next tier, 0 to 1, from the measure and the next tier's threshold; null at the top. */
export function tierProgress(value: number, next: { readonly threshold: number } | null): number | null {
  if (next === null) return null;
  if (next.threshold <= 0) return 1;
  return Math.max(0, Math.min(1, value / next.threshold));
}

/** The link a customer shares: the shop's address with the code as `ref` (the storefront records it). */
export function referralLink(shopUrl: string | null, code: string): string | null {
  if (shopUrl === null) return null;
  const url = new URL(shopUrl);
  url.searchParams.set('ref', code);
  return url.toString();
}
