import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { parseAsOf, type AsOf } from './customer-metrics.service.js';
import { asOfNow } from './segment.job.js';
import { refreshSegment } from './segment-refresh.service.js';
import {
  DEFAULT_PREVIEW_LIMIT,
  MAX_PREVIEW_LIMIT,
  previewDraftRule,
  previewSegment,
  segmentMembers,
  segmentOfStore,
  segmentsOfCustomer,
  segmentsOfStore,
} from './segment-views.service.js';
import { MAX_MEMBER_PAGE, type SegmentInput } from './segment.js';
import { createSegment, deleteSegment, updateSegment } from './segments.service.js';
import { customerPredictions } from './customer-predictions.service.js';
import { predictionsResponseSchema } from './customer-predictions.schema.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, externalId, looseObject, nullable } from '../../platform/http/common.schema.js';
import { segmentFieldCatalogue } from './rule.js';

const segmentId = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;
const asOfQuery = {
  type: 'string',
  maxLength: 40,
  description: 'Evaluate at this moment: YYYY-MM-DD or ISO 8601 with offset (default: now)',
} as const;

const segmentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'rule'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { anyOf: [{ type: 'string', maxLength: 2000 }, { type: 'null' }] },
    rule: {
      type: 'object',
      description: 'The segment rule (docs/segments.md); errors name the faulty part by JSON pointer in details.path',
    },
  },
} as const;

function asOfOf(text: string | undefined, now: string): AsOf {
  return text === undefined ? asOfNow(now) : parseAsOf(text, 'asOf');
}

/** Segments: rules over customers, built-ins included (docs/segments.md). Customers appear by their external ids. */
export const segmentRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/segments',
    {
      schema: {
        tags: ['segments'],
        summary: "The store's segments, built-ins first, with their rules and member counts",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => ({ segments: await segmentsOfStore(db, request.store.id, nowIso()) }),
  );

  app.post<{ Body: SegmentInput }>(
    '/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Create a segment from a rule; its members come with the next refresh',
        security: bearerAuth,
        body: segmentBody,
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createSegment(db, request.store.id, request.body, nowIso())),
  );

  app.get(
    '/segments/fields',
    {
      schema: {
        tags: ['segments'],
        summary: 'The rule language: every field with its type, operators, closed values and whether it takes days',
        security: bearerAuth,
        response: {
          200: {
            type: 'object',
            required: ['fields'],
            properties: {
              fields: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'type', 'operators', 'integer', 'window', 'values', 'description'],
                  properties: {
                    name: { type: 'string' },
                    type: { type: 'string', enum: ['number', 'text', 'set'] },
                    operators: { type: 'array', items: { type: 'string' } },
                    integer: { type: 'boolean' },
                    window: { type: 'boolean', description: 'Takes days: only the last N days count' },
                    values: nullable({ type: 'array', items: { type: 'string' } }),
                    description: { type: 'string' },
                  },
                },
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async () => ({ fields: segmentFieldCatalogue() }),
  );

  app.post<{ Body: { rule: unknown; limit: number; asOf?: string } }>(
    '/segments/preview',
    {
      schema: {
        tags: ['segments'],
        summary:
          'Who an unsaved rule holds for now: the count and the first customers (writes nothing; open to viewers)',
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['rule'],
          properties: {
            rule: {
              type: 'object',
              description: 'A segment rule (docs/segments.md); errors name the faulty part in details.path',
            },
            limit: { type: 'integer', minimum: 0, maximum: MAX_PREVIEW_LIMIT, default: DEFAULT_PREVIEW_LIMIT },
            asOf: asOfQuery,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['asOf', 'count', 'customers'],
            properties: {
              asOf: { type: 'string' },
              count: { type: 'integer' },
              customers: {
                type: 'array',
                items: { type: 'object', required: ['customerId'], properties: { customerId: { type: 'string' } } },
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const now = nowIso();
      const preview = await previewDraftRule(
        db,
        request.store.id,
        request.body.rule,
        asOfOf(request.body.asOf, now),
        request.body.limit,
      );
      return { ...preview, customers: preview.customers.map((c) => ({ customerId: c.externalId })) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'A segment',
        security: bearerAuth,
        params: segmentId,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => segmentOfStore(db, request.store.id, request.params.id, nowIso()),
  );

  app.put<{ Params: { id: string }; Body: SegmentInput }>(
    '/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: "Replace a segment's name, description and rule (built-ins: SEGMENT_BUILT_IN)",
        security: bearerAuth,
        params: segmentId,
        body: segmentBody,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => updateSegment(db, request.store.id, request.params.id, request.body, nowIso()),
  );

  app.delete<{ Params: { id: string } }>(
    '/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Delete a segment (built-ins: SEGMENT_BUILT_IN)',
        security: bearerAuth,
        params: segmentId,
        response: { ...commonErrors },
      },
    },
    async (request, reply) => {
      await deleteSegment(db, request.store.id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number; asOf?: string } }>(
    '/segments/:id/preview',
    {
      schema: {
        tags: ['segments'],
        summary: 'Who the rule holds for now: the count and the first members (writes nothing)',
        security: bearerAuth,
        params: segmentId,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 0, maximum: MAX_PREVIEW_LIMIT, default: DEFAULT_PREVIEW_LIMIT },
            asOf: asOfQuery,
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const now = nowIso();
      const preview = await previewSegment(
        db,
        request.store.id,
        request.params.id,
        asOfOf(request.query.asOf, now),
        request.query.limit,
        now,
      );
      return { ...preview, customers: preview.customers.map((c) => ({ customerId: c.externalId })) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number; cursor?: string } }>(
    '/segments/:id/members',
    {
      schema: {
        tags: ['segments'],
        summary: "The segment's members at its last refresh, with when they entered; cursor pagination",
        security: bearerAuth,
        params: segmentId,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_MEMBER_PAGE, default: 100 },
            cursor: { type: 'string', maxLength: 200, description: 'nextCursor of the previous page' },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const page = await segmentMembers(db, request.store.id, request.params.id, request.query, nowIso());
      return {
        segmentId: page.segmentId,
        members: page.members.map((m) => ({ customerId: m.externalId, enteredAt: m.enteredAt })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/segments/:id/refresh',
    {
      schema: {
        tags: ['segments'],
        summary: "Recompute the segment's members now; entries and exits become customer events",
        security: bearerAuth,
        params: segmentId,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const now = nowIso();
      const segment = await segmentOfStore(db, request.store.id, request.params.id, now);
      const at = asOfNow(now);
      return refreshSegment(db, request.store.id, segment.id, { asOfDay: at.day, asOf: at.instant }, now);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { asOf?: string } }>(
    '/customers/:id/segments',
    {
      schema: {
        tags: ['segments'],
        summary:
          "The segments the customer ({id}: the store's id or cus_...) is in, each explained: every condition with its actual value and whether it held",
        security: bearerAuth,
        params: { type: 'object', required: ['id'], properties: { id: externalId } },
        querystring: { type: 'object', additionalProperties: false, properties: { asOf: asOfQuery } },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const now = nowIso();
      return segmentsOfCustomer(db, request.store.id, request.params.id, asOfOf(request.query.asOf, now), now);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/predictions',
    {
      schema: {
        tags: ['segments'],
        summary:
          "What the store's last metrics refresh predicts for the customer ({id}: the store's id or cus_...): P(alive), expected orders in 30, 90 and 365 days, 12-month CLV, next-order date",
        security: bearerAuth,
        params: { type: 'object', required: ['id'], properties: { id: externalId } },
        response: { 200: predictionsResponseSchema, ...commonErrors },
      },
    },
    async (request) => customerPredictions(db, request.store.id, request.params.id),
  );
};
