import { isoDateOfInstant, longDateOfInstant, tierPerkLines } from '../engine/reward-moments.js';
import type { TierSettings } from '../../tiers/index.js';
import { readTierSettings } from '../../tiers/index.js';
import {
  eventFlow,
  type EventFlowSettings,
  payloadText,
  SHOP_PATH,
  SHOP_PATH_HINT,
} from '../engine/event-flow.planner.js';

export interface TierReachedSettings extends EventFlowSettings {
  /** The shop's account page, where the customer sees points and perks. */
  readonly accountPath: string;
}

/**
 * "Welcome to Gold": a message when a customer moves up a tier (a tier_changed event with direction
 * 'up'). A downgrade sends nothing: no one wants to be told. The perks are the tier's as the
 * store's tier settings say now (one read for the run), the validity the tier's period end.
 */
export const tierReachedFlow = eventFlow<TierReachedSettings, TierSettings | null>({
  kind: 'tier-reached',
  event: 'tier_changed',
  summary: 'a customer reaches a higher loyalty tier: welcome and perks',
  purpose: 'marketing',
  priority: 60,
  template: 'tier-reached',
  settings: (reader, common) => ({
    ...common,
    accountPath: reader.string('accountPath', '/account', SHOP_PATH, SHOP_PATH_HINT),
  }),
  state: (ctx) => readTierSettings(ctx.db, ctx.storeId),
  filter: (event) => event.payload.direction === 'up' && payloadText(event, 'to') !== null,
  data(event, settings, ctx, flow) {
    const name = payloadText(event, 'to')!;
    const level = settings?.levels.find((l) => l.name === name);
    const periodEnd = payloadText(event, 'periodEnd');
    return {
      tier: {
        name,
        valid_until: periodEnd === null ? '' : longDateOfInstant(periodEnd, ctx.timeZone),
        perks: level === undefined ? [] : tierPerkLines(level.perks),
      },
      account_url: ctx.links.shop(flow.accountPath),
    };
  },
  reason(event, _settings, ctx) {
    const from = payloadText(event, 'from');
    return `reached tier ${payloadText(event, 'to')!} on ${isoDateOfInstant(event.occurredAt, ctx.timeZone)}${from === null ? '' : ` (from ${from})`}`;
  },
});
