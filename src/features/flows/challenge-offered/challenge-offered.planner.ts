import { challengeGoalOf, challengeGoalText, formatPoints, longDateOfYmd } from '../engine/reward-moments.js';
import { challengesOfEventCustomers, type FlowChallenge } from '../engine/flow-events.query.js';
import {
  eventFlow,
  type EventFlowSettings,
  payloadNumber,
  payloadText,
  SHOP_PATH,
  SHOP_PATH_HINT,
} from '../engine/event-flow.planner.js';

export interface ChallengeOfferedSettings extends EventFlowSettings {
  /** The shop's page where the customer sees the challenge. */
  readonly challengePath: string;
}

/**
 * A personal challenge offered (docs/challenges.md): the message tells the customer the goal, the
 * deadline and the bonus. A challenge already completed or expired by the send instant (completed
 * at once by orders already placed) gets no offer: the completed flow speaks then.
 */
export const challengeOfferedFlow = eventFlow<ChallengeOfferedSettings, Map<string, FlowChallenge>>({
  kind: 'challenge-offered',
  event: 'challenge_offered',
  summary: 'a personal challenge is offered: the goal, the deadline and the bonus points',
  purpose: 'marketing',
  priority: 45,
  template: 'challenge-offered',
  settings: (reader, common) => ({
    ...common,
    challengePath: reader.string('challengePath', '/account/challenges', SHOP_PATH, SHOP_PATH_HINT),
  }),
  state: (ctx, range) => challengesOfEventCustomers(ctx.db, ctx.storeId, range),
  filter(event, challenges, _settings, sendAt) {
    if (payloadText(event, 'deadline') === null) return false;
    const challenge = challenges.get(payloadText(event, 'challengeId') ?? '');
    if (challenge === undefined) return true;
    return (
      !(challenge.completedAt !== null && challenge.completedAt <= sendAt) &&
      !(challenge.expiredAt !== null && challenge.expiredAt <= sendAt)
    );
  },
  data(event, challenges, ctx, settings) {
    const goal = challengeGoalOf(event.payload, challenges.get(payloadText(event, 'challengeId') ?? ''));
    return {
      challenge: {
        description: challengeGoalText(goal),
        ends_on: longDateOfYmd(payloadText(event, 'deadline')!),
        reward_points: payloadNumber(event, 'bonusPoints') ?? 0,
        url: ctx.links.shop(settings.challengePath),
      },
    };
  },
  reason(event, challenges) {
    const goal = challengeGoalText(
      challengeGoalOf(event.payload, challenges.get(payloadText(event, 'challengeId') ?? '')),
    );
    return `offered challenge "${goal}" by ${payloadText(event, 'deadline')!} for ${formatPoints(payloadNumber(event, 'bonusPoints') ?? 0)} points`;
  },
});
