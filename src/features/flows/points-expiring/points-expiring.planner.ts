import { formatPoints, isoDateOfInstant, longDateOfInstant, pointsWorthMinor } from '../engine/reward-moments.js';
import { expiresAt } from '../../loyalty/index.js';
import { balanceOf, type LedgerEntry } from '../../loyalty/index.js';
import type { LoyaltyProgram } from '../../loyalty/index.js';
import { ledgersOfEventCustomers } from '../engine/flow-events.query.js';
import { readLoyaltyProgram } from '../../loyalty/index.js';
import { eventFlow, type EventFlowSettings, payloadText } from '../engine/event-flow.planner.js';

export type PointsExpiringSettings = EventFlowSettings;

interface State {
  readonly program: LoyaltyProgram | null;
  readonly ledgers: Map<string, LedgerEntry[]>;
}

/**
 * The points a warning still announces at the send instant: the customer's available points if
 * they still expire on the warned date; null when activity since moved the date (the expiry job
 * warns again for the new date) or nothing is left to expire.
 */
function stillExpiring(
  state: State,
  customerId: string,
  warnedAt: string | null,
  sendAt: string,
): { points: number; balance: number } | null {
  const months = state.program?.expiry.months ?? null;
  if (months === null || warnedAt === null) return null;
  const ledger = state.ledgers.get(customerId) ?? [];
  if (expiresAt(ledger, sendAt, { months, warnDays: state.program!.expiry.warnDays }) !== warnedAt) return null;
  const { available, pending } = balanceOf(ledger, sendAt);
  return available > 0 ? { points: available, balance: available + pending } : null;
}

/**
 * "300 of your points expire on 30 April": the loyalty expiry job's points_expiring warning
 * (warnDays before the date, once per date). The amounts are the ledger's at the send instant,
 * read for all the window's customers at once, and the value at the program's point value.
 */
export const pointsExpiringFlow = eventFlow<PointsExpiringSettings, State>({
  kind: 'points-expiring',
  event: 'points_expiring',
  summary: "points are about to expire: how many, when, and what they're worth",
  purpose: 'marketing',
  priority: 55,
  template: 'points-expiring',
  settings: (_reader, common) => common,
  async state(ctx, range) {
    const [program, ledgers] = await Promise.all([
      readLoyaltyProgram(ctx.db, ctx.storeId),
      ledgersOfEventCustomers(ctx.db, ctx.storeId, range, ctx.window.to),
    ]);
    return { program, ledgers };
  },
  filter: (event, state, _settings, sendAt) =>
    stillExpiring(state, event.customerId, payloadText(event, 'expiresAt'), sendAt) !== null,
  data(event, state, ctx, _settings, sendAt) {
    const expiry = payloadText(event, 'expiresAt')!;
    const { points, balance } = stillExpiring(state, event.customerId, expiry, sendAt)!;
    return {
      points: {
        expiring: points,
        balance,
        expires_on: longDateOfInstant(expiry, ctx.timeZone),
        // Null when the program states no point value: the built-in template needs one (docs/flows.md).
        value_minor: pointsWorthMinor(points, state.program!.pointValue),
        currency: state.program!.currency,
      },
    };
  },
  reason(event, state, ctx, _settings, sendAt) {
    const expiry = payloadText(event, 'expiresAt')!;
    const { points } = stillExpiring(state, event.customerId, expiry, sendAt)!;
    return `${formatPoints(points)} points expire on ${isoDateOfInstant(expiry, ctx.timeZone)}`;
  },
});
