import type { CustomerOrders, OrderLog } from './order-log.js';
import type { Action, CrossSellPair, Products, Rfm } from './report.types.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** One-time buyers are nudged toward the 2nd order inside this window after their first. */
export const SECOND_ORDER_WINDOW_DAYS = { from: 14, to: 60 } as const;

/**
 * "What to do next": the report's short list of actions, each tied to a count in the data and to
 * a micro-moment of the retention playbook. Only actions with customers to act on are listed.
 */
export function recommendActions(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  parts: { readonly rfm: Rfm; readonly products: Products; readonly crossSell: readonly CrossSellPair[] },
): Action[] {
  const actions: Action[] = [];

  const due = parts.products.dueCustomers;
  if (due > 0) {
    const top = [...parts.products.replenishment].sort((a, b) => b.dueNow - a.dueNow)[0];
    actions.push({
      kind: 'replenishment',
      customers: due,
      text: `${fmt(due)} customers are due for a replenishment reminder (most for ${top.name}: ${fmt(top.dueNow)}, which customers rebuy every ${fmt(top.medianDays)} days).`,
    });
  }

  const { start, order } = byCustomer;
  let secondOrderDue = 0;
  for (let c = 0; c + 1 < start.length; c++) {
    if (start[c + 1] - start[c] !== 1) continue;
    const age = asOfDay - log.orderDay[order[start[c]]];
    if (age >= SECOND_ORDER_WINDOW_DAYS.from && age <= SECOND_ORDER_WINDOW_DAYS.to) secondOrderDue++;
  }
  if (secondOrderDue > 0) {
    actions.push({
      kind: 'second-order',
      customers: secondOrderDue,
      text: `${fmt(secondOrderDue)} first-time buyers ordered ${SECOND_ORDER_WINDOW_DAYS.from}-${SECOND_ORDER_WINDOW_DAYS.to} days ago and not since: the step from the 1st to the 2nd order is where most customers are lost, so follow up with a cross-sell or a review request.`,
    });
  }

  const segment = (name: string) => parts.rfm.segments.find((s) => s.name === name)?.customers ?? 0;
  const atRisk = segment('At risk') + segment("Can't lose");
  if (atRisk > 0) {
    actions.push({
      kind: 'win-back',
      customers: atRisk,
      text: `${fmt(atRisk)} good customers have gone quiet (RFM "At risk" and "Can't lose"): send a personal win-back message before an incentive.`,
    });
  }

  const champions = segment('Champions');
  if (champions > 0) {
    actions.push({
      kind: 'vip',
      customers: champions,
      text: `${fmt(champions)} Champions buy often and recently: reward them (VIP tier, early access) and ask for reviews and referrals rather than discounting.`,
    });
  }

  const pair = parts.crossSell.find((p) => p.kind === 'later') ?? parts.crossSell[0];
  if (pair) {
    actions.push({
      kind: 'cross-sell',
      customers: pair.count,
      text: `Customers who buy ${pair.fromName} are ${pair.lift.toFixed(1)}x as likely as others to buy ${pair.toName}${pair.kind === 'later' ? ' later' : ' in the same order'}: recommend it in the order confirmation.`,
    });
  }

  // Only customers with a purchase: one whose every order was cancelled or refunded is no
  // customer the report counts anywhere else.
  const purchased = new Uint8Array(log.customerAcceptsMarketing.length);
  for (let o = 0; o < log.orderCount; o++) purchased[log.orderCustomer[o]] = 1;
  let withoutConsent = 0;
  let known = 0;
  for (let c = 0; c < log.customerAcceptsMarketing.length; c++) {
    if (purchased[c] === 0) continue;
    const v = log.customerAcceptsMarketing[c];
    if (v >= 0) known++;
    if (v === 0) withoutConsent++;
  }
  if (known > 0 && withoutConsent > 0) {
    actions.push({
      kind: 'consent',
      customers: withoutConsent,
      text: `${fmt(withoutConsent)} customers have not agreed to marketing email: send them only transactional messages, and explain the newsletter's benefits at checkout.`,
    });
  }
  return actions;
}
