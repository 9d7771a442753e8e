import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ProductInput } from '../../domain/entities/product.js';
import { upsertProductBySku } from '../../store/repositories/product.repository.js';
import type { Database } from '../../store/tables/database.table.js';
import { bearerAuth, commonErrors, currency, minorUnits, nullable } from '../schemas/common.schema.js';

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
    replenishmentDays: nullable({ type: 'integer', minimum: 1, maximum: 3650, description: 'Typical days until a buyer runs out' }),
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

export const productRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post<{ Body: ProductBody }>(
    '/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Create or update a product by SKU',
        security: bearerAuth,
        body: productBodySchema,
        response: { 200: { type: 'object', additionalProperties: true }, 201: { type: 'object', additionalProperties: true }, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { product, outcome } = await upsertProductBySku(db, request.store.id, productFromBody(request.body));
      return reply.code(outcome === 'created' ? 201 : 200).send(product);
    },
  );
};
