import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

/** How many of the latest orders decide the store's currency: counting all of a big store's takes seconds. */
const SAMPLE = 1_000;

/**
 * The store's currency: the one most of its latest orders use (null without orders). Stores do
 * not declare one; the latest orders (by the orders_updated index) say what it sells in now.
 */
export async function storeCurrency(db: Kysely<Database>, storeId: string): Promise<string | null> {
  const rows = await db
    .selectFrom('orders')
    .select('currency')
    .where('store_id', '=', storeId)
    .orderBy('updated_at', 'desc')
    .limit(SAMPLE)
    .execute();
  const counts = new Map<string, number>();
  for (const { currency } of rows) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  let best: string | null = null;
  for (const [currency, n] of counts)
    if (best === null || n > (counts.get(best) as number) || (n === counts.get(best) && currency < best))
      best = currency;
  return best;
}
