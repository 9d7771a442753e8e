import { CONSENT_CHANNELS, CONSENT_STATUSES, type ConsentInput } from '../consent/index.js';
import type { CustomerInput } from './customer.js';
import { externalId, instant, nullable, timeZone } from '../../platform/http/common.schema.js';

const profileProperties = {
  externalId,
  email: nullable({ type: 'string', maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
  phone: nullable({ type: 'string', maxLength: 32 }),
  firstName: nullable({ type: 'string', maxLength: 200 }),
  lastName: nullable({ type: 'string', maxLength: 200 }),
  birthday: nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  timeZone: nullable(timeZone),
  locale: nullable({ type: 'string', maxLength: 35, description: 'BCP 47 tag, e.g. de-DE' }),
  tags: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
  attributes: { type: 'object', additionalProperties: true, maxProperties: 100 },
} as const;

/** A customer as embedded in an order: who bought, by the source's id, with what the order knows. */
export const customerRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['externalId'],
  properties: profileProperties,
} as const;

export const consentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'status'],
  properties: {
    channel: { type: 'string', enum: CONSENT_CHANNELS },
    purpose: { type: 'string', enum: ['marketing', 'transactional'], default: 'marketing' },
    status: { type: 'string', enum: CONSENT_STATUSES },
    source: { type: 'string', maxLength: 64, default: 'api' },
    recordedAt: instant,
    ip: nullable({ type: 'string', maxLength: 45 }),
    doubleOptInAt: nullable(instant),
  },
} as const;

export const customerBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['externalId'],
  properties: {
    ...profileProperties,
    consent: { type: 'array', maxItems: 20, items: consentSchema },
  },
} as const;

export interface ConsentBody {
  channel: ConsentInput['channel'];
  purpose?: string;
  status: ConsentInput['status'];
  source?: string;
  recordedAt?: string;
  ip?: string | null;
  doubleOptInAt?: string | null;
}

export type CustomerRefBody = CustomerInput;

export interface CustomerBody extends CustomerInput {
  consent?: ConsentBody[];
}

/** The body's consent entries as the domain's, stamped `now` when the caller did not say when. */
export function consentFromBody(body: readonly ConsentBody[] | undefined, now: string): ConsentInput[] {
  return (body ?? []).map((c) => ({
    channel: c.channel,
    purpose: c.purpose ?? 'marketing',
    status: c.status,
    source: c.source ?? 'api',
    recordedAt: c.recordedAt ?? now,
    ip: c.ip ?? null,
    doubleOptInAt: c.doubleOptInAt ?? null,
  }));
}

/** The profile fields of a body: consent travels separately (it is appended, never overwritten). */
export function customerFromBody(body: CustomerBody): CustomerInput {
  const { consent: _consent, ...profile } = body;
  return profile;
}
