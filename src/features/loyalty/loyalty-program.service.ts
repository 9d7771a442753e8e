import type { Kysely } from 'kysely';
import { LOYALTY_SETTING, type LoyaltyProgram, parseLoyaltyProgram } from './program.js';
import { readSettingText, writeSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** The store's loyalty program, or null when the store never set one (the program is off). */
export async function readLoyaltyProgram(db: Kysely<Database>, storeId: string): Promise<LoyaltyProgram | null> {
  const text = await readSettingText(db, storeId, LOYALTY_SETTING);
  if (text === null) return null;
  // Every action and order reads the program: parse each stored text once. The key is the text
  // itself, so a changed program (another server process may have written it) is parsed afresh.
  let program = parsedPrograms.get(text);
  if (program === undefined) {
    program = parseLoyaltyProgram(JSON.parse(text) as unknown);
    if (parsedPrograms.size >= PARSED_PROGRAMS) parsedPrograms.delete(parsedPrograms.keys().next().value!);
    parsedPrograms.set(text, program);
  }
  return program;
}

/** Stores' programs kept parsed, by their stored text; the oldest is dropped first. */
const PARSED_PROGRAMS = 1_000;
const parsedPrograms = new Map<string, LoyaltyProgram>();

/**
 * Validates and stores the store's program; returns it with its defaults. A document without
 * startsAt keeps the start already stored, or starts now: orders placed before the program existed
 * (history imported into Regulars) earn nothing unless the owner says so with an earlier startsAt.
 * A bad document is INVALID_ARGUMENT naming the field, and nothing is stored.
 */
export async function setLoyaltyProgram(
  db: Kysely<Database>,
  storeId: string,
  document: unknown,
  now: string,
): Promise<LoyaltyProgram> {
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
export function pointsEventKey(
  kind: 'points_earned' | 'points_expiring' | 'points_expired',
  customerId: string,
  key: string,
): string {
  return `${kind}:${customerId}:${key}`;
}
