import type { Kysely } from 'kysely';
import { type ConsentInput, type ConsentRecord, isAlreadyInEffect } from './consent.js';
import { RegularsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { lockCustomer } from '../customers/index.js';
import { consentFromRow, consentToRow, findConsentInEffect, insertConsentRecord } from './consent.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';

function customerNotFound(storeId: string, customerId: string): RegularsError {
  return new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
    storeId,
    customerId,
  });
}

/**
 * Appends a consent record, and never changes or deletes one: the history is the proof.
 *
 * Nothing is appended when the record in effect at input.recordedAt already has this status
 * (isAlreadyInEffect); that record is returned instead. In the usual case (records arriving in time
 * order) this is "unless the latest record already says so".
 *
 * Concurrent calls for one customer are serialised by locking the customer's row first
 * (lockCustomer): without it two identical deliveries could both read "not recorded yet" and both
 * append. The same statement finds an unknown customer (or another store's), reported as
 * CUSTOMER_NOT_FOUND. Joins the caller's transaction when db is one.
 */
export async function recordConsent(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  input: ConsentInput,
): Promise<ConsentRecord> {
  const row = consentToRow(storeId, customerId, newId('con'), input);
  return inTransaction(db, async (trx) => {
    if (!(await lockCustomer(trx, storeId, customerId))) throw customerNotFound(storeId, customerId);
    const inEffect = await findConsentInEffect(trx, storeId, customerId, {
      channel: row.channel,
      purpose: row.purpose,
      recordedAt: row.recorded_at,
    });
    if (isAlreadyInEffect(inEffect, input.status)) return inEffect;
    try {
      await insertConsentRecord(trx, row);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw customerNotFound(storeId, customerId);
      throw error;
    }
    return consentFromRow(row);
  });
}
