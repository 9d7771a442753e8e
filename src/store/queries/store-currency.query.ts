import type { Kysely } from 'kysely';
import type { Database } from '../tables/database.table.js';

/** The store's currency: the one most of its orders use (null without orders). Stores do not declare one. */
export async function storeCurrency(db: Kysely<Database>, storeId: string): Promise<string | null> {
  const row = await db
    .selectFrom('orders')
    .select(['currency', (eb) => eb.fn.countAll<number>().as('n')])
    .where('store_id', '=', storeId)
    .groupBy('currency')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.currency ?? null;
}
