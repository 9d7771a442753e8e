import { nullable } from '../../platform/http/common.schema.js';
import { BACKTEST_MAX_DAYS } from './engine/backtest-flow.service.js';

/**
 * The answers of the flows routes the console reads, described field by field: the console's
 * typed client is generated from them (web/console/api/schema.d.ts).
 */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const obj = (properties: Record<string, object>, optional: readonly string[] = []) =>
  ({
    type: 'object',
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
    properties,
  }) as const;
const arr = (items: object) => ({ type: 'array', items }) as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

export const flowListing = obj({
  name: str,
  kind: str,
  description: str,
  summary: { ...str, description: "The kind's one line: what it does" },
  enabled: bool,
  source: { ...str, description: "'built-in', 'console', or the file the definition was loaded from" },
  stored: bool,
  channel: str,
  purpose: { type: 'string', enum: ['marketing', 'transactional'] },
  templates: arr(str),
  plannedUntil: nullable(str),
  settings: {
    ...anyObject,
    description: "The settings in effect: the definition's, completed with the kind's defaults",
  },
});

export const flowList = obj({ flows: arr(flowListing) });

export const flowSettingsBody = {
  type: 'object',
  required: ['settings'],
  additionalProperties: false,
  properties: {
    settings: {
      ...anyObject,
      description:
        'Only the settings to change, merged into the written ones (objects field by field; null is a value). Checked by the kind: INVALID_FLOW names settings.<field>',
    },
  },
} as const;

export const flowGatesAnswer = obj({
  flow: str,
  enabled: bool,
  purpose: str,
  channel: str,
  ready: { ...bool, description: 'Every gate checked here passes (the SpamAssassin score is checked when enabling)' },
  gates: arr(
    obj({
      gate: { type: 'string', enum: ['settings', 'templates', 'copy', 'shop-profile', 'spam-score', 'mail-transport'] },
      status: { type: 'string', enum: ['pass', 'fail', 'warn', 'unchecked'] },
      code: nullable(str),
      message: str,
    }),
  ),
});

const finding = obj(
  {
    rule: str,
    severity: { type: 'string', enum: ['blocking', 'warning'] },
    message: str,
    where: { type: 'string', enum: ['subject', 'html', 'text', 'sms'] },
    excerpt: str,
  },
  ['excerpt'],
);

export const flowPreviewAnswer = obj({
  flow: str,
  channel: str,
  templates: arr(
    obj({
      template: str,
      findings: arr(finding),
      error: nullable(obj({ code: str, message: str })),
      message: nullable(obj({ subject: str, html: str, text: str })),
      sms: nullable(str),
    }),
  ),
});

export const backtestBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    days: {
      type: 'integer',
      default: 30,
      description: `How many days to plan, 1 to ${BACKTEST_MAX_DAYS} (outside: INVALID_ARGUMENT naming days)`,
    },
    firstDay: {
      type: 'string',
      maxLength: 10,
      description:
        "The first day, YYYY-MM-DD in the store's zone (default: days days before today, so the last is yesterday)",
    },
  },
} as const;

export const backtestAnswer = obj({
  flow: str,
  firstDay: str,
  lastDay: str,
  days: int,
  timeZone: str,
  totals: obj({ planned: int, send: int, postpone: int, skip: int, heldOut: int }),
  byReason: { type: 'object', additionalProperties: int },
  rows: arr(
    obj({
      customerId: str,
      customerRef: str,
      sendAt: str,
      template: str,
      reason: str,
      outcome: { type: 'string', enum: ['send', 'postpone', 'skip', 'held_out'] },
      why: nullable(str),
      until: nullable(str),
    }),
  ),
  truncated: bool,
});
