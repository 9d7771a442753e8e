/**
 * Does a flow work? Each flow holds out a random share of the customers it would message (they are
 * recorded, not sent), so its effect is the difference between the customers who got the message
 * (treatment) and those held out (holdout), both counted the same way: a conversion is an order
 * within the attribution window after the message (or after the moment a held-out customer would
 * have got it). Attributed revenue (everything the treated customers bought) counts sales that
 * would have happened anyway; the incremental figures subtract what the holdout shows would have.
 */

/** The two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

/** One group's outcomes: recipients, how many converted, and the revenue per recipient summed (and squared). */
export interface GroupOutcome {
  readonly recipients: number;
  readonly conversions: number;
  /** Sum over recipients of the revenue each brought in the window (minor units; 0 for most). */
  readonly revenueMinor: number;
  /** Sum over recipients of that revenue squared, for its variance. */
  readonly revenueSquaresMinor: number;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface LiftReport {
  readonly treatment: GroupSummary;
  readonly holdout: GroupSummary;
  /** Treatment minus holdout conversion rate, with Newcombe's hybrid score 95% interval; null without both groups. */
  readonly conversionLift: { readonly estimate: number; readonly ci95: Interval } | null;
  /** The lift over the holdout rate (0.25 = 25% more conversions); null when the holdout converted no one. */
  readonly relativeLift: number | null;
  /** Treatment minus holdout revenue per recipient (minor units), with a Welch 95% interval; null without both groups. */
  readonly revenuePerRecipientLift: { readonly estimate: number; readonly ci95: Interval } | null;
  /** Conversions and revenue the messages caused among the treated: the lifts times the treated recipients. */
  readonly incrementalConversions: { readonly estimate: number; readonly ci95: Interval } | null;
  readonly incrementalRevenueMinor: { readonly estimate: number; readonly ci95: Interval } | null;
  /** Everything the treated customers bought in the window, caused or not: shown beside incremental, never alone. */
  readonly attributedRevenueMinor: number;
}

export interface GroupSummary extends GroupOutcome {
  readonly conversionRate: number | null;
  readonly revenuePerRecipientMinor: number | null;
}

/** Wilson's score interval for k successes in n (Newcombe 1998, method 3). */
export function wilsonInterval(k: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = 2 * n * p + z2;
  const spread = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  const denominator = 2 * (n + z2);
  return { low: Math.max(0, (centre - spread) / denominator), high: Math.min(1, (centre + spread) / denominator) };
}

/**
 * The 95% interval for p1 - p2 by Newcombe's hybrid score method (Newcombe 1998, method 10): it
 * combines the Wilson intervals of the two proportions, keeps good coverage for small groups and
 * rates near 0 (conversion rates are), and never leaves [-1, 1].
 */
export function newcombeDifference(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  z = Z_95,
): { estimate: number; ci95: Interval } {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const w1 = wilsonInterval(k1, n1, z);
  const w2 = wilsonInterval(k2, n2, z);
  const estimate = p1 - p2;
  return {
    estimate,
    ci95: {
      low: estimate - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
      high: estimate + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
    },
  };
}

function variance(group: GroupOutcome): number {
  const n = group.recipients;
  if (n < 2) return 0;
  const mean = group.revenueMinor / n;
  // The unbiased sample variance from the sums; clamped at 0 against rounding.
  return Math.max(0, (group.revenueSquaresMinor - n * mean * mean) / (n - 1));
}

/**
 * Difference of mean revenue per recipient with a Welch (unequal variances) 95% interval, by the
 * normal quantile: the groups of a flow are hundreds of customers or more, where Student's t and
 * the normal agree to the figures shown.
 */
export function welchDifference(a: GroupOutcome, b: GroupOutcome, z = Z_95): { estimate: number; ci95: Interval } {
  const estimate = a.revenueMinor / a.recipients - b.revenueMinor / b.recipients;
  const se = Math.sqrt(variance(a) / a.recipients + variance(b) / b.recipients);
  return { estimate, ci95: { low: estimate - z * se, high: estimate + z * se } };
}

function summary(group: GroupOutcome): GroupSummary {
  const n = group.recipients;
  return {
    ...group,
    conversionRate: n > 0 ? group.conversions / n : null,
    revenuePerRecipientMinor: n > 0 ? group.revenueMinor / n : null,
  };
}

function scaled(value: { estimate: number; ci95: Interval }, by: number) {
  return { estimate: value.estimate * by, ci95: { low: value.ci95.low * by, high: value.ci95.high * by } };
}

/** A flow's (or campaign's) lift over its holdout, from the two groups' outcomes. */
export function liftReport(treatment: GroupOutcome, holdout: GroupOutcome): LiftReport {
  const both = treatment.recipients > 0 && holdout.recipients > 0;
  const conversionLift = both
    ? newcombeDifference(treatment.conversions, treatment.recipients, holdout.conversions, holdout.recipients)
    : null;
  const revenuePerRecipientLift = both ? welchDifference(treatment, holdout) : null;
  const holdoutRate = holdout.recipients > 0 ? holdout.conversions / holdout.recipients : 0;
  return {
    treatment: summary(treatment),
    holdout: summary(holdout),
    conversionLift,
    relativeLift: both && holdoutRate > 0 ? treatment.conversions / treatment.recipients / holdoutRate - 1 : null,
    revenuePerRecipientLift,
    incrementalConversions: conversionLift && scaled(conversionLift, treatment.recipients),
    incrementalRevenueMinor: revenuePerRecipientLift && scaled(revenuePerRecipientLift, treatment.recipients),
    attributedRevenueMinor: treatment.revenueMinor,
  };
}

/** A message (sent, or recorded for a held-out customer) as attribution needs it. */
export interface ExposedCustomer {
  readonly customerId: string;
  /** Epoch milliseconds: when it was sent, or when it would have been. */
  readonly at: number;
  readonly heldOut: boolean;
}

export interface ConvertingOrder {
  readonly customerId: string;
  /** Epoch milliseconds. */
  readonly at: number;
  /** Net of refunds, minor units. */
  readonly netMinor: number;
}

/**
 * Each message's outcome: it converted if the customer ordered within `windowMs` after it (the
 * message's own instant excluded, the window's end included), and it brought the net revenue of
 * all their orders in that window. Every message is judged on its own, so a customer messaged
 * twice counts twice, in the same way for treatment and holdout.
 */
export function attributeConversions(
  exposures: readonly ExposedCustomer[],
  orders: readonly ConvertingOrder[],
  windowMs: number,
): { treatment: GroupOutcome; holdout: GroupOutcome } {
  const byCustomer = new Map<string, ConvertingOrder[]>();
  for (const order of orders) {
    const list = byCustomer.get(order.customerId);
    if (list) list.push(order);
    else byCustomer.set(order.customerId, [order]);
  }
  const groups = {
    treatment: { recipients: 0, conversions: 0, revenueMinor: 0, revenueSquaresMinor: 0 },
    holdout: { recipients: 0, conversions: 0, revenueMinor: 0, revenueSquaresMinor: 0 },
  };
  for (const exposure of exposures) {
    const group = exposure.heldOut ? groups.holdout : groups.treatment;
    group.recipients++;
    let revenue = 0;
    let converted = false;
    for (const order of byCustomer.get(exposure.customerId) ?? []) {
      if (order.at > exposure.at && order.at <= exposure.at + windowMs) {
        converted = true;
        revenue += order.netMinor;
      }
    }
    if (converted) group.conversions++;
    group.revenueMinor += revenue;
    group.revenueSquaresMinor += revenue * revenue;
  }
  return groups;
}
