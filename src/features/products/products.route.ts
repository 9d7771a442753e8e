import type { FastifyPluginAsync } from 'fastify';
import type { ProductInput } from './product.js';
import { recordProduct } from './record-product.service.js';
import type { GroupCommitter } from '../../platform/database/group-commit.js';
import {
  bearerAuth,
  commonErrors,
  currency,
  looseObject,
  minorUnits,
  nullable,
} from '../../platform/http/common.schema.js';

const sku = { type: 'string', minLength: 1, maxLength: 255 } as const;

const productBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sku', 'title'],
  properties: {
    sku,
    title: { type: 'string', minLength: 1, maxLength: 500 },
    category: nullable({ type: 'string', maxLength: 255 }),
    priceMinor: nullable(minorUnits),
    currency: nullable(currency),
    replenishmentDays: nullable({
      type: 'integer',
      minimum: 1,
      maximum: 3650,
      description: 'Typical days until a buyer runs out',
    }),
    complements: { type: 'array', maxItems: 100, items: sku, default: [], description: 'SKUs bought with it' },
    upgradeTo: nullable({ ...sku, description: 'SKU to suggest as an upgrade' }),
  },
} as const;

interface ProductBody {
  sku: string;
  title: string;
  category?: string | null;
  priceMinor?: number | null;
  currency?: string | null;
  replenishmentDays?: number | null;
  complements: string[];
  upgradeTo?: string | null;
}

function productFromBody(body: ProductBody): ProductInput {
  return {
    sku: body.sku,
    title: body.title,
    category: body.category ?? null,
    priceMinor: body.priceMinor ?? null,
    currency: body.currency ?? null,
    replenishmentDays: body.replenishmentDays ?? null,
    complements: body.complements,
    upgradeTo: body.upgradeTo ?? null,
  };
}

export const productRoutes: FastifyPluginAsync<{ writer: GroupCommitter }> = async (app, { writer }) => {
  app.post<{ Body: ProductBody }>(
    '/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Create or update a product by SKU',
        security: bearerAuth,
        body: productBodySchema,
        response: { 200: looseObject, 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const input = productFromBody(request.body);
      const { product, outcome } = await writer.run((trx) => recordProduct(trx, request.store.id, input));
      return reply.code(outcome === 'created' ? 201 : 200).send(product);
    },
  );
};
