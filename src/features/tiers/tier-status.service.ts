import type { Kysely } from 'kysely';
import { levelIndex, measureWindow, qualifyingLevel, type TierPerks } from './tiers.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { readTierSettings, requireTierSettings, tierMeasureOf, tierStateOf } from './tier.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** A customer's tier with its perks, as the API and the earn code see it. */
export interface CurrentTier {
  readonly name: string;
  readonly perks: TierPerks;
  readonly since: string;
  readonly periodEnd: string;
}

/**
 * The customer's tier with its perks, or null without one (or when the store's settings no longer
 * have the stored tier, or have no tiers at all: no perks apply then).
 */
export async function currentTierOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<CurrentTier | null> {
  const [state, settings] = await Promise.all([tierStateOf(db, storeId, customerId), readTierSettings(db, storeId)]);
  if (state.tier === null || settings === null) return null;
  const index = levelIndex(settings, state.tier);
  if (index < 0) return null;
  return {
    name: state.tier,
    perks: settings.levels[index].perks,
    since: state.since as string,
    periodEnd: state.periodEnd as string,
  };
}

/** The earn multiplier of the customer's tier; 1 without a tier. */
export async function tierMultiplierOf(db: Kysely<Database>, storeId: string, customerId: string): Promise<number> {
  return (await currentTierOf(db, storeId, customerId))?.perks.earnMultiplier ?? 1;
}

/** What GET /v1/customers/{id}/tier answers (docs/tiers.md). */
export interface TierStatus {
  readonly tier: {
    readonly name: string;
    readonly perks: TierPerks;
    readonly since: string;
    readonly periodEnd: string;
  } | null;
  readonly measure: {
    readonly basis: string;
    readonly value: number;
    readonly currency: string | null;
    /** The rolling window's start (exclusive), null for a lifetime basis. */
    readonly windowStart: string | null;
    readonly asOf: string;
  };
  /** The level the measure reaches now; below the tier when it would drop at the period end. */
  readonly qualifiesFor: string | null;
  /** The level above both the tier and what the measure reaches, and how much is missing for it. */
  readonly nextTier: { readonly name: string; readonly threshold: number; readonly missing: number } | null;
}

/**
 * The customer's tier as stored, with the measure now and the way to the next level. Reads only: the
 * tier moves when an order is processed or a period ends, not when someone looks at it. A store
 * without tier settings is TIERS_NOT_CONFIGURED.
 */
export async function tierStatusOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  now: string,
): Promise<TierStatus> {
  const asOf = utcInstant(now, 'now');
  const settings = await requireTierSettings(db, storeId);
  const [state, value] = await Promise.all([
    tierStateOf(db, storeId, customerId),
    tierMeasureOf(db, storeId, customerId, settings, asOf),
  ]);
  const held = levelIndex(settings, state.tier);
  const reached = qualifyingLevel(settings, value);
  const next = settings.levels[Math.max(held, reached) + 1];
  return {
    tier:
      held < 0
        ? null
        : {
            name: settings.levels[held].name,
            perks: settings.levels[held].perks,
            since: state.since as string,
            periodEnd: state.periodEnd as string,
          },
    measure: {
      basis: settings.basis,
      value,
      currency: settings.currency,
      windowStart: measureWindow(settings.basis, asOf).fromInstant,
      asOf,
    },
    qualifiesFor: reached < 0 ? null : settings.levels[reached].name,
    nextTier:
      next === undefined
        ? null
        : { name: next.name, threshold: next.threshold, missing: Math.max(0, next.threshold - value) },
  };
}
