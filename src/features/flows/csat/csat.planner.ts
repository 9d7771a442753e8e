import { isoDateOfInstant } from '../engine/reward-moments.js';
import { eventFlow, type EventFlowSettings, payloadText } from '../engine/event-flow.planner.js';

export interface CsatSettings extends EventFlowSettings {
  /** The `custom` event's name that asks for the survey: what the store posts when a support case closes. */
  readonly eventName: string;
}

export const CSAT_LABELS = ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'] as const;

/** A custom event's name: letters, digits, '.', '_', '-'. */
const EVENT_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The CSAT survey (docs/surveys.md): after a support-like moment the store posts as a custom
 * event (`POST /v1/events` with `{kind: 'custom', payload: {name: 'support.resolved', ticketId}}`),
 * "How satisfied were you with the help you got?" 1-5, each score a one-click link to the hosted
 * survey page. One survey per event; the subject is the event's ticketId (else the event's id), so
 * two tickets are two surveys.
 */
export const csatFlow = eventFlow<CsatSettings, null>({
  kind: 'csat',
  event: 'custom',
  summary: 'Asks "how satisfied were you?" (1-5, one click) after a support case the store reports as an event',
  purpose: 'marketing',
  priority: 45,
  template: 'csat',
  settings: (reader, common) => ({
    ...common,
    eventName: reader.string(
      'eventName',
      'support.resolved',
      EVENT_NAME,
      "an event name (letters, digits, '.', '_', '-')",
    ),
  }),
  state: async () => null,
  filter: (event, _state, settings) => event.payload.name === settings.eventName,
  data(event, _state, ctx) {
    // A link's subject is at most 120 characters (feedback-token.ts): a longer ticket id falls back to the event's.
    const ticket = payloadText(event, 'ticketId');
    const subject = ticket !== null && ticket.length <= 100 ? ticket : event.id;
    return {
      score_links: CSAT_LABELS.map((label, i) => ({
        score: i + 1,
        label,
        url: ctx.links.survey(event.customerId, 'csat', String(i + 1), subject),
      })),
    };
  },
  reason(event, _state, ctx, settings) {
    const ticket = payloadText(event, 'ticketId');
    return `${settings.eventName}${ticket === null ? '' : ` (ticket ${ticket})`} on ${isoDateOfInstant(event.occurredAt, ctx.timeZone)}; asks how satisfied they were, 1-5`;
  },
});
