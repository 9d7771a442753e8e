import { KIND_OF_SOURCE, TIMELINE_SOURCES } from './customer-timeline.js';

/** GET /v1/customers/{id}/timeline's answer, described in full so the console's typed client knows it. */
export const timelineResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'externalId', 'entries', 'nextCursor'],
  properties: {
    customerId: { type: 'string' },
    externalId: { type: 'string' },
    nextCursor: { type: ['string', 'null'], description: 'pass as `before` for the next, older page' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'kind', 'event', 'id', 'source', 'detail'],
        properties: {
          at: { type: 'string', description: 'UTC instant' },
          kind: { type: 'string', enum: [...new Set(Object.values(KIND_OF_SOURCE))] },
          event: { type: 'string', description: 'what happened, per kind (docs/api.md)' },
          id: { type: 'string' },
          source: { type: 'string', enum: [...TIMELINE_SOURCES] },
          detail: {
            type: 'object',
            additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
          },
        },
      },
    },
  },
} as const;
