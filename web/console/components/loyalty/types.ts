/**
 * The shapes of the loyalty answers the page reads. Those endpoints describe their answers loosely
 * in the OpenAPI document (docs/api.md lists the fields), so the page names the fields it uses.
 */
export interface LoyaltyProgram {
  readonly enabled: boolean;
  readonly currency: string;
  readonly earn: {
    readonly rate: { readonly points: number; readonly perMinor: number };
    readonly bySku: Readonly<Record<string, number>>;
    readonly byCategory: Readonly<Record<string, number>>;
  };
  readonly returnWindowDays: number;
  readonly expiry: { readonly months: number | null; readonly warnDays: number };
  readonly pointValue: { readonly points: number; readonly minor: number } | null;
  readonly actions: Readonly<
    Record<string, { readonly points: number; readonly limit: number | null; readonly per: string }>
  >;
  readonly firstOrderCashback: { readonly percent: number } | null;
  readonly redemption: readonly {
    readonly id: string;
    readonly points: number;
    readonly reward: {
      readonly kind: string;
      readonly amountMinor?: number;
      readonly percent?: number;
      readonly sku?: string;
    };
  }[];
}

export interface TierSettings {
  readonly basis: string;
  readonly currency: string | null;
  readonly levels: readonly {
    readonly name: string;
    readonly threshold: number;
    readonly perks: {
      readonly earnMultiplier: number;
      readonly freeShipping: boolean;
      readonly memberCouponPercent: number | null;
      readonly partnerPerks: readonly string[];
    };
  }[];
}

export interface ReferralSettings {
  readonly referrerPoints: number;
  readonly referredPoints: number;
  readonly maxReferralsPerIpPer30Days: number | null;
  readonly pointsAvailableAfterDays: number;
}

export interface ChallengeSettings {
  readonly kinds: readonly string[];
  readonly windowDays: number;
  readonly bonusPoints: Readonly<Record<string, number>>;
}

export interface ChallengeView {
  readonly id: string;
  readonly customerId: string;
  readonly kind: string;
  readonly status: string;
  readonly description: string;
  readonly progress: number;
  readonly target: { readonly orders: number };
  readonly deadline: string;
}

export interface MembershipPlan {
  readonly code: string;
  readonly name: string;
  readonly feeMinor: number;
  readonly currency: string;
  readonly periodMonths: number;
  readonly perks: {
    readonly freeShipping: boolean;
    readonly extraPointsMultiplier: number;
    readonly memberCouponPercent: number | null;
  };
}

export interface SubscriptionOffer {
  readonly code: string;
  readonly sku: string;
  readonly name: string;
  readonly currency: string;
  readonly baseMonthlyMinor: number;
  readonly deliveryIntervalMonths: number;
  readonly terms: readonly {
    readonly months: number;
    readonly discountBasisPoints: number | null;
    readonly monthlyMinor: number | null;
  }[];
}

export interface PointFlows {
  readonly earned: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly reversed: number;
}

export interface LiabilityReport {
  readonly asOf: string;
  readonly currency: string | null;
  readonly outstanding: {
    readonly available: number;
    readonly pending: number;
    readonly total: number;
    readonly totalMinor: number | null;
  };
  readonly months: readonly (PointFlows & { readonly month: string })[];
  readonly breakageRate?: number | null;
}

export interface ReasonTally {
  readonly count: number;
  readonly reasons: readonly { readonly reason: string; readonly count: number; readonly share: number }[];
}

export interface ChurnReasonReport {
  readonly months: readonly {
    readonly month: string;
    readonly cancelled: ReasonTally;
    readonly skipped: ReasonTally;
    readonly paused: ReasonTally;
  }[];
  readonly total: { readonly cancelled: ReasonTally; readonly skipped: ReasonTally; readonly paused: ReasonTally };
}

/** How many minor units digits the currency has (JPY none, EUR two, KWD three), from Intl. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as the currency's major units. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}
