import type { Kysely } from 'kysely';
import { generatedCustomerId } from '../../analytics/generate/store-simulator.js';
import { recordImportedConsent, unsubscribeByToken, unsubscribeLinks } from '../consent/index.js';
import { createStaffUser } from '../console/index.js';
import { recordCustomerProfiles } from '../customers/index.js';
import { changeDeliverySettings } from '../delivery/index.js';
import { enableFlow } from '../flows/index.js';
import { readLoyaltyProgram, setLoyaltyProgram } from '../loyalty/index.js';
import { updateShopProfile } from '../stores/index.js';
import { setTierSettings } from '../tiers/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { demoPerson } from './demo-people.js';
import {
  DEMO_FLOWS,
  DEMO_LOYALTY_PROGRAM,
  DEMO_SHOP_PROFILE,
  DEMO_TIERS,
  DEMO_TIME_ZONE,
} from './demo-store.js';

type FlowSources = Parameters<typeof enableFlow>[3];

export interface LivingStoreOptions {
  /** How many customers the generator made (cus_000001 ... ), and its seed. */
  readonly customers: number;
  readonly seed: number;
  /** The instant every setting and consent change is recorded at. */
  readonly now: string;
  /** Where the unsubscribe links the unsubscribed customers followed point (the demo server's address). */
  readonly publicUrl: string;
  readonly flowSources: FlowSources;
  /** The store's owner, who signs in to the console (the password is drawn by the caller). */
  readonly owner: { readonly email: string; readonly password: string };
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LivingStoreSummary {
  readonly customers: number;
  readonly signedUp: number;
  readonly unsubscribed: number;
  readonly flows: readonly string[];
}

/**
 * Whether the demo store was already brought to life: the loyalty program is written in the same
 * transaction as everything else, so it stands for the whole.
 */
export async function isStoreLiving(db: Kysely<Database>, storeId: string): Promise<boolean> {
  return (await readLoyaltyProgram(db, storeId)) !== null;
}

/**
 * Turns the imported history into a store someone runs, through each feature's own use cases (the
 * ones `regulars stores profile`, `stores settings`, `loyalty program set`, `tiers set`, `flows
 * enable` and the unsubscribe link call): the shop profile and time zone, each customer's name,
 * time zone and locale with the consent they gave after checkout (a newsletter sign-up, or an
 * unsubscribe link followed), the loyalty program, the tiers, a few flows, and the owner who signs
 * in to the console. All in one
 * transaction, so an interrupted demo leaves the store as it was and the next run does it again.
 */
export function makeStoreLiving(
  db: Kysely<Database>,
  storeId: string,
  options: LivingStoreOptions,
): Promise<LivingStoreSummary> {
  const { now } = options;
  return inTransaction(db, async (trx) => {
    await updateShopProfile(trx, storeId, DEMO_SHOP_PROFILE, now);
    await changeDeliverySettings(trx, storeId, { timeZone: DEMO_TIME_ZONE }, now);
    // Each flow's SpamAssassin gate is a process of a second or more: they run while the
    // customers are written, and each flow is stored once its gates passed.
    const enabling = Promise.all(DEMO_FLOWS.map((flow) => enableFlow(trx, storeId, flow, options.flowSources, now)));
    // Awaited below; were the customers' step to fail first, its failure is the one reported.
    enabling.catch(() => {});
    const people = Array.from({ length: options.customers }, (_, index) => ({
      externalId: generatedCustomerId(index),
      ...demoPerson(index, options.seed),
    }));
    const ids = await recordCustomerProfiles(
      trx,
      storeId,
      people.map(({ externalId, firstName, lastName, timeZone, locale }) => ({
        externalId,
        firstName,
        lastName,
        timeZone,
        locale,
      })),
      now,
    );
    options.onProgress?.(1, 4);
    // The newsletter list the shop's sign-up form gathered (confirmed by double opt-in), brought in
    // as an import is: in a few statements, and nothing for a customer whose checkout said yes already.
    const signedUp = people.filter((p) => p.consentStep === 'signed_up' && ids.has(p.externalId));
    await recordImportedConsent(
      trx,
      storeId,
      signedUp.map((p) => ({
        customerId: ids.get(p.externalId) as string,
        status: 'granted',
        recordedAt: now,
        source: 'signup_form',
        doubleOptInAt: now,
      })),
    );
    options.onProgress?.(2, 4);
    const unsubscribed = people.filter((p) => p.consentStep === 'unsubscribed' && ids.has(p.externalId));
    for (const person of unsubscribed) {
      // The link in the footer of every email, followed: the consent record and the suppression.
      const { token } = await unsubscribeLinks(trx, {
        storeId,
        customerId: ids.get(person.externalId) as string,
        publicUrl: options.publicUrl,
        now,
      });
      await unsubscribeByToken(trx, token, { now, ip: null });
    }
    options.onProgress?.(3, 4);
    await setTierSettings(trx, storeId, DEMO_TIERS, now);
    await createStaffUser(trx, { storeId, email: options.owner.email, role: 'owner', password: options.owner.password }, now);
    await enabling;
    options.onProgress?.(4, 4);
    // Last: its presence says the rest is done (isStoreLiving).
    await setLoyaltyProgram(trx, storeId, DEMO_LOYALTY_PROGRAM, now);
    return {
      customers: ids.size,
      signedUp: signedUp.length,
      unsubscribed: unsubscribed.length,
      flows: DEMO_FLOWS,
    };
  });
}
