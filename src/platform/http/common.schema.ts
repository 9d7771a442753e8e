/** Building blocks of the request schemas (JSON Schema, validated by Fastify's Ajv, shown in /docs). */

/** Money in minor units: integers only, and exact (a number past 2^53 would already be rounded). */
export const minorUnits = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

/**
 * External ids are strings. A JSON integer is accepted and kept as its text (validation.ts turns
 * it into its digits; the body parser already turned integers too long to be exact into strings,
 * src/analytics/ingest/lossless-json.ts). Booleans and fractions are refused: bodies are not coerced.
 */
export const externalId = {
  type: ['string', 'integer'],
  'x-id-text': true,
  minLength: 1,
  maxLength: 255,
  description: "The source system's id, as text (a JSON integer is taken as its digits)",
} as const;

/** An ISO 4217 code in use (Intl's list): BTC or ZZZ are refused. Amounts are in its minor unit (JPY 0 digits, KWD 3). */
export const currency = {
  type: 'string',
  pattern: '^[A-Z]{3}$',
  format: 'currency',
  description: 'ISO 4217 code, e.g. EUR',
} as const;

/** An IANA time zone Intl knows, e.g. Europe/Berlin (an offset such as +01:00 is not a zone). */
export const timeZone = {
  type: 'string',
  maxLength: 64,
  format: 'time-zone',
  description: 'IANA zone, e.g. Europe/Berlin',
} as const;

/** An ISO 8601 timestamp; the offset is kept, because the order's day is the date written in it. */
export const timestamp = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?$',
  description: 'ISO 8601, e.g. 2024-03-01T14:05:00+01:00',
} as const;

/** A timestamp that must say its offset, because it is compared across sources (versions, consent). */
export const instant = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$',
  description: 'ISO 8601 with offset, e.g. 2024-03-01T14:05:00Z',
} as const;

/**
 * A response described loosely: its fields are documented in docs/api.md, and it is sent as the
 * route built it. build-app.ts serializes such responses with JSON.stringify, which is faster than
 * fast-json-stringify's code for an object of unknown properties.
 */
export const looseObject = { type: 'object', additionalProperties: true } as const;

/** Whether a response schema is looseObject's shape (an object of any properties, none described). */
export function isLooseObject(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as Record<string, unknown>;
  return (
    s.type === 'object' &&
    s.additionalProperties === true &&
    s.properties === undefined &&
    Object.keys(s).every((k) => ['type', 'additionalProperties', 'description'].includes(k))
  );
}

export const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;

export const errorResponse = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'One of the codes in docs/errors.md' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

/** The error answers every authenticated route may give, for the OpenAPI document. */
export const commonErrors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  413: errorResponse,
  415: errorResponse,
  422: errorResponse,
  429: errorResponse,
} as const;

export const bearerAuth = [{ bearerAuth: [] }];
