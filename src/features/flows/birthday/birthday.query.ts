import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/database/database.table.js';

export interface BirthdayCustomer {
  readonly customerId: string;
  readonly externalId: string;
  readonly birthday: string;
  readonly timeZone: string | null;
}

/**
 * The store's customers whose birthday's month and day ('MM-DD', the last five characters of
 * 'YYYY-MM-DD' or '--MM-DD') is one of `monthDays`: one statement, filtered in SQL, so a day
 * reads a few thousand of a million customers. substr/length are the same on both dialects.
 */
export async function customersWithBirthdayOn(
  db: Kysely<Database>,
  storeId: string,
  monthDays: readonly string[],
): Promise<BirthdayCustomer[]> {
  if (monthDays.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'external_id', 'birthday', 'time_zone'])
    .where('store_id', '=', storeId)
    .where('birthday', 'is not', null)
    .where(sql<string>`substr(birthday, length(birthday) - 4, 5)`, 'in', [...monthDays])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    customerId: r.id,
    externalId: r.external_id,
    birthday: r.birthday!,
    timeZone: r.time_zone,
  }));
}
