import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

export interface AudienceCandidate {
  readonly id: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** Marketing consent in effect on some channel now. */
  readonly consented: boolean;
}

/** How many customers the store has: the progress bar's whole (a pass walks them all). */
export async function countCustomers(db: Kysely<Database>, storeId: string): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The customers with ids in [firstId, lastId] (one page of a store-wide pass), those of one
 * segment when `segmentId` is given, each with whether marketing consent is in effect: the latest
 * record of a channel's 'marketing' purpose says 'granted' on some channel (a later revocation
 * wins; 'pending', a double opt-in not yet confirmed, is no consent).
 */
export async function audienceCandidates(
  db: Kysely<Database>,
  storeId: string,
  segmentId: string | null,
  firstId: string,
  lastId: string,
): Promise<AudienceCandidate[]> {
  let customers = db
    .selectFrom('customers as c')
    .select(['c.id', 'c.email', 'c.phone', 'c.first_name', 'c.last_name'])
    .where('c.store_id', '=', storeId)
    .where('c.id', '>=', firstId)
    .where('c.id', '<=', lastId);
  if (segmentId !== null) {
    customers = customers
      .innerJoin('segment_members as m', (join) =>
        join.onRef('m.store_id', '=', 'c.store_id').onRef('m.customer_id', '=', 'c.id'),
      )
      .where('m.segment_id', '=', segmentId);
  }
  const [rows, consent] = await Promise.all([
    customers.orderBy('c.id').execute(),
    db
      .selectFrom('consent_records')
      .select(['customer_id', 'channel', 'status'])
      .where('store_id', '=', storeId)
      .where('customer_id', '>=', firstId)
      .where('customer_id', '<=', lastId)
      .where('purpose', '=', 'marketing')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
  ]);
  const latest = new Map<string, string>();
  for (const row of consent) latest.set(`${row.customer_id}\u0000${row.channel}`, row.status);
  const granted = new Set<string>();
  for (const [key, status] of latest) if (status === 'granted') granted.add(key.slice(0, key.indexOf('\u0000')));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    phone: r.phone,
    firstName: r.first_name,
    lastName: r.last_name,
    consented: granted.has(r.id),
  }));
}
