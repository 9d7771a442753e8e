import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { customerByReference } from '../customers/index.js';
import { RegularsError } from '../../platform/errors.js';
import { MAX_TERM_MONTHS, MAX_TERMS, type OfferTermInput, quoteOffer } from './offer.js';
import { CHANGE_REASONS, type ChangeReason, type SubscriptionChangeRequest } from './subscription-state.js';
import { nowIso } from '../../platform/ids.js';
import { changeSubscription, startSubscription } from './subscription-lifecycle.service.js';
import { saveSubscriptionOffer, subscriptionOfferOf } from './subscription-offers.service.js';
import { churnReasonsByMonth, getSubscription, listCustomerSubscriptions } from './subscriptions.service.js';
import type { Database } from '../../platform/database/database.table.js';
import {
  bearerAuth,
  commonErrors,
  currency,
  externalId,
  looseObject,
  minorUnits,
} from '../../platform/http/common.schema.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar date YYYY-MM-DD' } as const;
const month = {
  type: 'string',
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'A calendar month YYYY-MM (UTC)',
} as const;
const reason = {
  type: 'string',
  enum: [...CHANGE_REASONS],
  description: `One of ${CHANGE_REASONS.join(', ')}`,
} as const;
const note = { type: 'string', maxLength: 1000, description: "The customer's own words" } as const;
const code = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: "The offer's code (a-z 0-9 - _, any case)",
} as const;

interface OfferBody {
  code: string;
  sku: string;
  name: string;
  currency: string;
  baseMonthlyMinor: number;
  deliveryIntervalMonths?: number;
  terms: OfferTermInput[];
}

const offerBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'sku', 'name', 'currency', 'baseMonthlyMinor', 'terms'],
  properties: {
    code,
    sku: { type: 'string', minLength: 1, maxLength: 255 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    currency,
    baseMonthlyMinor: { ...minorUnits, minimum: 1, description: 'The price per month without commitment, minor units' },
    deliveryIntervalMonths: { type: 'integer', minimum: 1, maximum: 12, default: 1 },
    terms: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_TERMS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['months'],
        properties: {
          months: { type: 'integer', minimum: 1, maximum: MAX_TERM_MONTHS },
          discountPercent: {
            type: 'number',
            minimum: 0,
            exclusiveMaximum: 100,
            description: 'Percent off the base price, at most two decimals',
          },
          monthlyMinor: { ...minorUnits, minimum: 1, description: 'Or the monthly price for this term, minor units' },
        },
      },
    },
  },
} as const;

const startBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'termMonths'],
  properties: {
    customerId: {
      ...externalId,
      description: 'The customer as the shop knows them (their external id), or Regulars id cus_...',
    },
    offer: code,
    sku: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'Instead of offer: the SKU of the one offer for it',
    },
    termMonths: { type: 'integer', minimum: 1, maximum: MAX_TERM_MONTHS },
    startedOn: { ...date, description: 'Start of the commitment; default today (UTC)' },
    firstDeliveryOn: { ...date, description: 'The first delivery; default the start' },
  },
} as const;

type ChangeBody = { reason?: ChangeReason; note?: string; until?: string } | undefined;

export const subscriptionRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post<{ Body: OfferBody }>(
    '/subscription-offers',
    {
      schema: {
        tags: ['subscriptions'],
        summary:
          'Create a subscription offer, or replace the terms of the offer with this code; answers with its price table',
        security: bearerAuth,
        body: offerBodySchema,
        response: { 200: looseObject, 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const { offer, created } = await saveSubscriptionOffer(
        db,
        request.store.id,
        { ...body, deliveryIntervalMonths: body.deliveryIntervalMonths ?? 1 },
        nowIso(),
      );
      return reply.code(created ? 201 : 200).send({ ...offer, quote: quoteOffer(offer) });
    },
  );

  app.get<{ Querystring: { offer?: string; sku?: string } }>(
    '/subscriptions/quote',
    {
      schema: {
        tags: ['subscriptions'],
        summary: "An offer's price table: monthly price, total and saving per term, exact minor units",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { offer: code, sku: { type: 'string', minLength: 1, maxLength: 255 } },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => quoteOffer(await subscriptionOfferOf(db, request.store.id, request.query)),
  );

  app.post<{
    Body: {
      customerId: string;
      offer?: string;
      sku?: string;
      termMonths: number;
      startedOn?: string;
      firstDeliveryOn?: string;
    };
  }>(
    '/subscriptions',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Start a subscription of an offer on one of its terms, at the term price of today',
        security: bearerAuth,
        body: startBodySchema,
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const now = nowIso();
      const customer = await customerByReference(db, request.store.id, body.customerId);
      const offer = await subscriptionOfferOf(db, request.store.id, body);
      const startedOn = body.startedOn ?? now.slice(0, 10);
      const subscription = await startSubscription(
        db,
        request.store.id,
        {
          offer,
          customerId: customer.id,
          termMonths: body.termMonths,
          startedOn,
          firstDeliveryOn: body.firstDeliveryOn ?? startedOn,
        },
        now,
      );
      return reply.code(201).send({ ...subscription, externalCustomerId: customer.externalId });
    },
  );

  const changeRoute = (action: 'skip' | 'pause' | 'resume' | 'cancel', summary: string, body: object) =>
    app.post<{ Params: { id: string }; Body: ChangeBody }>(
      `/subscriptions/:id/${action}`,
      {
        schema: {
          tags: ['subscriptions'],
          summary,
          security: bearerAuth,
          params: idParams,
          body,
          response: { 200: looseObject, ...commonErrors },
        },
        // A skip or resume needs no body: a POST without one is read as {} before validation.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => {
        const given = request.body!;
        const change: SubscriptionChangeRequest =
          action === 'resume'
            ? { kind: 'resume' }
            : action === 'pause'
              ? { kind: 'pause', until: given.until!, reason: given.reason ?? null, note: given.note ?? null }
              : action === 'cancel'
                ? { kind: 'cancel', reason: given.reason!, note: given.note ?? null }
                : { kind: 'skip', reason: given.reason ?? null, note: given.note ?? null };
        const result = await changeSubscription(db, request.store.id, request.params.id, change, nowIso());
        if (result.outcome === 'refused') {
          throw new RegularsError(result.code, result.message, {
            subscriptionId: request.params.id,
            status: result.status,
            change: action,
          });
        }
        return { subscription: result.subscription, change: result.change };
      },
    );

  changeRoute('skip', 'Skip the next delivery: it moves one delivery interval later', {
    type: 'object',
    additionalProperties: false,
    properties: { reason, note },
  });
  changeRoute('pause', 'Pause until a date: deliveries start again on the first scheduled day from it', {
    type: 'object',
    additionalProperties: false,
    required: ['until'],
    properties: { until: date, reason, note },
  });
  changeRoute('resume', 'End a pause now', { type: 'object', additionalProperties: false, properties: {} });
  changeRoute('cancel', 'Cancel with a reason (kept for the churn-reason report); ends at the commitment end', {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason, note },
  });

  app.get<{ Params: { id: string } }>(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'One subscription, as it stands today',
        security: bearerAuth,
        params: idParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => getSubscription(db, request.store.id, request.params.id, nowIso().slice(0, 10)),
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/subscriptions',
    {
      schema: {
        tags: ['subscriptions'],
        summary: "A customer's subscriptions (newest first), as they stand today; id is the external id or cus_...",
        security: bearerAuth,
        params: idParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const customer = await customerByReference(db, request.store.id, request.params.id);
      const subscriptions = await listCustomerSubscriptions(db, request.store.id, customer.id, nowIso().slice(0, 10));
      return { customerId: customer.id, externalCustomerId: customer.externalId, subscriptions };
    },
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/subscriptions/churn-reasons',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Why customers cancel, skip and pause: counts and shares of reasons by month',
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { ...month, description: 'First month (inclusive)' },
            to: { ...month, description: 'Last month (inclusive)' },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return churnReasonsByMonth(db, request.store.id, { from: from ?? null, to: to ?? null });
    },
  );
};
