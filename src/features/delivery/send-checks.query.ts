import { type Kysely, PostgresAdapter, type QueryCreator, sql } from 'kysely';
import {
  CONSENT_RECORD_COLUMNS,
  type ConsentRecordRow,
  consentInEffect,
  normalizeAddress,
  type Preferences,
  preferencesFromStored,
  storedPreferencesFromRow,
} from '../consent/index.js';
import type { OutboxMessage } from './outbox-message.js';
import type { OutboxMessageRow } from './outbox-message.table.js';
import { OUTBOX_MESSAGE_COLUMNS } from './outbox-message.table.js';
import { marketingCapRivals, outboxMessageFromRow } from './outbox.repository.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import { jsonRows, parseJsonColumn } from '../../platform/database/json-rows.js';
import type { Database } from '../../platform/database/database.table.js';
import { parseUnsubscribeSecret, UNSUBSCRIBE_SECRET_SETTING } from '../../platform/stores/store-secret.repository.js';

/** What the send-time checks read under the customer's lock (deliver-message.service.ts). */
export interface SendChecks {
  /** The message, if this worker still holds its lease and it is still to be sent. */
  readonly held: OutboxMessage | null;
  readonly consent: ReturnType<typeof consentInEffect>;
  /** The frequency cap's rivals (marketingCapRivals): empty for a message that is not marketing. */
  readonly cap: Awaited<ReturnType<typeof marketingCapRivals>>;
  /** Why the message's address is suppressed for its purpose (the store's suppression list), or null. */
  readonly suppression: string | null;
  /** The customer's own choices, for a marketing message (null for another). */
  readonly preferences: Preferences | null;
  /** The store's unsubscribe signing secret as stored now, or null when it has none yet (the channel then makes it). */
  readonly unsubscribeSecret: Buffer | null;
  /**
   * Whether the statement marked the message 'sending' (markSendingUntil, PostgreSQL): then a
   * message the checks hold back must have its attempt taken back (MarkUndo), and one sent needs
   * no markSending.
   */
  readonly marked: boolean;
}

type Params = {
  storeId: string;
  /** When the statement also marks the message 'sending' (withMark): the lease it then holds until. */
  leaseUntil: string;
  id: string;
  workerId: string;
  customerId: string;
  consentChannel: string;
  since: string;
  now: string;
  minPriority: number;
  address: string | null;
};

type CapRow = { kind: 'sent' | 'due'; id: string; priority: number; send_at: string; last_attempt_at: string | null };

/**
 * The leased message, the customer's consent history, the address's suppressions, the store's
 * unsubscribe secret and, for marketing, the cap's rows and the customer's preferences, in one
 * statement (six before): each is a round trip on PostgreSQL, and every message sent runs them.
 * The same reads as findLeasedMessage, currentConsent, listSuppressions, findUnsubscribeSecret,
 * marketingCapRivals and findPreferences, as JSON (platform/database/json-rows.ts).
 */
function sendChecks(withCap: boolean, withMark: boolean) {
  return new PreparedQuery<
    {
      marked: boolean | number | null;
      message: unknown;
      consent: unknown;
      cap: unknown;
      suppressions: unknown;
      preferences: unknown;
      secret: string | null;
    },
    Params
  >((db, param) => {
    const json = jsonRows(db);
    const mine = (kind: 'sent' | 'due') =>
      db
        .selectFrom('outbox_messages')
        .select((eb) => [eb.val(kind).as('kind'), 'id', 'priority', 'send_at', 'last_attempt_at'])
        .where('store_id', '=', param('storeId'))
        .where('customer_id', '=', param('customerId'))
        .where('consent_channel', '=', param('consentChannel'))
        .where('purpose', '=', 'marketing')
        .where('id', '!=', param('id'));
    // PostgreSQL: the 'sending' mark (markSending) in the same statement, taken for granted since
    // nearly every message checked is sent; the caller undoes it when the checks hold the message.
    // The reads below see the message as it was before (a statement's reads never see its own
    // CTE's writes), and the customer's lock taken before keeps other workers' checks away from
    // the uncommitted mark.
    const creator = withMark
      ? db.with('marked', (qc) =>
          qc
            .updateTable('outbox_messages')
            .set((eb) => ({
              status: 'sending',
              attempts: eb('attempts', '+', 1),
              last_attempt_at: param('now'),
              lease_until: param('leaseUntil'),
              updated_at: param('now'),
            }))
            .where('store_id', '=', param('storeId'))
            .where('id', '=', param('id'))
            .where('lease_owner', '=', param('workerId'))
            .where('status', 'in', ['planned', 'postponed', 'sending'])
            .returning('id'),
        )
      : (db as unknown as QueryCreator<Database>);
    return (creator as QueryCreator<Database>).selectNoFrom((eb) => [
      (withMark ? sql<boolean | null>`exists (select 1 from marked)` : sql<boolean | null>`null`).as('marked'),
      json
        .objectFrom(
          db
            .selectFrom('outbox_messages')
            .select(OUTBOX_MESSAGE_COLUMNS)
            .where('store_id', '=', param('storeId'))
            .where('id', '=', param('id'))
            .where('lease_owner', '=', param('workerId'))
            .where('status', 'in', ['planned', 'postponed', 'sending']),
        )
        .as('message'),
      json
        .arrayFrom(
          db
            .selectFrom('consent_records')
            .select(CONSENT_RECORD_COLUMNS)
            .where('store_id', '=', param('storeId'))
            .where('customer_id', '=', param('customerId'))
            .orderBy('recorded_at')
            .orderBy('id'),
        )
        .as('consent'),
      withCap
        ? json
            .arrayFrom(
              mine('sent')
                .where('last_attempt_at', '>=', param('since'))
                .where('status', 'in', ['sent', 'sending'])
                .unionAll(
                  mine('due')
                    .where('status', 'in', ['planned', 'postponed'])
                    .where('send_at', '<=', param('now'))
                    .where('priority', '>=', param('minPriority')),
                ),
            )
            .as('cap')
        : eb.val(null).as('cap'),
      json
        .arrayFrom(
          db
            .selectFrom('suppressions')
            .select('reason')
            .where('store_id', '=', param('storeId'))
            .where('channel', '=', param('consentChannel'))
            .where('address', '=', param('address'))
            .orderBy('reason'),
        )
        .as('suppressions'),
      withCap
        ? json
            .objectFrom(
              db
                .selectFrom('customer_preferences')
                .select(['topics_off', 'frequency', 'snoozed_until'])
                .where('store_id', '=', param('storeId'))
                .where('customer_id', '=', param('customerId')),
            )
            .as('preferences')
        : eb.val(null).as('preferences'),
      eb
        .selectFrom('store_settings')
        .select('value')
        .where('store_id', '=', param('storeId'))
        .where('name', '=', UNSUBSCRIBE_SECRET_SETTING)
        .as('secret'),
    ]);
  });
}
const WITH_CAP = sendChecks(true, false);
const WITHOUT_CAP = sendChecks(false, false);
const WITH_CAP_MARKED = sendChecks(true, true);
const WITHOUT_CAP_MARKED = sendChecks(false, true);

/** The reasons that stop a message of this purpose: any for marketing, only a bounce for the others (the address does not work). */
function suppressionFor(reasons: readonly string[], purpose: string): string | null {
  const stopping = reasons.filter((reason) => purpose === 'marketing' || reason === 'bounced');
  return stopping.length === 0 ? null : stopping.join(', ');
}

/**
 * The checks' reads for a claimed message, in one statement. The cap, the suppressions and the
 * preferences are read for the message as claimed (its purpose, consent channel and priority);
 * should the stored message differ in any of them (re-planned since the claim), they are read
 * again for it as stored. `addressFor` gives the customer's address on a consent channel (read
 * under the customer's lock), null when there is none.
 */
export async function readSendChecks(
  db: Kysely<Database>,
  claimed: OutboxMessage,
  input: {
    readonly workerId: string;
    readonly since: string;
    readonly now: string;
    readonly addressFor: (consentChannel: OutboxMessage['consentChannel']) => string | null;
    /**
     * Mark the message 'sending' with this lease in the same statement, where the dialect allows
     * (PostgreSQL; `marked` says whether it did): one round trip fewer per message sent.
     */
    readonly markSendingUntil?: string;
  },
): Promise<SendChecks> {
  const marketing = claimed.purpose === 'marketing';
  const address = input.addressFor(claimed.consentChannel);
  const mark = input.markSendingUntil !== undefined && db.getExecutor().adapter instanceof PostgresAdapter;
  const statement = mark ? (marketing ? WITH_CAP_MARKED : WITHOUT_CAP_MARKED) : marketing ? WITH_CAP : WITHOUT_CAP;
  const [row] = await statement.execute(db, {
    leaseUntil: input.markSendingUntil ?? input.now,
    storeId: claimed.storeId,
    id: claimed.id,
    workerId: input.workerId,
    customerId: claimed.customerId,
    consentChannel: claimed.consentChannel,
    since: input.since,
    now: input.now,
    minPriority: claimed.priority,
    address: address === null ? null : normalizeAddress(claimed.consentChannel, address),
  });
  const messageRow = parseJsonColumn(row.message as OutboxMessageRow | string | null);
  const held = messageRow === null ? null : outboxMessageFromRow(messageRow);
  const consent = consentInEffect(parseJsonColumn(row.consent as ConsentRecordRow[] | string));
  const capRows = row.cap === null ? [] : parseJsonColumn(row.cap as CapRow[] | string);
  let cap = {
    recent: capRows.filter((r) => r.kind === 'sent').map((r) => r.last_attempt_at as string),
    due: capRows
      .filter((r) => r.kind === 'due')
      .map((r) => ({ id: r.id, priority: Number(r.priority), sendAt: r.send_at })),
  };
  const reasons = parseJsonColumn(row.suppressions as { reason: string }[] | string).map((r) => r.reason);
  let suppression = address === null ? null : suppressionFor(reasons, claimed.purpose);
  const preferencesRow = parseJsonColumn(
    row.preferences as { topics_off: string; frequency: string; snoozed_until: string | null } | string | null,
  );
  let preferences = marketing
    ? preferencesFromStored(preferencesRow === null ? null : storedPreferencesFromRow(preferencesRow), input.now)
    : null;
  const unsubscribeSecret = row.secret === null ? null : parseUnsubscribeSecret(row.secret);
  if (
    held !== null &&
    (held.purpose !== claimed.purpose ||
      held.consentChannel !== claimed.consentChannel ||
      held.priority !== claimed.priority)
  ) {
    // Read again without marking: the message is marked (or not) already.
    const again = await readSendChecks(db, held, { ...input, markSendingUntil: undefined });
    cap = again.cap;
    suppression = again.suppression;
    preferences = again.preferences;
  }
  const marked = row.marked === true || row.marked === 1;
  return { held, consent, cap, suppression, preferences, unsubscribeSecret, marked };
}
