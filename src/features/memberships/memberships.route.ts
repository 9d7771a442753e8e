import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { membershipEventOf, PROVIDER_STATUSES, type ProviderStatus } from './membership-state.js';
import {
  DEFAULT_RENEWAL_REMINDER_DAYS,
  MAX_EXTRA_POINTS_MULTIPLIER,
  MAX_PERIOD_MONTHS,
  MAX_REMINDER_DAYS,
} from './plan.js';
import { nowIso } from '../../platform/ids.js';
import { CHANGE_REASONS, type ChangeReason } from '../subscriptions/index.js';
import { changeMembershipStatus } from './membership-lifecycle.service.js';
import {
  createMembershipPlan,
  customerMemberships,
  membershipOfStore,
  membershipPlansOfStore,
  membershipWithPlan,
  startCustomerMembership,
} from './memberships.service.js';
import type { Database } from '../../platform/database/database.table.js';
import {
  bearerAuth,
  commonErrors,
  currency,
  externalId,
  instant,
  looseObject,
  minorUnits,
} from '../../platform/http/common.schema.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;

interface PlanBody {
  code: string;
  name: string;
  feeMinor: number;
  currency: string;
  periodMonths: number;
  renewalReminderDays?: number;
  perks?: {
    freeShipping?: boolean;
    extraPointsMultiplier?: number;
    memberCouponPercent?: number | null;
    textPerks?: string[];
  };
}

const planBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'feeMinor', 'currency', 'periodMonths'],
  properties: {
    code: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: "The store's name for the plan: a-z 0-9 - _ (any case; stored lower case)",
    },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    feeMinor: { ...minorUnits, description: 'The fee for one billing period, minor units' },
    currency,
    periodMonths: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_PERIOD_MONTHS,
      description: 'Billing period in calendar months (12 = yearly)',
    },
    renewalReminderDays: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_REMINDER_DAYS,
      default: DEFAULT_RENEWAL_REMINDER_DAYS,
      description: 'membership_renewal_due this many days before renewal; 0 for none',
    },
    perks: {
      type: 'object',
      additionalProperties: false,
      properties: {
        freeShipping: { type: 'boolean', default: false, description: 'Free shipping with no minimum' },
        extraPointsMultiplier: {
          type: 'number',
          minimum: 1,
          maximum: MAX_EXTRA_POINTS_MULTIPLIER,
          default: 1,
          description: 'Earned points x this (1.5 = 50% extra)',
        },
        memberCouponPercent: {
          anyOf: [{ type: 'integer', minimum: 1, maximum: 100 }, { type: 'null' }],
          default: null,
        },
        textPerks: {
          type: 'array',
          maxItems: 20,
          items: { type: 'string', minLength: 1, maxLength: 500 },
          default: [],
        },
      },
    },
  },
} as const;

const startBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['plan', 'customerId'],
  properties: {
    plan: { type: 'string', minLength: 1, maxLength: 64, description: "The plan's id (mpl_...) or code" },
    customerId: {
      ...externalId,
      description: 'The customer as the shop knows them (their external id), or Regulars id cus_...',
    },
    startedAt: { ...instant, description: 'Start of the first paid period; default now' },
  },
} as const;

const statusBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: {
      type: 'string',
      enum: [...PROVIDER_STATUSES],
      description: "The payment provider's news: renewed (or paid), payment_failed, cancelled, expired",
    },
    eventId: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: "The provider's event id: a repeat is answered as duplicate and applied once",
    },
    occurredAt: { ...instant, description: 'When it happened at the provider; default now' },
    reason: {
      type: 'string',
      enum: [...CHANGE_REASONS],
      description: `With status cancelled only: why the customer cancelled, for the churn-reason report (one of ${CHANGE_REASONS.join(', ')})`,
    },
    note: { type: 'string', maxLength: 1000, description: "With status cancelled only: the customer's own words" },
  },
} as const;

export const membershipRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post<{ Body: PlanBody }>(
    '/membership-plans',
    {
      schema: {
        tags: ['memberships'],
        summary: 'Create a paid membership plan: fee per period and perks',
        security: bearerAuth,
        body: planBodySchema,
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const perks = body.perks ?? {};
      const plan = await createMembershipPlan(
        db,
        request.store.id,
        {
          code: body.code,
          name: body.name,
          feeMinor: body.feeMinor,
          currency: body.currency,
          periodMonths: body.periodMonths,
          renewalReminderDays: body.renewalReminderDays ?? DEFAULT_RENEWAL_REMINDER_DAYS,
          perks: {
            freeShipping: perks.freeShipping ?? false,
            extraPointsMultiplier: perks.extraPointsMultiplier ?? 1,
            memberCouponPercent: perks.memberCouponPercent ?? null,
            textPerks: perks.textPerks ?? [],
          },
        },
        nowIso(),
      );
      return reply.code(201).send(plan);
    },
  );

  app.get(
    '/membership-plans',
    {
      schema: {
        tags: ['memberships'],
        summary: "The store's membership plans",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => ({ plans: await membershipPlansOfStore(db, request.store.id) }),
  );

  app.post<{ Body: { plan: string; customerId: string; startedAt?: string } }>(
    '/memberships',
    {
      schema: {
        tags: ['memberships'],
        summary: "Start a customer's membership of a plan (after the provider took the first payment)",
        security: bearerAuth,
        body: startBodySchema,
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const now = nowIso();
      const { plan, customerId, startedAt } = request.body;
      return reply
        .code(201)
        .send(
          await startCustomerMembership(
            db,
            request.store.id,
            { plan, customer: customerId, startedAt: startedAt ?? now },
            now,
          ),
        );
    },
  );

  app.post<{
    Params: { id: string };
    Body: { status: ProviderStatus; eventId?: string; occurredAt?: string; reason?: ChangeReason; note?: string };
  }>(
    '/memberships/:id/status',
    {
      schema: {
        tags: ['memberships'],
        summary:
          "Apply the payment provider's status (renewed/paid, payment_failed, cancelled, expired); idempotent per eventId",
        security: bearerAuth,
        params: idParams,
        body: statusBodySchema,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const now = nowIso();
      const { status, eventId, occurredAt, reason, note } = request.body;
      const event = membershipEventOf(status);
      const result = await changeMembershipStatus(
        db,
        request.store.id,
        request.params.id,
        { event, eventId: eventId ?? null, occurredAt: occurredAt ?? now, reason: reason ?? null, note: note ?? null },
        now,
      );
      if (result.outcome === 'refused') {
        const message =
          result.code === 'MEMBERSHIP_EVENT_ID_REUSED'
            ? `membership ${result.membership.id} already recorded event ${eventId} with another status`
            : `a ${result.membership.status} membership cannot take ${status}`;
        throw new RegularsError(result.code, message, {
          membershipId: result.membership.id,
          from: result.membership.status,
          status,
          eventId: eventId ?? null,
        });
      }
      return {
        outcome: result.outcome,
        membership: await membershipWithPlan(db, request.store.id, result.membership, now),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/memberships/:id',
    {
      schema: {
        tags: ['memberships'],
        summary: 'One membership',
        security: bearerAuth,
        params: idParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => membershipOfStore(db, request.store.id, request.params.id, nowIso()),
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/memberships',
    {
      schema: {
        tags: ['memberships'],
        summary:
          "A customer's memberships (newest first) and the perks they give now; id is the external id or cus_...",
        security: bearerAuth,
        params: idParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => customerMemberships(db, request.store.id, request.params.id, nowIso()),
  );
};
