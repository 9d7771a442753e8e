import { openDatabase } from '../database/database.js';
import { buildApp } from './build-app.js';

/**
 * The OpenAPI document the server publishes at /docs/json, without a server: the app is built on
 * an in-memory database it never queries (routes only register their schemas). The console's typed
 * client is generated from this at build time (scripts/build-console.mjs).
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  const app = await buildApp({ db, dialect: 'sqlite' });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await db.destroy();
  }
}
