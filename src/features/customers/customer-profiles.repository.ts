import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

/** The parts of a profile a bulk update sets: who the customer is and where their day is. */
export interface CustomerProfile {
  readonly externalId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** IANA zone name. */
  readonly timeZone: string | null;
  /** BCP 47 tag. */
  readonly locale: string | null;
}

/** 5 parameters a row: 2,500 a statement, far below either database's limit. */
const PROFILES_PER_UPDATE = 500;

/**
 * Sets the profiles of stored customers by their source ids, many customers a statement (UPDATE
 * ... FROM VALUES, which SQLite and PostgreSQL both read; VALUES columns are column1... in both).
 * A source id the store does not have is passed over. Returns each updated customer's id by its
 * source id.
 */
export async function updateProfilesByExternalId(
  db: Kysely<Database>,
  storeId: string,
  profiles: readonly CustomerProfile[],
  now: string,
): Promise<Map<string, string>> {
  const updated = new Map<string, string>();
  for (let start = 0; start < profiles.length; start += PROFILES_PER_UPDATE) {
    const rows = profiles
      .slice(start, start + PROFILES_PER_UPDATE)
      .map((p) => sql`(${p.externalId}, ${p.firstName}, ${p.lastName}, ${p.timeZone}, ${p.locale})`);
    const result = await sql<{ id: string; external_id: string }>`
      UPDATE customers
      SET first_name = v.column2, last_name = v.column3, time_zone = v.column4, locale = v.column5, updated_at = ${now}
      FROM (VALUES ${sql.join(rows)}) AS v
      WHERE customers.store_id = ${storeId} AND customers.external_id = v.column1
      RETURNING customers.id, customers.external_id`.execute(db);
    for (const row of result.rows) updated.set(row.external_id, row.id);
  }
  return updated;
}
