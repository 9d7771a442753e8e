import type { Kysely } from 'kysely';
import { type ConsentChannel, type ConsentStatus, isAlreadyInEffect } from './consent.js';
import { newId } from '../../platform/ids.js';
import { consentToRow } from './consent.repository.js';
import type { ConsentRecordRow } from './consent-record.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/** A customer's email marketing consent as an order export states it. */
export interface ImportedConsent {
  /** 'cus_...' */
  readonly customerId: string;
  readonly status: Extract<ConsentStatus, 'granted' | 'revoked'>;
  /** The time of the order that stated it (ISO 8601 with offset): the proof. */
  readonly recordedAt: string;
  /** Where it was given, when not the order export ('import'): 'signup_form' for a newsletter list brought in. */
  readonly source?: string;
  /** When a double opt-in confirmed it, if one did. */
  readonly doubleOptInAt?: string | null;
}

const CUSTOMERS_PER_LOOKUP = 50;
const ROWS_PER_INSERT = 500; // 10 columns: 5,000 parameters

/**
 * Appends the email marketing consent an import states (source 'import' unless an entry names its own), with recordConsent's rule
 * (nothing when the record in effect at that time already has the status: importing a file twice
 * adds nothing), in one transaction and a few statements for many customers. Returns how many
 * records were appended per status, and how many statements were already in effect.
 */
export function recordImportedConsent(
  db: Kysely<Database>,
  storeId: string,
  entries: readonly ImportedConsent[],
  // SMS consent comes from a shop's customer list (the Shopify backfill); exports state email only.
  channel: ConsentChannel = 'email',
): Promise<{ granted: number; revoked: number; unchanged: number }> {
  return inTransaction(db, async (trx) => {
    const counts = { granted: 0, revoked: 0, unchanged: 0 };
    const fresh: ConsentRecordRow[] = [];
    for (let start = 0; start < entries.length; start += CUSTOMERS_PER_LOOKUP) {
      const chunk = entries.slice(start, start + CUSTOMERS_PER_LOOKUP);
      const rows = chunk.map((e) =>
        consentToRow(storeId, e.customerId, newId('con'), {
          channel,
          purpose: 'marketing',
          status: e.status,
          source: e.source ?? 'import',
          recordedAt: e.recordedAt,
          ip: null,
          doubleOptInAt: e.doubleOptInAt ?? null,
        }),
      );
      const history = await trx
        .selectFrom('consent_records')
        .select(['customer_id', 'status', 'recorded_at'])
        .where('store_id', '=', storeId)
        .where(
          'customer_id',
          'in',
          chunk.map((e) => e.customerId),
        )
        .where('channel', '=', channel)
        .where('purpose', '=', 'marketing')
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();
      for (const row of rows) {
        // The latest record at or before this one's time (findConsentInEffect, in memory).
        let inEffect: { status: string } | null = null;
        for (const h of history)
          if (h.customer_id === row.customer_id && h.recorded_at <= row.recorded_at) inEffect = h;
        if (isAlreadyInEffect(inEffect, row.status as ConsentStatus)) counts.unchanged++;
        else {
          fresh.push(row);
          counts[row.status as 'granted' | 'revoked']++;
        }
      }
    }
    // Appended in a few statements: a round trip per 50 customers doubled a first import's time on PostgreSQL.
    for (let start = 0; start < fresh.length; start += ROWS_PER_INSERT)
      await trx
        .insertInto('consent_records')
        .values(fresh.slice(start, start + ROWS_PER_INSERT))
        .execute();
    return counts;
  });
}
