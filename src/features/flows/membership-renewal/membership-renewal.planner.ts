import { dayOfInstant } from '../engine/flow-time.js';
import { isoDateOfInstant, longDateOfInstant } from '../engine/reward-moments.js';
import { addMonthsToInstant } from '../../../platform/calendar-months.js';
import {
  type DiscountedOrder,
  discountedOrdersOfEventCustomers,
  type FlowMembership,
  membershipsOfEventCustomers,
} from '../engine/flow-events.query.js';
import {
  eventFlow,
  type EventFlowSettings,
  payloadText,
  SHOP_PATH,
  SHOP_PATH_HINT,
} from '../engine/event-flow.planner.js';
import { minorUnitDigits } from '../../../platform/currency-codes.js';

export interface MembershipRenewalSettings extends EventFlowSettings {
  /** The shop's page where the member changes or cancels the membership. */
  readonly managePath: string;
}

interface State {
  readonly memberships: Map<string, FlowMembership>;
  readonly discounts: Map<string, DiscountedOrder[]>;
}

/** The past year the message's "saved you" covers: a year back from the renewal, since joining. */
const SAVINGS_MONTHS = 12;

/**
 * What the membership saved the member in the past year, as far as Regulars can tell: the
 * discounts on their purchases in the plan's currency since the later of joining and a year before
 * the renewal, up to the send instant. Orders do not say which discount came from the membership,
 * nor what shipping a free-shipping member would have paid, so this is the discounts they got as a
 * member (docs/flows.md says so to the store owner).
 */
function savedMinor(
  orders: readonly DiscountedOrder[] | undefined,
  membership: FlowMembership,
  renewsAt: string,
  sendAt: string,
): number {
  const yearBefore = Date.parse(addMonthsToInstant(renewsAt, -SAVINGS_MONTHS));
  const from = Math.max(yearBefore, Date.parse(membership.anchorAt));
  const to = Date.parse(sendAt);
  let saved = 0;
  for (const order of orders ?? []) {
    const at = Date.parse(order.orderedAt);
    if (order.currency === membership.currency && at >= from && at < to) saved += order.discountMinor;
  }
  return saved;
}

function membershipOf(state: State, membershipId: string | null): FlowMembership | undefined {
  return membershipId === null ? undefined : state.memberships.get(membershipId);
}

/**
 * "Your Coffee Club membership renews on 1 May": the membership job's membership_renewal_due event
 * (the plan's renewalReminderDays before the renewal). Transactional, not marketing: it is a notice
 * about a contract the customer already has and will be charged for, which consumer law in many
 * places requires (an automatic renewal must be announced), so it goes to a member who opted out
 * of marketing, is never held out (a holdout would withhold a notice owed to the member) and is
 * not capped. A membership cancelled or ended by the send instant gets no notice.
 */
export const membershipRenewalFlow = eventFlow<MembershipRenewalSettings, State>({
  kind: 'membership-renewal',
  event: 'membership_renewal_due',
  summary: 'a paid membership renews soon: the date, the price and how to change it (transactional)',
  purpose: 'transactional',
  priority: 75,
  template: 'membership-renewal',
  settings: (reader, common) => ({
    ...common,
    managePath: reader.string('managePath', '/account/membership', SHOP_PATH, SHOP_PATH_HINT),
  }),
  async state(ctx, range) {
    const toDay = dayOfInstant(ctx.window.to) + 1;
    // A year and a reminder's length (at most 90 days) back, a day's margin for offsets.
    const fromDay = toDay - 366 - 92;
    const [memberships, orders] = await Promise.all([
      membershipsOfEventCustomers(ctx.db, ctx.storeId, range),
      discountedOrdersOfEventCustomers(ctx.db, ctx.storeId, range, fromDay, toDay),
    ]);
    const discounts = new Map<string, DiscountedOrder[]>();
    for (const order of orders) {
      const list = discounts.get(order.customerId);
      if (list) list.push(order);
      else discounts.set(order.customerId, [order]);
    }
    return { memberships, discounts };
  },
  filter(event, state, _settings, sendAt) {
    const membership = membershipOf(state, payloadText(event, 'membershipId'));
    if (membership === undefined || payloadText(event, 'renewsAt') === null) return false;
    const over = (at: string | null) => at !== null && at <= sendAt;
    return !over(membership.cancelledAt) && !over(membership.endedAt);
  },
  data(event, state, ctx, settings, sendAt) {
    const membership = membershipOf(state, payloadText(event, 'membershipId'))!;
    const renewsAt = payloadText(event, 'renewsAt')!;
    return {
      membership: {
        plan: membership.planName,
        renews_on: longDateOfInstant(renewsAt, ctx.timeZone),
        price_minor: membership.feeMinor,
        saved_minor: savedMinor(state.discounts.get(event.customerId), membership, renewsAt, sendAt),
        currency: membership.currency,
        manage_url: ctx.links.shop(settings.managePath),
      },
    };
  },
  reason(event, state, ctx) {
    const membership = membershipOf(state, payloadText(event, 'membershipId'))!;
    const price = new Intl.NumberFormat('en', { style: 'currency', currency: membership.currency });
    const digits = minorUnitDigits(membership.currency);
    return `${membership.planName} renews on ${isoDateOfInstant(payloadText(event, 'renewsAt')!, ctx.timeZone)} for ${price.format(membership.feeMinor / 10 ** digits)}`;
  },
});
