import type { Kysely } from 'kysely';
import { LOYALTY_SETTING, type LoyaltyProgram, parseLoyaltyProgram } from '../domain/loyalty/program.js';
import { readSetting, writeSetting } from '../store/repositories/store-settings.repository.js';
import type { Database } from '../store/tables/database.table.js';

/** The store's loyalty program, or null when the store never set one (the program is off). */
export async function readLoyaltyProgram(db: Kysely<Database>, storeId: string): Promise<LoyaltyProgram | null> {
  const stored = await readSetting(db, storeId, LOYALTY_SETTING);
  return stored === null ? null : parseLoyaltyProgram(stored);
}

/**
 * Validates and stores the store's program; returns it with its defaults. A document without
 * startsAt keeps the start already stored, or starts now: orders placed before the program existed
 * (history imported into Regulars) earn nothing unless the owner says so with an earlier startsAt.
 * A bad document is INVALID_ARGUMENT naming the field, and nothing is stored.
 */
export async function setLoyaltyProgram(db: Kysely<Database>, storeId: string, document: unknown, now: string): Promise<LoyaltyProgram> {
  // Validate what was given before anything is read or written.
  parseLoyaltyProgram(document);
  const given = document as Record<string, unknown>;
  let stored = document;
  if (given.startsAt === undefined) {
    const previous = await readLoyaltyProgram(db, storeId).catch(() => null);
    stored = { ...given, startsAt: previous === null ? now : previous.startsAt };
  }
  await writeSetting(db, storeId, LOYALTY_SETTING, stored, now);
  return parseLoyaltyProgram(stored);
}

/**
 * The source key of an event the program derives (recordDerivedEvent): per customer, because
 * ledger keys are unique per customer only (two customers both have `action:signup:2025`, both
 * expire at `expire:<same instant>`), while a derived event's key is unique in the store.
 */
export function pointsEventKey(kind: 'points_earned' | 'points_expiring' | 'points_expired', customerId: string, key: string): string {
  return `${kind}:${customerId}:${key}`;
}
