import type { Kysely } from 'kysely';
import { CONSENT_RECORD_COLUMNS, type ConsentRecordRow, consentInEffect } from '../consent/index.js';
import type { OutboxMessage } from './outbox-message.js';
import type { OutboxMessageRow } from './outbox-message.table.js';
import { OUTBOX_MESSAGE_COLUMNS } from './outbox-message.table.js';
import { marketingCapRivals, outboxMessageFromRow } from './outbox.repository.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import { jsonRows, parseJsonColumn } from '../../platform/database/json-rows.js';
import type { Database } from '../../platform/database/database.table.js';

/** What the send-time checks read under the customer's lock (deliver-message.service.ts). */
export interface SendChecks {
  /** The message, if this worker still holds its lease and it is still to be sent. */
  readonly held: OutboxMessage | null;
  readonly consent: ReturnType<typeof consentInEffect>;
  /** The frequency cap's rivals (marketingCapRivals): empty for a message that is not marketing. */
  readonly cap: Awaited<ReturnType<typeof marketingCapRivals>>;
}

type Params = {
  storeId: string;
  id: string;
  workerId: string;
  customerId: string;
  consentChannel: string;
  since: string;
  now: string;
  minPriority: number;
};

type CapRow = { kind: 'sent' | 'due'; id: string; priority: number; send_at: string; last_attempt_at: string | null };

/**
 * The leased message, the customer's consent history and, for marketing, the cap's rows, in one
 * statement (three before): each is a round trip on PostgreSQL, and every message sent runs them.
 * The same reads as findLeasedMessage, currentConsent and marketingCapRivals, as JSON
 * (platform/database/json-rows.ts).
 */
function sendChecks(withCap: boolean) {
  return new PreparedQuery<{ message: unknown; consent: unknown; cap: unknown }, Params>((db, param) => {
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
    return db.selectNoFrom((eb) => [
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
    ]);
  });
}
const WITH_CAP = sendChecks(true);
const WITHOUT_CAP = sendChecks(false);

/**
 * The checks' reads for a claimed message, in one statement. The cap is read for the message as
 * claimed (its purpose, consent channel and priority); should the stored message differ in any of
 * them (re-planned since the claim), the cap is read again for it as stored.
 */
export async function readSendChecks(
  db: Kysely<Database>,
  claimed: OutboxMessage,
  input: { readonly workerId: string; readonly since: string; readonly now: string },
): Promise<SendChecks> {
  const marketing = claimed.purpose === 'marketing';
  const [row] = await (marketing ? WITH_CAP : WITHOUT_CAP).execute(db, {
    storeId: claimed.storeId,
    id: claimed.id,
    workerId: input.workerId,
    customerId: claimed.customerId,
    consentChannel: claimed.consentChannel,
    since: input.since,
    now: input.now,
    minPriority: claimed.priority,
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
  if (
    held !== null &&
    (held.purpose !== claimed.purpose ||
      held.consentChannel !== claimed.consentChannel ||
      held.priority !== claimed.priority)
  ) {
    cap =
      held.purpose === 'marketing'
        ? await marketingCapRivals(db, {
            storeId: held.storeId,
            customerId: held.customerId,
            consentChannel: held.consentChannel,
            since: input.since,
            now: input.now,
            minPriority: held.priority,
            exceptId: held.id,
          })
        : { recent: [], due: [] };
  }
  return { held, consent, cap };
}
