import type { Kysely } from 'kysely';
import { RFM_SEGMENTS, rfmThresholds, scoreRfm } from '../../analytics/rfm.js';
import { CHALLENGE_KINDS, type ChallengeKind, isoDate } from './challenge.js';
import { type SkipReason, planChallenges } from './challenge-plan.js';
import { CHALLENGE_SETTINGS_NAME, type ChallengeSettings, parseChallengeSettings } from './challenge-settings.js';
import { mondayOf } from './habit.js';
import {
  buildCategoryIndex,
  type CategoryIndex,
  type CategorySuggestion,
  categorySet,
  suggestNewCategory,
} from './new-category.js';
import { RegularsError } from '../../platform/errors.js';
import {
  challengeToRow,
  customersWithVisitsFrom,
  type DayPurchases,
  insertChallenges,
  openChallengeKeys,
  readStoreCategories,
  readStorePurchaseDays,
} from './challenge.repository.js';
import { recordDerivedEvent } from '../events/index.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { getStore } from '../../platform/stores/store.repository.js';
import type { ChallengeRow } from './challenge.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { advanceChallengesOnDay } from './advance-challenges-for-order.service.js';

/** Every segment name issuing accepts: 'all' and the RFM segments of the customer 360. */
export const CHALLENGE_SEGMENTS: readonly string[] = ['all', ...RFM_SEGMENTS.map((s) => s.name)];

const normalized = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The segment a name means, case and punctuation aside ('at-risk' is 'At risk', 'cant-lose' is
 * "Can't lose"): null for 'all', else the index in RFM_SEGMENTS. An unknown name is INVALID_ARGUMENT.
 */
export function resolveSegment(name: string): number | null {
  const key = normalized(name);
  if (key === 'all') return null;
  const index = RFM_SEGMENTS.findIndex((s) => normalized(s.name) === key);
  if (index < 0)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `unknown segment ${JSON.stringify(name)}; the segments are ${CHALLENGE_SEGMENTS.join(', ')}`,
      { field: 'segment' },
    );
  return index;
}

export interface IssueChallengesInput {
  /** 'all' (default) or an RFM segment name (CHALLENGE_SEGMENTS). */
  readonly segment?: string;
  /** The last day of history (store calendar day number); challenges start the day after. */
  readonly asOfDay: number;
  /** UTC instant written as issued_at and on the events. */
  readonly now: string;
  /** Called as customers are planned and challenges written, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type IssueSkipReason = SkipReason | 'open' | 'already_issued';

export interface IssueChallengesResult {
  readonly asOf: string;
  /** YYYY-MM-DD of the Monday of the as-of day's week: the week the challenges belong to. */
  readonly week: string;
  /** 'all' or the RFM segment's name as RFM_SEGMENTS spells it. */
  readonly segment: string;
  /** Customers with a purchase by the as-of day in the segment: the ones considered. */
  readonly customers: number;
  readonly issued: Record<ChallengeKind, number>;
  /** Decisions not to issue, per reason (one per customer and kind). */
  readonly skipped: Record<IssueSkipReason, number>;
  /** New challenges already met by orders placed in their window before they were issued (a back-dated run). */
  readonly completedAtOnce: number;
}

interface CustomerRecord {
  readonly id: string;
  readonly visitDays: number[];
  lastDay: number;
  purchases: number;
  net: number;
}

function groupByCustomer(rows: readonly DayPurchases[]): CustomerRecord[] {
  const customers: CustomerRecord[] = [];
  let current: CustomerRecord | null = null;
  for (const row of rows) {
    if (current === null || current.id !== row.customerId) {
      current = { id: row.customerId, visitDays: [], lastDay: row.day, purchases: 0, net: 0 };
      customers.push(current);
    }
    current.lastDay = row.day;
    current.purchases += row.purchases;
    current.net += row.netMinor;
    if (row.qualifying > 0) current.visitDays.push(row.day);
  }
  return customers;
}

/** Challenges written (and their events) per transaction. */
const ISSUE_BATCH = 500;

/**
 * Issues this week's challenges to the customers of a segment as of a day ("Personal
 * challenges"). Reads the store's orders in two grouped queries (purchases per customer and day,
 * categories per customer), scores RFM segments from the same rows as the customer 360 does, plans
 * each customer's challenges in pure code, and writes them with a challenge_offered event each.
 *
 * Idempotent per week: the unique (customer, kind, week) index makes a second run, or two runs at
 * once, issue nothing new (counted as already_issued); a customer who still holds an open challenge
 * of a kind from an earlier week gets no second one (counted as open).
 */
export async function issueChallenges(
  db: Kysely<Database>,
  storeId: string,
  input: IssueChallengesInput,
): Promise<IssueChallengesResult> {
  await getStore(db, storeId);
  const segment = resolveSegment(input.segment ?? 'all');
  const settings = parseChallengeSettings(await readSetting(db, storeId, CHALLENGE_SETTINGS_NAME));
  const { asOfDay, now } = input;
  const week = isoDate(mondayOf(asOfDay));
  const startDay = asOfDay + 1;

  const customers = groupByCustomer(await readStorePurchaseDays(db, storeId, asOfDay));
  const thresholds = rfmThresholds(
    customers.map((c) => c.lastDay),
    customers.map((c) => c.purchases),
    customers.map((c) => c.net),
  );
  const inSegment =
    segment === null
      ? customers
      : customers.filter((c) => scoreRfm(thresholds, c.lastDay, c.purchases, c.net).segment === segment);

  const suggest = settings.kinds.includes('new_category')
    ? await categorySuggester(db, storeId, asOfDay, settings)
    : () => null;
  const open = await openChallengeKeys(db, storeId, startDay);

  const issued = Object.fromEntries(CHALLENGE_KINDS.map((k) => [k, 0])) as Record<ChallengeKind, number>;
  const skipped: Record<IssueSkipReason, number> = {
    history: 0,
    lapsed: 0,
    saturated: 0,
    no_category: 0,
    other_cycle: 0,
    open: 0,
    already_issued: 0,
  };
  const rows: ChallengeRow[] = [];
  const total = inSegment.length;
  inSegment.forEach((customer, i) => {
    const enough = new Set(customer.visitDays).size >= settings.minOrderDays;
    const decisions = planChallenges(
      { visitDays: customer.visitDays },
      enough ? suggest(customer.id) : null,
      asOfDay,
      settings,
    );
    for (const decision of decisions) {
      if (decision.plan === null) skipped[decision.skipped!]++;
      else if (open.has(`${customer.id}\u0000${decision.kind}`)) skipped.open++;
      else rows.push(challengeToRow(storeId, customer.id, decision.plan, week, now));
    }
    if (i % 1000 === 999) input.onProgress?.(i + 1, total * 2);
  });

  let completedAtOnce = 0;
  const written: ChallengeRow[] = [];
  for (let start = 0; start < rows.length; start += ISSUE_BATCH) {
    const batch = rows.slice(start, start + ISSUE_BATCH);
    // A challenge and its event commit together: no challenge without its offer event.
    const inserted = await inTransaction(db, async (trx) => {
      const done = await insertChallenges(trx, batch);
      for (const row of done) {
        await recordDerivedEvent(trx, storeId, row.customer_id, `challenge:${row.id}:offered`, {
          kind: 'challenge_offered',
          occurredAt: now,
          payload: {
            challengeId: row.id,
            kind: row.kind,
            targetOrders: row.target_orders,
            targetDays: row.target_days,
            targetCategory: row.target_category,
            windowStart: isoDate(row.window_start_day),
            deadline: isoDate(row.deadline_day),
            bonusPoints: row.bonus_points,
          },
        });
      }
      return done;
    });
    written.push(...inserted);
    for (const row of inserted) issued[row.kind as ChallengeKind]++;
    skipped.already_issued += batch.length - inserted.length;
    input.onProgress?.(total + Math.round((total * (start + batch.length)) / rows.length), total * 2);
  }

  // Orders already placed in a new window (a run back-dated with an earlier as-of day) count at
  // once. Read after the challenges committed: an order committed later reaches the rewards sync,
  // whose handler then sees the challenge.
  if (written.length > 0) {
    const later = await customersWithVisitsFrom(db, storeId, startDay);
    const customersIssued = new Set(written.map((r) => r.customer_id));
    for (const [customerId, days] of later) {
      if (!customersIssued.has(customerId)) continue;
      for (const day of days)
        completedAtOnce += (await advanceChallengesOnDay(db, storeId, customerId, day, now)).length;
    }
  }
  input.onProgress?.(total * 2, total * 2);

  const name = segment === null ? 'all' : RFM_SEGMENTS[segment].name;
  return { asOf: isoDate(asOfDay), week, segment: name, customers: inSegment.length, issued, skipped, completedAtOnce };
}

/**
 * The new-category pick per customer, from every customer's categories bought by the as-of day.
 * The pick depends on the category set alone (suggestNewCategory), so it is computed once per
 * distinct set: most customers of a store share a handful of sets.
 */
async function categorySuggester(
  db: Kysely<Database>,
  storeId: string,
  asOfDay: number,
  settings: ChallengeSettings,
): Promise<(customerId: string) => CategorySuggestion | null> {
  const categories = await readStoreCategories(db, storeId, asOfDay);
  const index: CategoryIndex = buildCategoryIndex(categories);
  const bySet = new Map<string, CategorySuggestion | null>();
  return (customerId) => {
    const own = categorySet(categories.get(customerId) ?? []);
    if (own.length === 0) return null;
    const key = own.join('\u0000');
    if (!bySet.has(key)) bySet.set(key, suggestNewCategory(index, own, settings));
    return bySet.get(key)!;
  };
}

/** The store's challenge settings in effect (the defaults for fields it never set). */
export async function readChallengeSettings(db: Kysely<Database>, storeId: string): Promise<ChallengeSettings> {
  await getStore(db, storeId);
  return parseChallengeSettings(await readSetting(db, storeId, CHALLENGE_SETTINGS_NAME));
}

/** Checks and saves a store's challenge settings (the JSON document of docs/challenges.md); returns them in effect. */
export async function saveChallengeSettings(
  db: Kysely<Database>,
  storeId: string,
  value: unknown,
  now: string,
): Promise<ChallengeSettings> {
  const settings = parseChallengeSettings(value);
  await writeSetting(db, storeId, CHALLENGE_SETTINGS_NAME, value, now);
  return settings;
}
