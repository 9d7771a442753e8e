import type { MessagePurpose } from '../../delivery/index.js';
import type { CustomerEventKind } from '../../events/index.js';
import type { FlowKind } from './flow-definition.js';
import { SettingsReader } from './flow-settings.js';
import { eventRangeFor, eventSendAt, MAX_EVENT_DELAY_MINUTES } from './reward-moments.js';
import { type EventRange, type FlowEvent, flowEvents } from './flow-events.query.js';
import type { FlowCandidate, FlowContext, FlowPlanner } from './flow-planner.js';

/**
 * One message per event: the rewards flows (tier reached, challenge offered and completed, points
 * expiring, membership renewal) share this shape. An event that occurred at T sends at
 * T + delayMinutes; the run whose window holds that instant plans it, keyed by the event's id, so
 * each event is planned once however the runs fall.
 *
 * Only events recorded before the run count: an event recorded later with an earlier occurred_at
 * (a late job) falls in a window already planned. The rewards jobs record events as they happen
 * (their occurredAt is the job's own clock, or, for a renewal reminder, its due instant, at most a
 * job interval earlier), so a run that plans up to now sees them.
 */

/** Settings every event flow has. */
export interface EventFlowSettings {
  /** Minutes after the event the message goes out (0: at once). */
  readonly delayMinutes: number;
}

/** What the factory needs besides the event kind: its own settings, the state to read, the words. */
export interface EventFlowSpec<Settings extends EventFlowSettings, State> {
  readonly kind: FlowKind;
  readonly event: CustomerEventKind;
  readonly summary: string;
  readonly purpose: MessagePurpose;
  readonly priority: number;
  readonly template: string;
  /** Reads the kind's own settings (delayMinutes is read already) and returns them whole. */
  readonly settings: (reader: SettingsReader, common: EventFlowSettings) => Settings;
  /**
   * The current state the messages need, for all the window's customers at once (one query per
   * kind, never one per event); `range` names the events, `ctx.window.to` is the as-of instant.
   */
  readonly state: (ctx: FlowContext, range: EventRange, settings: Settings) => Promise<State>;
  /** Whether the event still calls for its message (an upgrade, a challenge still open...). */
  readonly filter: (event: FlowEvent, state: State, settings: Settings, sendAt: string) => boolean;
  /** The template's own variables. */
  readonly data: (
    event: FlowEvent,
    state: State,
    ctx: FlowContext,
    settings: Settings,
    sendAt: string,
  ) => Record<string, unknown>;
  /** The sentence the dry run shows. */
  readonly reason: (event: FlowEvent, state: State, ctx: FlowContext, settings: Settings, sendAt: string) => string;
}

/**
 * The rewards events come from the rewards sync seconds after the order (more behind a large
 * import): a live run re-reads six hours back so none falls between two runs.
 */
export const LATE_EVENTS_MS = 6 * 3_600_000;

export function eventFlow<Settings extends EventFlowSettings, State>(
  spec: EventFlowSpec<Settings, State>,
): FlowPlanner<Settings> {
  return {
    kind: spec.kind,
    summary: spec.summary,
    purpose: spec.purpose,
    priority: spec.priority,
    templates: [spec.template],
    lateFactsMs: LATE_EVENTS_MS,
    parseSettings(raw, where) {
      const reader = new SettingsReader(raw, where);
      const delayMinutes = reader.number('delayMinutes', 0, 0, MAX_EVENT_DELAY_MINUTES, { integer: true });
      const settings = spec.settings(reader, { delayMinutes });
      reader.done();
      return settings;
    },
    async plan(ctx, settings) {
      const range: EventRange = { kinds: [spec.event], ...eventRangeFor(ctx.window, settings.delayMinutes) };
      const events = await flowEvents(ctx.db, ctx.storeId, range);
      if (events.length === 0) return [];
      const state = await spec.state(ctx, range, settings);
      const candidates: FlowCandidate[] = [];
      for (const event of events) {
        const sendAt = eventSendAt(event.occurredAt, settings.delayMinutes);
        if (!spec.filter(event, state, settings, sendAt)) continue;
        candidates.push({
          customerId: event.customerId,
          externalId: event.externalId,
          triggerKey: `event:${event.id}`,
          sendAt,
          reason: spec.reason(event, state, ctx, settings, sendAt),
          template: spec.template,
          data: spec.data(event, state, ctx, settings, sendAt),
        });
      }
      return candidates;
    },
  };
}

/** A payload field as text, or null (payloads are JSON the rewards code wrote). */
export function payloadText(event: FlowEvent, field: string): string | null {
  const value = event.payload[field];
  return typeof value === 'string' ? value : null;
}

/** A payload field as a finite number, or null. */
export function payloadNumber(event: FlowEvent, field: string): number | null {
  const value = event.payload[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A path on the shop ('/account'): starts with '/'. */
export const SHOP_PATH = /^\/[^\s]*$/;
export const SHOP_PATH_HINT = "a path on the shop starting with '/' (such as /account)";
