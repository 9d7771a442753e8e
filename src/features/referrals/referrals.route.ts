import { customerByReference } from '../customers/index.js';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { customerReferrals, referralViews } from './referral-views.service.js';
import { RegularsError } from '../../platform/errors.js';
import { recordReferral } from './record-referral.service.js';
import { customerReferralCode, getReferralSettings, setReferralSettings } from './referrals.service.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, externalId, looseObject } from '../../platform/http/common.schema.js';

const customerParams = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { ...externalId, description: "The customer as the shop knows them (external id), or Regulars' id cus_..." },
  },
} as const;

const recordBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'customerId'],
  properties: {
    code: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: "The referrer's code, as the new customer brought it (any case)",
    },
    customerId: {
      ...externalId,
      description: "The referred (new) customer, as the shop knows them (or Regulars' id cus_...); upsert them first",
    },
    email: {
      type: 'string',
      maxLength: 320,
      description: "The referred customer's email, when it differs from the stored one",
    },
    ip: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: "The referred customer's IP address, for the per-IP limit",
    },
  },
} as const;

/** Why a referral was refused, for the error message (the codes are in docs/errors.md). */
const REFUSAL_MESSAGES: Readonly<Record<string, string>> = {
  REFERRAL_CODE_NOT_FOUND: 'no customer of this store has this referral code',
  REFERRAL_SELF: 'a customer cannot refer themselves',
  REFERRAL_SAME_EMAIL: "the referred customer's email reaches the referrer's mailbox",
  REFERRAL_NOT_FIRST_ORDER: 'the referred customer has already ordered; referrals are for new customers',
  REFERRAL_IP_LIMIT_REACHED: 'too many referrals from this IP address in the last 30 days',
  CUSTOMER_ALREADY_REFERRED: "the customer was already referred with another customer's code",
};

export const referralRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/referrals/settings',
    {
      schema: {
        tags: ['referrals'],
        summary: "The store's referral settings",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => getReferralSettings(db, request.store.id),
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/referrals/settings',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'Set the referral settings: points for each side, the per-IP limit (INVALID_ARGUMENT names a bad field)',
        security: bearerAuth,
        body: looseObject,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => setReferralSettings(db, request.store.id, request.body, nowIso()),
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/referral-code',
    {
      schema: {
        tags: ['referrals'],
        summary: "The customer's referral code: made on the first call, the same ever after",
        security: bearerAuth,
        params: customerParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const customer = await customerByReference(db, request.store.id, request.params.id);
      return {
        customerId: customer.externalId,
        code: await customerReferralCode(db, request.store.id, customer.id, nowIso()),
      };
    },
  );

  app.post<{ Body: { code: string; customerId: string; email?: string; ip?: string } }>(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'Record that a new customer came with a referral code (fraud checks: self, same email, existing customer, per-IP limit)',
        security: bearerAuth,
        body: recordBodySchema,
        response: { 200: looseObject, 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const storeId = request.store.id;
      const referred = await customerByReference(db, storeId, body.customerId);
      const result = await recordReferral(
        db,
        storeId,
        { code: body.code, referredCustomerId: referred.id, email: body.email ?? null, ip: body.ip ?? null },
        nowIso(),
      );
      if (result.outcome === 'refused')
        throw new RegularsError(result.reason, REFUSAL_MESSAGES[result.reason] ?? result.reason, {
          code: body.code,
          customerId: body.customerId,
        });
      const [referral] = await referralViews(db, storeId, [result.referral]);
      return reply.code(result.outcome === 'recorded' ? 201 : 200).send({ outcome: result.outcome, referral });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: "The customer's referral code, who referred them, and the referrals made with their code",
        security: bearerAuth,
        params: customerParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const customer = await customerByReference(db, request.store.id, request.params.id);
      return { customerId: customer.externalId, ...(await customerReferrals(db, request.store.id, customer.id)) };
    },
  );
};
