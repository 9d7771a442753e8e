import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { readLoyaltyProgram } from '../loyalty/index.js';
import { getReferralSettings } from '../referrals/index.js';
import { readShopProfile } from '../stores/index.js';
import { readTierSettings } from '../tiers/index.js';
import { parseProgramSettings, PROGRAM_SETTING, type ProgramSettings } from './shopper-program-settings.js';

async function referralPoints(db: Kysely<Database>, storeId: string) {
  try {
    const settings = await getReferralSettings(db, storeId);
    return { referrerPoints: settings.referrerPoints, referredPoints: settings.referredPoints };
  } catch (error) {
    if (error instanceof RegularsError && error.code === 'REFERRALS_NOT_CONFIGURED') return null;
    throw error;
  }
}

/**
 * The store's program as a guest may see it (GET /v1/shopper/program): how points are earned,
 * the rewards catalogue, the tiers and their perks, and where to join. Rules only, never a
 * customer's data; STORE_NOT_FOUND for an unknown store.
 */
export async function shopperProgram(db: Kysely<Database>, storeId: string) {
  const shop = await readShopProfile(db, storeId);
  const [program, tiers, referral, settings] = await Promise.all([
    readLoyaltyProgram(db, storeId),
    readTierSettings(db, storeId),
    referralPoints(db, storeId),
    readProgramSettings(db, storeId),
  ]);
  return {
    store: { id: storeId, name: shop.name, url: shop.url },
    enabled: program?.enabled ?? false,
    currency: program?.currency ?? null,
    earn: {
      rate: program === null ? null : program.earn.rate,
      actions:
        program === null
          ? []
          : Object.entries(program.actions).map(([name, rule]) => ({
              name,
              points: rule.points,
              limit: rule.limit,
              per: rule.per,
            })),
      firstOrderCashbackPercent: program?.firstOrderCashback?.percent ?? null,
      referral,
    },
    rewards: (program?.redemption ?? []).map((option) => ({
      id: option.id,
      points: option.points,
      reward: option.reward,
      minSubtotalMinor: option.minSubtotalMinor,
      validDays: option.validDays,
    })),
    tiers:
      tiers === null
        ? null
        : {
            basis: tiers.basis,
            currency: tiers.currency,
            levels: tiers.levels.map((level) => ({ name: level.name, threshold: level.threshold, perks: level.perks })),
          },
    expiry: program === null ? null : { months: program.expiry.months },
    join: { url: settings.joinUrl ?? shop.url, title: settings.title, text: settings.joinText },
  };
}

export type ShopperProgram = Awaited<ReturnType<typeof shopperProgram>>;

export async function readProgramSettings(db: Kysely<Database>, storeId: string): Promise<ProgramSettings> {
  return parseProgramSettings(await readSetting(db, storeId, PROGRAM_SETTING));
}

/** Changes the fields given (null or "" clears one), checks the whole, stores it. */
export async function changeProgramSettings(
  db: Kysely<Database>,
  storeId: string,
  changes: Partial<Record<keyof ProgramSettings, string | null>>,
  now: string,
): Promise<ProgramSettings> {
  const current = await readProgramSettings(db, storeId);
  const settings = parseProgramSettings({ ...current, ...changes });
  await writeSetting(db, storeId, PROGRAM_SETTING, settings, now);
  return settings;
}
