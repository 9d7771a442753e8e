import {
  attributeConversions,
  type ExposedCustomer,
  type GroupOutcome,
  type Interval,
  liftReport,
} from '../../../analytics/lift.js';

/**
 * A flow's performance (docs/flows.md "Measuring a flow") from its outbox rows and its customers'
 * orders, in pure code: the arithmetic is lift.ts's, this decides what counts as an exposure and
 * how currencies are kept apart.
 *
 * - Treatment: every message sent; its instant is sent_at. Holdout: every message held out; its
 *   instant is planned_send_at, when it would have been sent. An exposure still in the future at
 *   the as-of instant is not one yet.
 * - A conversion is a purchase within windowDays after the exposure (lift.ts's
 *   attributeConversions: after the instant, up to and including its end), judged per message,
 *   so a customer messaged twice counts twice, the same way in both groups.
 * - Revenue is in minor units per currency: conversions count a purchase in any currency, revenue
 *   adds only one currency's orders, so each currency gets its own revenue figures beside the one
 *   set of conversion figures.
 */

export const OUTBOX_STATUSES = ['planned', 'held_out', 'sending', 'postponed', 'sent', 'skipped', 'failed'] as const;

/** An outbox row of the flow, as measurement needs it. */
export interface FlowMessageFact {
  readonly customerId: string;
  readonly status: string;
  /** UTC instants. */
  readonly plannedSendAt: string;
  readonly sentAt: string | null;
}

/** A purchase (not cancelled) of one of the flow's customers. */
export interface FlowOrderFact {
  readonly customerId: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly currency: string;
  /** Total minus refunds, minor units. */
  readonly netMinor: number;
}

export interface FlowMessageCounts {
  readonly total: number;
  /** Recorded, waiting for their send instant (or a worker). */
  readonly planned: number;
  readonly heldOut: number;
  readonly sending: number;
  readonly postponed: number;
  readonly sent: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface GroupFigures {
  /** Messages (exposures): a customer messaged twice counts twice. */
  readonly recipients: number;
  /** Distinct customers among them. */
  readonly customers: number;
  readonly conversions: number;
  /** conversions / recipients; null without recipients. */
  readonly conversionRate: number | null;
  /** Net revenue of the conversions in the report's currency (minor units). */
  readonly revenueMinor: number;
  /** revenueMinor / recipients; null without recipients. */
  readonly revenuePerRecipientMinor: number | null;
}

export interface Estimate {
  readonly estimate: number;
  readonly ci95: Interval;
}

/** The revenue figures of one currency. */
export interface CurrencyRevenue {
  readonly currency: string;
  readonly treatmentRevenueMinor: number;
  readonly holdoutRevenueMinor: number;
  readonly treatmentRevenuePerRecipientMinor: number | null;
  readonly holdoutRevenuePerRecipientMinor: number | null;
  readonly revenuePerRecipientLift: Estimate | null;
  readonly attributedRevenueMinor: number;
  readonly incrementalRevenueMinor: Estimate | null;
}

export interface FlowPerformance {
  readonly flow: string;
  readonly windowDays: number;
  /** The exposure range asked for (UTC instants), null for open ends. */
  readonly since: string | null;
  readonly until: string | null;
  readonly asOf: string;
  readonly messages: FlowMessageCounts;
  readonly sent: number;
  /** The channel accepted the message: the same as sent (Regulars gets no delivery receipts). */
  readonly delivered: number;
  /** Exposures whose attribution window had not ended at asOf: their conversions may still come. */
  readonly openWindows: number;
  /** The currency of the revenue figures below (the store's, or the one its orders carry); null when unknown. */
  readonly currency: string | null;
  readonly treatment: GroupFigures;
  readonly holdout: GroupFigures;
  /** Treatment minus holdout conversion rate, 95% interval (Newcombe); null without both groups. */
  readonly conversionLift: Estimate | null;
  /** Treatment rate over holdout rate minus 1; null when the holdout converted no one. */
  readonly relativeLift: number | null;
  /** Conversion lift times the treatment recipients. */
  readonly incrementalConversions: Estimate | null;
  /** Treatment minus holdout revenue per recipient, 95% interval (Welch); null without both groups. */
  readonly revenuePerRecipientLift: Estimate | null;
  /** Everything the treated customers bought in their windows: caused or not. Shown beside incremental, never alone. */
  readonly attributedRevenueMinor: number;
  /** Revenue per recipient lift times the treatment recipients. */
  readonly incrementalRevenueMinor: Estimate | null;
  /** Revenue in the store's other currencies, if its orders carry several (usually empty). */
  readonly otherCurrencies: readonly CurrencyRevenue[];
}

export interface FlowPerformanceInput {
  readonly flow: string;
  readonly windowDays: number;
  readonly since: string | null;
  readonly until: string | null;
  readonly asOf: string;
  /** The store's currency; null when unknown. */
  readonly storeCurrency: string | null;
  readonly messages: readonly FlowMessageFact[];
  readonly orders: readonly FlowOrderFact[];
}

const DAY_MS = 86_400_000;

export function countMessages(messages: readonly FlowMessageFact[]): FlowMessageCounts {
  const by: Record<string, number> = {};
  for (const m of messages) by[m.status] = (by[m.status] ?? 0) + 1;
  return {
    total: messages.length,
    planned: by.planned ?? 0,
    heldOut: by.held_out ?? 0,
    sending: by.sending ?? 0,
    postponed: by.postponed ?? 0,
    sent: by.sent ?? 0,
    skipped: by.skipped ?? 0,
    failed: by.failed ?? 0,
  };
}

/** The flow's exposures at asOf: sent messages at sent_at, held-out ones at planned_send_at (not in the future). */
export function exposuresOf(messages: readonly FlowMessageFact[], asOfMs: number): ExposedCustomer[] {
  const exposures: ExposedCustomer[] = [];
  for (const m of messages) {
    const instant = m.status === 'sent' ? m.sentAt : m.status === 'held_out' ? m.plannedSendAt : null;
    if (instant === null) continue;
    const at = Date.parse(instant);
    if (at <= asOfMs) exposures.push({ customerId: m.customerId, at, heldOut: m.status === 'held_out' });
  }
  return exposures;
}

function distinctCustomers(exposures: readonly ExposedCustomer[], heldOut: boolean): number {
  return new Set(exposures.filter((e) => e.heldOut === heldOut).map((e) => e.customerId)).size;
}

function revenueOf(currency: string, treatment: GroupOutcome, holdout: GroupOutcome): CurrencyRevenue {
  const report = liftReport(treatment, holdout);
  return {
    currency,
    treatmentRevenueMinor: treatment.revenueMinor,
    holdoutRevenueMinor: holdout.revenueMinor,
    treatmentRevenuePerRecipientMinor: report.treatment.revenuePerRecipientMinor,
    holdoutRevenuePerRecipientMinor: report.holdout.revenuePerRecipientMinor,
    revenuePerRecipientLift: report.revenuePerRecipientLift,
    attributedRevenueMinor: report.attributedRevenueMinor,
    incrementalRevenueMinor: report.incrementalRevenueMinor,
  };
}

/** The report: counts, both groups, the lifts with their intervals, revenue per currency. */
export function flowPerformanceReport(input: FlowPerformanceInput): FlowPerformance {
  const asOfMs = Date.parse(input.asOf);
  const windowMs = input.windowDays * DAY_MS;
  const exposures = exposuresOf(input.messages, asOfMs);
  // Orders after asOf are not known yet to a report as of then.
  const known = input.orders.filter((o) => o.at <= asOfMs);
  const all = attributeConversions(exposures, known, windowMs);
  const report = liftReport(all.treatment, all.holdout);

  const currencies = [...new Set(known.map((o) => o.currency))];
  if (input.storeCurrency !== null && !currencies.includes(input.storeCurrency)) currencies.push(input.storeCurrency);
  const revenues = currencies.map((currency) => {
    const byCurrency = attributeConversions(
      exposures,
      known.filter((o) => o.currency === currency),
      windowMs,
    );
    // One set of conversions (any currency), this currency's revenue.
    return revenueOf(
      currency,
      { ...byCurrency.treatment, conversions: all.treatment.conversions },
      { ...byCurrency.holdout, conversions: all.holdout.conversions },
    );
  });
  // The store's currency first; otherwise the one with the most attributed revenue.
  revenues.sort(
    (a, b) =>
      Number(b.currency === input.storeCurrency) - Number(a.currency === input.storeCurrency) ||
      b.attributedRevenueMinor - a.attributedRevenueMinor ||
      a.currency.localeCompare(b.currency),
  );
  const main = revenues[0] ?? null;

  const group = (heldOut: boolean): GroupFigures => {
    const summary = heldOut ? report.holdout : report.treatment;
    const revenueMinor = main === null ? 0 : heldOut ? main.holdoutRevenueMinor : main.treatmentRevenueMinor;
    return {
      recipients: summary.recipients,
      customers: distinctCustomers(exposures, heldOut),
      conversions: summary.conversions,
      conversionRate: summary.conversionRate,
      revenueMinor,
      revenuePerRecipientMinor: summary.recipients > 0 ? revenueMinor / summary.recipients : null,
    };
  };
  const messages = countMessages(input.messages);
  return {
    flow: input.flow,
    windowDays: input.windowDays,
    since: input.since,
    until: input.until,
    asOf: input.asOf,
    messages,
    sent: messages.sent,
    delivered: messages.sent,
    openWindows: exposures.filter((e) => e.at + windowMs > asOfMs).length,
    currency: main?.currency ?? null,
    treatment: group(false),
    holdout: group(true),
    conversionLift: report.conversionLift,
    relativeLift: report.relativeLift,
    incrementalConversions: report.incrementalConversions,
    revenuePerRecipientLift: main?.revenuePerRecipientLift ?? null,
    attributedRevenueMinor: main?.attributedRevenueMinor ?? 0,
    incrementalRevenueMinor: main?.incrementalRevenueMinor ?? null,
    otherCurrencies: revenues.slice(1),
  };
}
