import type { Kysely } from 'kysely';

/**
 * Orders in the order Regulars last wrote them: the rewards sync (src/app/sync-rewards.ts) reads
 * the orders changed since its cursor, whichever path wrote them (API, webhook, import).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_updated').on('orders').columns(['store_id', 'updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orders_updated').execute();
}
