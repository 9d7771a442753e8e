/**
 * The parts of the API's answers the Customers pages read where the OpenAPI document describes an
 * open object (GET /v1/customers, the customer 360, segments, tier): named here once, read with
 * care (every field may be absent or null).
 */
export interface CustomerSummary {
  readonly id: string;
  readonly externalId: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly createdAt: string;
}

export interface ConsentRecord {
  readonly channel: string;
  readonly purpose: string;
  readonly status: 'granted' | 'revoked' | 'pending';
  readonly recordedAt: string;
}

export interface CustomerView {
  readonly profile: CustomerSummary;
  readonly consent: readonly ConsentRecord[];
  readonly orders: {
    readonly count: number;
    readonly totalSpentMinor: number | null;
    readonly currency: string | null;
    readonly lastOrderAt: string | null;
  };
  readonly rfm: { readonly segment: string } | null;
  readonly points: { readonly available: number; readonly pending: number };
}

export type Explanation =
  | { readonly all: readonly Explanation[]; readonly held: boolean }
  | { readonly any: readonly Explanation[]; readonly held: boolean }
  | { readonly not: Explanation; readonly held: boolean }
  | {
      readonly field: string;
      readonly op: string;
      readonly value?: unknown;
      readonly actual: unknown;
      readonly held: boolean;
    };

export interface CustomerSegment {
  readonly segmentId: string;
  readonly name: string;
  readonly enteredAt: string | null;
  readonly explanation: Explanation;
}

export interface TierStatus {
  readonly tier: { readonly name: string } | null;
  readonly nextTier: { readonly name: string; readonly missing: number } | null;
  readonly measure: { readonly basis: string; readonly currency: string | null };
}
