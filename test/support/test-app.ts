import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type AppOptions, buildApp } from '../../src/platform/http/build-app.js';
import { createStore } from '../../src/platform/stores/store.repository.js';
import { type Dialect, createTestDatabase, sqlDialect, type TestDatabase } from './test-database.js';

export interface TestStore {
  readonly id: string;
  readonly apiKey: string;
  /** `{ authorization: 'Bearer ...' }` for inject(). */
  readonly auth: { authorization: string };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  /** Two stores, so every test can check that one cannot see the other. */
  readonly store: TestStore;
  readonly otherStore: TestStore;
}

async function makeStore(database: TestDatabase, name: string, shopifySecret: string | null): Promise<TestStore> {
  const { store, apiKey } = await createStore(database.db, { name, shopifySecret });
  return { id: store.id, apiKey: apiKey.plaintext, auth: { authorization: `Bearer ${apiKey.plaintext}` } };
}

/**
 * The app on a fresh, migrated database of the dialect (never mocked), with two stores; built for
 * the enclosing describe block and closed after it. The first store's Shopify secret is Shopify's
 * documented test secret.
 */
export function useTestApp(dialect: Dialect, options: Omit<AppOptions, 'db' | 'dialect'> = {}): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(dialect);
    const app = await buildApp({ db: database.db, dialect: sqlDialect(dialect), ...options });
    const store = await makeStore(database, 'Test Coffee', 'test_secret_key');
    const otherStore = await makeStore(database, 'Other Shop', null);
    testApp = { app, database, store, otherStore };
  });
  afterAll(async () => {
    await testApp?.app.close();
    await testApp?.database.destroy();
  });
  return () => {
    if (!testApp) throw new Error('the test app is made in beforeAll');
    return testApp;
  };
}

/** A valid order body; override fields per test. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: '1001',
    customer: { externalId: 'c-1', email: 'alice@example.com', firstName: 'Alice' },
    orderedAt: '2024-03-01T23:30:00-05:00',
    currency: 'USD',
    totalMinor: 2598,
    lines: [{ sku: 'BEAN-1', title: 'House blend 250 g', quantity: 2, priceMinor: 1299 }],
    ...overrides,
  };
}
