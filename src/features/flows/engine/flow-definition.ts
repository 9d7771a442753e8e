import { CONSENT_CHANNELS, type ConsentChannel, PREFERENCE_TOPICS, type PreferenceTopic } from '../../consent/index.js';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../delivery/index.js';
import { RegularsError } from '../../../platform/errors.js';

/**
 * What each kind of flow plans (the micro-moments of docs/flows.md). A store's flow is a named definition of
 * one kind: the built-in 'win-back' is of kind 'win-back', and a store can keep several
 * campaigns ('spring-sale', 'black-friday'), each of kind 'campaign'.
 */
export const FLOW_KINDS = [
  'post-purchase',
  'review-request',
  'replenishment',
  'win-back',
  'abandoned-cart',
  'birthday',
  'first-order-anniversary',
  'upgrade-offer',
  'tier-reached',
  'challenge-offered',
  'challenge-completed',
  'points-expiring',
  'membership-renewal',
  'campaign',
  'nps',
  'csat',
] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/**
 * The topic a kind's messages are about when its definition names none (a store's campaign): the
 * customer's preference center turns topics off (docs/shopper.md). Each built-in definition file
 * names its topic itself.
 */
export const DEFAULT_TOPICS: Readonly<Record<FlowKind, PreferenceTopic>> = {
  'post-purchase': 'offers',
  'review-request': 'reviews',
  replenishment: 'replenishment',
  'win-back': 'offers',
  'abandoned-cart': 'offers',
  birthday: 'offers',
  'first-order-anniversary': 'offers',
  'upgrade-offer': 'offers',
  'tier-reached': 'loyalty',
  'challenge-offered': 'loyalty',
  'challenge-completed': 'loyalty',
  'points-expiring': 'loyalty',
  'membership-renewal': 'loyalty',
  campaign: 'newsletter',
  nps: 'reviews',
  csat: 'reviews',
};

/** A flow as a store keeps it, in a file (`flows/<name>.json`) or in the database. */
export interface FlowDefinition {
  /** Unique per store: lower-case letters, digits, '-' and '_' (it is the outbox's flow). */
  readonly name: string;
  readonly kind: FlowKind;
  readonly description: string;
  readonly channel: DeliveryChannel;
  /** For a webhook flow: the channel the receiving tool reaches the customer on ('sms' by default). */
  readonly consentChannel: ConsentChannel | null;
  /** 0-100; null: the kind's default. Decides postpone or drop over the frequency cap. */
  readonly priority: number | null;
  /** What its marketing messages are about (newsletter, replenishment, offers, loyalty, reviews): the preference center's topics. */
  readonly topic: PreferenceTopic;
  /** Templates used instead of the kind's ({"win-back-1": "my-win-back"}): a store's own wording. */
  readonly templates: Readonly<Record<string, string>>;
  /** The kind's own settings, as written: the kind's parser checks and completes them. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export const FLOW_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks a flow definition read from JSON; `where` (a file name) prefixes every message. Fields
 * are INVALID_FLOW with details.field; the kind's settings are checked by its planner later.
 */
export function parseFlowDefinition(value: unknown, where: string): FlowDefinition {
  const fail = (field: string, message: string) =>
    new RegularsError('INVALID_FLOW', `${where}: ${message}`, { field, where });
  if (!isObject(value)) throw fail('', 'a flow definition is a JSON object');
  const known = [
    'name',
    'kind',
    'description',
    'channel',
    'consentChannel',
    'priority',
    'topic',
    'templates',
    'settings',
  ];
  for (const key of Object.keys(value))
    if (!known.includes(key) && key !== '$schema') throw fail(key, `unknown field ${key}; known: ${known.join(', ')}`);
  const { name, kind, description, channel, consentChannel, priority, topic, templates, settings } = value;
  if (typeof name !== 'string' || !FLOW_NAME.test(name))
    throw fail('name', `name must be lower-case letters, digits, '-' or '_' (at most 64), not ${JSON.stringify(name)}`);
  if (typeof kind !== 'string' || !(FLOW_KINDS as readonly string[]).includes(kind))
    throw fail('kind', `kind must be one of ${FLOW_KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
  if (description !== undefined && typeof description !== 'string')
    throw fail('description', 'description must be text');
  const ch = channel ?? 'email';
  if (typeof ch !== 'string' || !(DELIVERY_CHANNELS as readonly string[]).includes(ch))
    throw fail('channel', `channel must be one of ${DELIVERY_CHANNELS.join(', ')}`);
  let consent: ConsentChannel | null = null;
  if (consentChannel !== undefined && consentChannel !== null) {
    if (typeof consentChannel !== 'string' || !(CONSENT_CHANNELS as readonly string[]).includes(consentChannel))
      throw fail('consentChannel', `consentChannel must be one of ${CONSENT_CHANNELS.join(', ')}`);
    if (ch === 'email' && consentChannel !== 'email')
      throw fail('consentChannel', "an email flow's consent channel is 'email'");
    consent = consentChannel as ConsentChannel;
  }
  if (
    priority !== undefined &&
    priority !== null &&
    !(typeof priority === 'number' && Number.isInteger(priority) && priority >= 0 && priority <= 100)
  ) {
    throw fail('priority', 'priority must be a whole number from 0 to 100');
  }
  if (topic !== undefined && !(typeof topic === 'string' && (PREFERENCE_TOPICS as readonly string[]).includes(topic)))
    throw fail('topic', `topic must be one of ${PREFERENCE_TOPICS.join(', ')}, not ${JSON.stringify(topic)}`);
  if (settings !== undefined && !isObject(settings)) throw fail('settings', 'settings must be a JSON object');
  if (
    templates !== undefined &&
    !(isObject(templates) && Object.values(templates).every((t) => typeof t === 'string' && TEMPLATE_NAME.test(t)))
  ) {
    throw fail('templates', 'templates must map template names to template names (lower-case letters, digits, dashes)');
  }
  return {
    name,
    kind: kind as FlowKind,
    description: typeof description === 'string' ? description : '',
    channel: ch as DeliveryChannel,
    consentChannel: consent,
    priority: typeof priority === 'number' ? priority : null,
    topic: typeof topic === 'string' ? (topic as PreferenceTopic) : DEFAULT_TOPICS[kind as FlowKind],
    templates: (templates as Record<string, string> | undefined) ?? {},
    settings: (settings as Record<string, unknown> | undefined) ?? {},
  };
}
