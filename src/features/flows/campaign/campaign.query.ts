import type { Kysely } from 'kysely';
import type { EvaluationContext } from '../../segments/index.js';
import type { SegmentRule } from '../../segments/index.js';
import type { Database } from '../../../platform/database/database.table.js';
import { ruleContext } from '../../segments/index.js';
import { ruleSql, segmentBase } from '../../segments/index.js';

export interface CampaignRecipient {
  readonly customerId: string;
  readonly externalId: string;
  readonly timeZone: string | null;
}

/**
 * The campaign's audience in one statement: the customers the segment's rule holds for at `at`
 * (evaluated, not read from segment_members, so a segment created or changed since the last
 * refresh still gets its members), or every customer of the store without a rule. Only the three
 * columns a message needs, so a million recipients stay a few hundred megabytes at most.
 */
export async function campaignRecipients(
  db: Kysely<Database>,
  storeId: string,
  rule: SegmentRule | null,
  at: EvaluationContext,
): Promise<CampaignRecipient[]> {
  const rows =
    rule === null
      ? await db
          .selectFrom('customers as c')
          .select(['c.id', 'c.external_id', 'c.time_zone'])
          .where('c.store_id', '=', storeId)
          .orderBy('c.id')
          .execute()
      : await segmentBase(db, storeId)
          .select(['c.id', 'c.external_id', 'c.time_zone'])
          .where(ruleSql(rule, ruleContext(db, storeId, at)))
          .orderBy('c.id')
          .execute();
  return rows.map((r) => ({ customerId: r.id, externalId: r.external_id, timeZone: r.time_zone }));
}
