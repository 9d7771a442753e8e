import { nullable } from '../../platform/http/common.schema.js';
import { CAMPAIGN_STATUSES } from './campaign-draft.js';

/** The request and response shapes of /v1/campaigns (docs/api.md "Campaigns"), for validation and the OpenAPI document. */

export const campaignName = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
  description: "The campaign's name, unique per store among its flows: lower-case letters, digits, '-' and '_'",
} as const;

export const nameParams = { type: 'object', required: ['name'], properties: { name: campaignName } } as const;

const copyProperties = {
  subject: { type: 'string', minLength: 1, maxLength: 200, description: 'The email subject (one line)' },
  preheader: {
    type: 'string',
    maxLength: 200,
    description: 'The preview text inbox lists show after the subject (one line; hidden in the body)',
  },
  body: {
    type: 'string',
    minLength: 1,
    maxLength: 100_000,
    description:
      'Markdown (headings, paragraphs, lists, **bold**, *italic*, [links](https://...)) with Liquid (`{{ customer.first_name }}`); raw HTML is shown as text',
  },
} as const;

/** Preview, lint and test send take the copy only. */
export const copyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'body'],
  properties: copyProperties,
} as const;

const draftProperties = {
  ...copyProperties,
  segment: {
    ...nullable({ type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' }),
    description: "A built-in segment's key ('vip') or a segment's id ('seg_...'); null or left out: every customer",
  },
  sendAt: {
    type: 'string',
    maxLength: 40,
    description:
      "When it goes out: 'YYYY-MM-DDTHH:mm' in the store's time zone, or an instant with an offset; left out: tomorrow 09:00 in the store's zone",
  },
  localTime: {
    type: 'boolean',
    description: "Send at sendAt's wall time (read in the store's zone) in each customer's own zone",
  },
} as const;

export const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'subject', 'body'],
  properties: { name: campaignName, ...draftProperties },
} as const;

export const updateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'body'],
  properties: draftProperties,
} as const;

export const testSendBody = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'body'],
  properties: {
    ...copyProperties,
    to: {
      type: 'string',
      maxLength: 254,
      description: "A staff user's address; the signed-in user's when left out",
    },
  },
} as const;

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export const campaignSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'name',
    'status',
    'subject',
    'preheader',
    'body',
    'segment',
    'segmentName',
    'sendAt',
    'localTime',
    'scheduledAt',
    'createdAt',
    'updatedAt',
    'messages',
  ],
  properties: {
    name: { type: 'string' },
    status: { type: 'string', enum: [...CAMPAIGN_STATUSES] },
    subject: { type: 'string' },
    preheader: { type: 'string' },
    body: { type: 'string' },
    segment: nullable({ type: 'string' }),
    segmentName: nullable({ type: 'string' }),
    sendAt: { type: 'string', description: 'UTC instant' },
    localTime: { type: 'boolean' },
    scheduledAt: nullable({ type: 'string' }),
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    messages: { ...counts, description: 'Its outbox messages by status (planned, held_out, sent, skipped, failed...)' },
  },
} as const;

export const campaignListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['campaigns', 'counts', 'timeZone'],
  properties: {
    campaigns: { type: 'array', items: campaignSchema },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: [...CAMPAIGN_STATUSES],
      properties: Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, { type: 'integer' }])),
    },
    timeZone: { type: 'string', description: "The store's time zone, which sendAt without an offset is read in" },
  },
} as const;

export const audiencesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['audiences', 'asOf'],
  properties: {
    asOf: { type: 'string' },
    audiences: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['segment', 'name', 'builtIn', 'members'],
        properties: {
          segment: nullable({ type: 'string' }),
          name: nullable({ type: 'string' }),
          builtIn: { type: 'boolean' },
          members: { type: 'integer' },
        },
      },
    },
  },
} as const;

export const previewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'preheader', 'html', 'text', 'customer'],
  properties: {
    subject: { type: 'string' },
    preheader: { type: 'string' },
    html: { type: 'string' },
    text: { type: 'string' },
    customer: { type: 'object', additionalProperties: true },
  },
} as const;

const finding = {
  type: 'object',
  additionalProperties: true,
  required: ['rule', 'severity', 'where', 'message'],
  properties: {
    rule: { type: 'string' },
    severity: { type: 'string', enum: ['blocking', 'warning'] },
    where: { type: 'string' },
    message: { type: 'string' },
    excerpt: { type: 'string' },
    spamAssassin: { type: 'string' },
  },
} as const;

const spamCheck = {
  type: 'object',
  additionalProperties: false,
  required: ['scored'],
  properties: {
    scored: { type: 'boolean' },
    reason: { type: 'string', description: 'Why it was not scored' },
    limit: { type: 'number' },
    templates: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['template', 'score', 'limit', 'rules'],
        properties: {
          template: { type: 'string' },
          score: { type: 'number' },
          limit: { type: 'number' },
          rules: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

export const lintSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['template', 'findings', 'error', 'blocked', 'spamCheck', 'overSpamLimit'],
  properties: {
    template: { type: 'string' },
    findings: { type: 'array', items: finding },
    error: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    }),
    blocked: { type: 'boolean' },
    spamCheck,
    overSpamLimit: { type: 'boolean' },
  },
} as const;

export const scheduleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['campaign', 'audience', 'warnings', 'spamCheck'],
  properties: {
    campaign: campaignSchema,
    audience: { type: 'integer', description: 'Members of its segment when it was scheduled' },
    warnings: {
      type: 'array',
      items: { ...finding, properties: { ...finding.properties, template: { type: 'string' } } },
    },
    spamCheck,
  },
} as const;

export const cancelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['campaign', 'changed', 'withdrawn'],
  properties: {
    campaign: campaignSchema,
    changed: { type: 'boolean' },
    withdrawn: { type: 'integer', description: 'Messages already planned and not yet sent, now skipped' },
  },
} as const;

export const testSendSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['to', 'messageId', 'subject'],
  properties: { to: { type: 'string' }, messageId: { type: 'string' }, subject: { type: 'string' } },
} as const;
