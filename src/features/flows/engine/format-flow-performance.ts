import type { CurrencyRevenue, Estimate, FlowPerformance, GroupFigures } from './flow-performance-report.js';
import { minorUnitDigits } from '../../../platform/currency-codes.js';

/**
 * A flow's performance as plain text lines for the CLI and the report (docs/flows.md "Measuring a
 * flow"): rates as percents, money in the currency with Intl, intervals in brackets. Attributed
 * revenue is always printed on the line of incremental revenue, never alone.
 */

function percent(rate: number | null, digits = 1): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(digits)}%`;
}

/** Percentage points, signed: a difference of two rates. */
function points(value: number): string {
  const text = `${(value * 100).toFixed(1)} pp`;
  return value > 0 ? `+${text}` : text;
}

function moneyFormat(currency: string | null): (minor: number) => string {
  if (currency === null) return (minor) => `${Math.round(minor)} (minor units)`;
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = minorUnitDigits(currency);
  return (minor) => format.format(minor / 10 ** digits);
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

function withInterval(value: Estimate | null, show: (n: number) => string): string {
  if (value === null) return 'n/a (needs both a treatment and a holdout group)';
  return `${show(value.estimate)} [95% CI ${show(value.ci95.low)} to ${show(value.ci95.high)}]`;
}

function groupLine(label: string, group: GroupFigures, money: (minor: number) => string): string {
  const perRecipient = group.revenuePerRecipientMinor === null ? 'n/a' : money(group.revenuePerRecipientMinor);
  return `  ${label.padEnd(10)} ${String(group.recipients).padStart(7)} recipients (${group.customers} customers), ${group.conversions} converted (${percent(group.conversionRate)}), revenue ${money(group.revenueMinor)}, ${perRecipient} per recipient`;
}

function revenueLines(
  revenue: { currency: string | null } & Pick<
    CurrencyRevenue,
    'revenuePerRecipientLift' | 'attributedRevenueMinor' | 'incrementalRevenueMinor'
  >,
): string[] {
  const money = moneyFormat(revenue.currency);
  const signedMoney = (minor: number) => signed(money(minor), minor);
  return [
    `  revenue per recipient lift: ${withInterval(revenue.revenuePerRecipientLift, signedMoney)}`,
    `  incremental revenue: ${withInterval(revenue.incrementalRevenueMinor, signedMoney)}; attributed revenue (all the treated customers' orders in the window, caused or not): ${money(revenue.attributedRevenueMinor)}`,
  ];
}

export function formatFlowPerformance(report: FlowPerformance): string[] {
  const money = moneyFormat(report.currency);
  const m = report.messages;
  const range =
    report.since === null && report.until === null
      ? 'all messages'
      : `messages planned ${report.since ?? 'from the start'} to ${report.until ?? 'now'}`;
  const lines = [
    `flow ${report.flow}: ${range}, as of ${report.asOf}, attribution window ${report.windowDays} days`,
    `  messages: ${m.total} planned in all: ${m.sent} sent (delivered = accepted by the channel), ${m.heldOut} held out, ${m.skipped} skipped, ${m.failed} failed, ${m.planned + m.postponed + m.sending} still to send`,
    groupLine('treatment', report.treatment, money),
    groupLine('holdout', report.holdout, money),
    `  conversion lift: ${withInterval(report.conversionLift, points)}; relative ${report.relativeLift === null ? 'n/a' : signed(percent(report.relativeLift), report.relativeLift)}`,
    `  incremental conversions: ${withInterval(report.incrementalConversions, (n) => signed(n.toFixed(1), n))}`,
    ...revenueLines(report),
  ];
  for (const other of report.otherCurrencies) {
    const otherMoney = moneyFormat(other.currency);
    lines.push(
      `  in ${other.currency}: treatment revenue ${otherMoney(other.treatmentRevenueMinor)}, holdout revenue ${otherMoney(other.holdoutRevenueMinor)}`,
      ...revenueLines(other).map((line) => `  ${line}`),
    );
  }
  if (report.openWindows > 0)
    lines.push(
      `  note: ${report.openWindows} exposures are less than ${report.windowDays} days old: their conversions may still come`,
    );
  if (report.conversionLift !== null && report.conversionLift.ci95.low <= 0 && report.conversionLift.ci95.high >= 0) {
    lines.push('  note: the interval includes 0: no lift can be told from chance yet');
  }
  return lines;
}
