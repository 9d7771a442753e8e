import { describe, expect, it } from 'vitest';
import type { ProductInput } from './product.js';
import { findProduct, findProductBySku, listProducts, upsertProductBySku } from './product.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function product(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    sku: 'BEANS-1KG',
    title: 'House Blend 1 kg',
    category: 'coffee',
    priceMinor: 2_500,
    currency: 'EUR',
    replenishmentDays: 30,
    complements: ['FILTER-100'],
    upgradeTo: 'BEANS-SUB',
    ...overrides,
  };
}

describe.each(dialects)('products on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('creates by SKU, then updates the same product: id kept, every field replaced', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Roastery' });
    const created = await upsertProductBySku(db, store.id, product());
    expect(created.outcome).toBe('created');
    expect(created.product).toEqual({ ...product(), id: created.product.id, storeId: store.id, handle: null });
    expect(created.product.id).toMatch(/^prd_/);

    const changed = product({
      title: 'House Blend 1kg',
      category: null,
      priceMinor: null,
      currency: null,
      replenishmentDays: null,
      complements: [],
      upgradeTo: null,
    });
    const updated = await upsertProductBySku(db, store.id, changed);
    expect(updated).toEqual({
      outcome: 'updated',
      product: { ...changed, id: created.product.id, storeId: store.id, handle: null },
    });
    expect(await findProduct(db, store.id, created.product.id)).toEqual(updated.product);
    expect(await findProductBySku(db, store.id, 'BEANS-1KG')).toEqual(updated.product);
    expect(await findProductBySku(db, store.id, 'beans-1kg')).toBeNull();
  });

  it('keeps money exact and refuses what would corrupt it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Checks' });
    const big = 9_876_543_210_123;
    expect(
      (await upsertProductBySku(db, store.id, product({ priceMinor: big, currency: 'IDR' }))).product.priceMinor,
    ).toBe(big);
    await expect(upsertProductBySku(db, store.id, product({ priceMinor: 12.5 }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'priceMinor' },
    });
    await expect(upsertProductBySku(db, store.id, product({ currency: null }))).rejects.toMatchObject({
      details: { field: 'currency' },
    });
    await expect(upsertProductBySku(db, store.id, product({ currency: 'eur' }))).rejects.toMatchObject({
      details: { field: 'currency' },
    });
    await expect(upsertProductBySku(db, store.id, product({ sku: '' }))).rejects.toMatchObject({
      details: { field: 'sku' },
    });
    await expect(upsertProductBySku(db, store.id, product({ replenishmentDays: 0 }))).rejects.toMatchObject({
      details: { field: 'replenishmentDays' },
    });
    await expect(upsertProductBySku(db, 'sto_nope', product())).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });

  it('turns 20 concurrent upserts of one SKU into one product', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Concurrent' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => upsertProductBySku(db, store.id, product({ title: `Title ${i}` }))),
    );
    expect(new Set(results.map((r) => r.product.id)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect((await listProducts(db, store.id, { limit: 100 })).products).toHaveLength(1);
  });

  it("keeps stores apart: same SKU in two stores, another store's product not found", async () => {
    const { db } = database();
    const a = await createStore(db, { name: 'A' });
    const b = await createStore(db, { name: 'B' });
    const ofA = await upsertProductBySku(db, a.store.id, product({ title: 'A beans' }));
    const ofB = await upsertProductBySku(db, b.store.id, product({ title: 'B beans' }));
    expect(ofB.outcome).toBe('created');
    expect(ofA.product.id).not.toBe(ofB.product.id);
    expect(await findProduct(db, a.store.id, ofB.product.id)).toBeNull();
    expect((await findProductBySku(db, a.store.id, 'BEANS-1KG'))?.title).toBe('A beans');
    expect((await listProducts(db, a.store.id, { limit: 10 })).products.map((p) => p.id)).toEqual([ofA.product.id]);
  });

  it('pages through every product exactly once, in id order, while products are added', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Catalogue' });
    const ids: string[] = [];
    for (let i = 0; i < 23; i++)
      ids.push(
        (await upsertProductBySku(db, store.id, product({ sku: `SKU-${String(i).padStart(2, '0')}` }))).product.id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listProducts>> = await listProducts(db, store.id, { limit: 5, cursor });
      seen.push(...page.products.map((p) => p.id));
      cursor = page.nextCursor;
      // A product added mid-way sorts after every page already read, so it is listed once, at the end.
      if (pages++ === 1) ids.push((await upsertProductBySku(db, store.id, product({ sku: 'LATE' }))).product.id);
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(pages).toBe(5);
    // A full last page still says there is nothing more only when nothing follows.
    expect((await listProducts(db, store.id, { limit: 24 })).nextCursor).toBeNull();
    expect((await listProducts(db, store.id, { limit: 23 })).nextCursor).not.toBeNull();
  });

  it('refuses a cursor it did not make and a limit out of range', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Cursors' });
    for (const cursor of [
      'nope',
      Buffer.from('cus_01m81bct3tvmsnpk6vgqjn6r8k').toString('base64url'),
      '',
      'cHJkX zz',
    ]) {
      await expect(listProducts(db, store.id, { limit: 5, cursor })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { path: '/cursor' },
      });
    }
    await expect(listProducts(db, store.id, { limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/limit' },
    });
    await expect(listProducts(db, store.id, { limit: 1.5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/limit' },
    });
  });
});
