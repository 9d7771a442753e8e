import { challengeGoalOf, challengeGoalText, formatPoints, isoDateOfInstant } from '../engine/reward-moments.js';
import { balanceOf, type LedgerEntry } from '../../loyalty/index.js';
import {
  challengesOfEventCustomers,
  type FlowChallenge,
  ledgersOfEventCustomers,
} from '../engine/flow-events.query.js';
import {
  eventFlow,
  type EventFlowSettings,
  payloadNumber,
  payloadText,
  SHOP_PATH,
  SHOP_PATH_HINT,
} from '../engine/event-flow.planner.js';

export interface ChallengeCompletedSettings extends EventFlowSettings {
  /** The shop's account page, where the customer sees the points. */
  readonly accountPath: string;
}

interface State {
  readonly challenges: Map<string, FlowChallenge>;
  readonly ledgers: Map<string, LedgerEntry[]>;
}

/** Points the customer holds at the send instant: available and still pending (inside the return window). */
function heldPoints(ledger: readonly LedgerEntry[] | undefined, at: string): number {
  const { available, pending } = balanceOf(ledger ?? [], at);
  return available + pending;
}

/**
 * "You did it": a challenge met, its bonus posted (advance-challenges-for-order.ts). The message
 * gives the goal, the bonus and the points the customer now holds, read from the loyalty ledger of
 * all the window's customers at once.
 */
export const challengeCompletedFlow = eventFlow<ChallengeCompletedSettings, State>({
  kind: 'challenge-completed',
  event: 'challenge_completed',
  summary: 'a challenge is completed: congratulations, the bonus and the points balance',
  purpose: 'marketing',
  priority: 60,
  template: 'challenge-completed',
  settings: (reader, common) => ({
    ...common,
    accountPath: reader.string('accountPath', '/account', SHOP_PATH, SHOP_PATH_HINT),
  }),
  async state(ctx, range) {
    const [challenges, ledgers] = await Promise.all([
      challengesOfEventCustomers(ctx.db, ctx.storeId, range),
      ledgersOfEventCustomers(ctx.db, ctx.storeId, range, ctx.window.to),
    ]);
    return { challenges, ledgers };
  },
  filter: () => true,
  data(event, state, ctx, settings, sendAt) {
    const goal = challengeGoalOf(event.payload, state.challenges.get(payloadText(event, 'challengeId') ?? ''));
    return {
      challenge: { description: challengeGoalText(goal), reward_points: payloadNumber(event, 'bonusPoints') ?? 0 },
      points: { balance: heldPoints(state.ledgers.get(event.customerId), sendAt) },
      account_url: ctx.links.shop(settings.accountPath),
    };
  },
  reason(event, state, ctx) {
    const goal = challengeGoalText(
      challengeGoalOf(event.payload, state.challenges.get(payloadText(event, 'challengeId') ?? '')),
    );
    return `completed challenge "${goal}" on ${isoDateOfInstant(event.occurredAt, ctx.timeZone)} (+${formatPoints(payloadNumber(event, 'bonusPoints') ?? 0)} points)`;
  },
});
