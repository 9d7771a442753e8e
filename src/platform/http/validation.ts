import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';
import { isCurrencyCode } from '../currency-codes.js';
import { isIanaTimeZone } from '../time-zone.js';

/**
 * Ajv's options for every schema. Unknown fields are errors (a typo must not be dropped silently);
 * defaults fill the gaps; `format: 'currency'` and `format: 'time-zone'` check a value against the
 * lists Intl knows (ISO 4217, IANA), which a pattern cannot.
 */
export const AJV_OPTIONS: NonNullable<FastifyServerOptions['ajv']> = {
  customOptions: {
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: 'array',
    allErrors: false,
    // `type: ['string', 'integer']` for ids (below) is a union on purpose.
    allowUnionTypes: true,
    formats: { currency: isCurrencyCode, 'time-zone': isIanaTimeZone },
  },
  plugins: [idText as never],
};

/** What idText needs of Ajv 8 (the copy @fastify/ajv-compiler brings), described here. */
interface KeywordHost {
  addKeyword(definition: {
    keyword: string;
    modifying: boolean;
    schemaType: string;
    validate: (
      schema: boolean,
      data: unknown,
      parentSchema?: unknown,
      context?: { parentData?: unknown; parentDataProperty: string | number },
    ) => boolean;
  }): unknown;
}

/**
 * `x-id-text: true` on an id that may arrive as a JSON integer (`"externalId": 207119551`, as
 * Shopify and many exports write ids): the number becomes its digits, so the route reads text as it
 * would for a long id the body parser kept as text. Only that: a boolean or a fraction is still
 * refused by the schema's type.
 */
function idText(ajv: KeywordHost): void {
  ajv.addKeyword({
    keyword: 'x-id-text',
    modifying: true,
    schemaType: 'boolean',
    validate: (_schema, data, _parent, context) => {
      if (typeof data === 'number' && context?.parentData !== undefined)
        (context.parentData as Record<string | number, unknown>)[context.parentDataProperty] = String(data);
      return true;
    },
  });
}

const selectCompiler = AjvCompiler();

/**
 * Fastify's own validator compiler, with one Ajv per kind of input. Query strings, path
 * parameters and headers arrive as text, so they are coerced ('50' is the integer 50 for `limit`);
 * a JSON body says its types itself, so it is not: `"totalMinor": "1000"` and `"externalId": true`
 * are refused instead of being read as what the client did not write.
 */
export const partAwareValidator: typeof selectCompiler = (externalSchemas, options) => {
  const coercing = selectCompiler(externalSchemas, options);
  const exact = selectCompiler(externalSchemas, {
    ...options,
    customOptions: { ...(options?.customOptions ?? {}), coerceTypes: false },
  } as Parameters<typeof selectCompiler>[1]);
  return (route) => (route.httpPart === 'body' ? exact(route) : coercing(route));
};
