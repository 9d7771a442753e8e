import type { Kysely } from 'kysely';
import { type ConsentInput, recordConsent, recordImportedConsent, type ImportedConsent } from '../consent/index.js';
import { adoptSourceIds, type AdoptionConflict } from '../customers/index.js';
import { type IncomingOrder, recordOrderBatch, upsertCustomersBatch } from '../orders/index.js';
import { RegularsError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { isIanaTimeZone } from '../../platform/time-zone.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { refreshPlannerStatistics } from '../../platform/database/database.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import {
  type BulkOperation,
  bulkOperationById,
  bulkResultLines,
  runBulkQuery,
  type ShopifyAdminConnection,
  shopProfile,
} from './admin-api.adapter.js';
import { type BulkRecord, BulkRecordAssembler, bulkResultInvalid, parseBulkLine } from './bulk-jsonl.js';
import { type BulkCustomerChange, mapBulkCustomer, mapBulkOrder, mapBulkProduct } from './bulk.mapper.js';
import { CUSTOMERS_BULK_QUERY, ORDERS_BULK_QUERY, PRODUCTS_BULK_QUERY } from './bulk-queries.js';
import { minorUnits } from './payload-fields.js';
import { upsertShopifyVariants } from '../products/index.js';
import {
  advanceBackfillPhase,
  type BackfillPhase,
  deleteBackfillCheckpoints,
  findBackfillCheckpoints,
  startBackfillPhase,
} from './shopify-backfill.repository.js';
import type { ShopifyBackfillRow } from './shopify-backfill.table.js';
import { claimWebhookDeliveries } from './webhook-delivery.repository.js';

export interface BackfillProgress {
  readonly phase: BackfillPhase;
  /** 'waiting': Shopify is still running the bulk query; 'writing': its result is being stored. */
  readonly state: 'waiting' | 'writing';
  /** Lines of the result committed (writing), or objects Shopify has read so far (waiting). */
  readonly done: number;
  /** Lines of the result (writing); null while Shopify has not finished. */
  readonly total: number | null;
}

export interface BackfillShopifyInput {
  readonly storeId: string;
  readonly connection: ShopifyAdminConnection;
  /** How long to wait between two looks at a running bulk operation (default 2,000 ms). */
  readonly pollIntervalMs?: number;
  /** Customers or orders per transaction (default 1,000). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: BackfillProgress) => void;
}

export interface BackfillPhaseResult {
  readonly bulkOperationId: string | null;
  /** Lines of the bulk result, and the customers or orders they held. */
  readonly lines: number;
  readonly records: number;
  /** Of those, the ones this run wrote (a resumed run counts only its own). */
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Orders a webhook had already stored in a later version: kept. */
  readonly stale: number;
  /** Whether this run continued from a checkpoint, and from which line. */
  readonly resumedAtLine: number;
}

export interface BackfillResult {
  readonly storeId: string;
  readonly timeZone: string;
  readonly customers: BackfillPhaseResult;
  /** Products: records are products; `updated` counts the variants written (by SKU), `stale` those a webhook stored newer. */
  readonly products: BackfillPhaseResult & { readonly variantsWithoutSku: number };
  readonly orders: BackfillPhaseResult;
  /** Consent records appended (source 'shopify'), by status, and statements already on record; pending: statements of a pending opt-in seen (recorded unless already in effect). */
  readonly consent: { granted: number; revoked: number; pending: number; unchanged: number };
  /** Customers an export or a guest checkout keyed by email, re-keyed or merged into Shopify's customer. */
  readonly matchedByEmail: { rekeyed: number; merged: number; conflicts: readonly AdoptionConflict[] };
}

const DEFAULT_BATCH = 1_000;
const FINISHED_WITHOUT_RESULT = new Set(['FAILED', 'CANCELED', 'CANCELING', 'EXPIRED']);
const ACTOR = 'shopify-backfill';
/** Shopify keeps a result for 7 days; a day less leaves room for a long download. */
const RESULT_KEPT_MS = 6 * 86_400_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A mapper's VALIDATION_FAILED, with the line of the result it came from. */
function atLine<T>(line: number, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof RegularsError && error.code === 'VALIDATION_FAILED')
      throw bulkResultInvalid(line, error.message, { path: error.details.path ?? null });
    throw error;
  }
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
}

/**
 * Backfills a store's Shopify history through the Admin API's bulk operations
 * (docs/shopify.md "History and consent"): first the customers (profile and consent), then the
 * products (handles, by their variants' SKUs), then the orders (lines, refunds, buyer), each phase one bulk query whose JSONL result is streamed and
 * written in batches through the ingestion paths webhooks and imports use.
 *
 * Resumable: each batch commits together with the phase's checkpoint (bulk operation id, lines
 * done), so a run that is killed resumes at the first line not committed, and nothing is written
 * twice (the writes are idempotent by Shopify's ids besides). A phase whose operation failed or
 * expired starts over on a new one. A run after a completed backfill starts a new one: a second
 * backfill changes only what changed in Shopify meanwhile.
 */
export async function backfillShopify(db: Kysely<Database>, input: BackfillShopifyInput): Promise<BackfillResult> {
  const { storeId, connection } = input;
  await getStore(db, storeId);
  const { timeZone, currency } = await shopProfile(connection);
  if (!isIanaTimeZone(timeZone))
    throw new RegularsError(
      'SHOPIFY_ADMIN_API_FAILED',
      `the shop's time zone ${JSON.stringify(timeZone)} is not an IANA zone`,
      {
        field: 'shop.ianaTimezone',
      },
    );
  let checkpoints = await findBackfillCheckpoints(db, storeId);
  if (checkpoints.size > 0 && [...checkpoints.values()].every((c) => c.status === 'completed')) {
    await deleteBackfillCheckpoints(db, storeId);
    checkpoints = new Map();
  }
  const consent = { granted: 0, revoked: 0, pending: 0, unchanged: 0 };
  const matchedByEmail = { rekeyed: 0, merged: 0, conflicts: [] as AdoptionConflict[] };
  const batchSize = input.batchSize ?? DEFAULT_BATCH;

  const customers = await runPhase(
    db,
    input,
    'customers',
    checkpoints.get('customers'),
    async (trx, records, counts) => {
      const changes: (BulkCustomerChange & { line: number })[] = records.map((r) => ({
        ...atLine(r.firstLine, () => mapBulkCustomer(r.object)),
        line: r.firstLine,
      }));
      const adoption = await adoptSourceIds(
        trx,
        storeId,
        changes.map((c) => ({ externalId: c.customer.externalId, email: c.customer.email })),
        ACTOR,
      );
      matchedByEmail.rekeyed += adoption.rekeyed;
      matchedByEmail.merged += adoption.merged;
      matchedByEmail.conflicts.push(...adoption.conflicts);
      const stored = await upsertCustomersBatch(
        trx,
        storeId,
        changes.map((c) => c.customer),
      );
      for (const c of changes) counts[stored.get(c.customer.externalId)!.outcome]++;
      await recordBackfilledConsent(trx, storeId, changes, stored, consent);
    },
    batchSize,
  );

  // Products before orders: the messages an order starts link its lines by handle.
  let variantsWithoutSku = 0;
  const productsPhase = await runPhase(
    db,
    input,
    'products',
    checkpoints.get('products'),
    async (trx, records, counts) => {
      const variants = records.flatMap((r) =>
        atLine(r.firstLine, () => {
          const change = mapBulkProduct(r);
          variantsWithoutSku += change.withoutSku.length;
          return change.variants.map((variant, i) => ({
            ...variant,
            priceMinor: currency === null ? null : minorUnits(change.prices[i].text, currency, change.prices[i].path),
            currency,
          }));
        }),
      );
      const { written, stale } = await upsertShopifyVariants(trx, storeId, variants);
      counts.updated += written;
      counts.stale += stale;
    },
    batchSize,
  );
  const products = { ...productsPhase, variantsWithoutSku };

  const orders = await runPhase(
    db,
    input,
    'orders',
    checkpoints.get('orders'),
    async (trx, records, counts) => {
      const changes = records.map((r) => atLine(r.firstLine, () => mapBulkOrder(r, timeZone)));
      const incoming: IncomingOrder[] = changes.map((c) => ({ customer: c.customer, order: c.order }));
      for (const r of await recordOrderBatch(trx, storeId, incoming)) counts[r.outcome]++;
      // The refunds these orders count: a refunds/create delivered later must not add them again
      // (refund.mapper.ts explains the claims).
      await claimWebhookDeliveries(
        trx,
        storeId,
        changes.flatMap((c) => c.refundIds.map((id) => `refund:${id}`)),
        'backfill',
      );
    },
    batchSize,
  );

  await refreshPlannerStatistics(db);
  return { storeId, timeZone, customers, products, orders, consent, matchedByEmail };
}

async function recordBackfilledConsent(
  trx: Kysely<Database>,
  storeId: string,
  changes: readonly BulkCustomerChange[],
  stored: ReadonlyMap<string, { customerId: string }>,
  counts: { granted: number; revoked: number; pending: number; unchanged: number },
): Promise<void> {
  const byChannel: Record<'email' | 'sms', ImportedConsent[]> = { email: [], sms: [] };
  const pending: { customerId: string; consent: ConsentInput }[] = [];
  for (const change of changes) {
    const customerId = stored.get(change.customer.externalId)!.customerId;
    for (const c of change.consent) {
      if (c.status === 'granted' || c.status === 'revoked') {
        byChannel[c.channel as 'email' | 'sms'].push({
          customerId,
          status: c.status,
          recordedAt: c.recordedAt,
          source: c.source,
          doubleOptInAt: c.doubleOptInAt,
        });
      } else {
        pending.push({ customerId, consent: c });
      }
    }
  }
  for (const channel of ['email', 'sms'] as const) {
    if (byChannel[channel].length === 0) continue;
    const recorded = await recordImportedConsent(trx, storeId, byChannel[channel], channel);
    counts.granted += recorded.granted;
    counts.revoked += recorded.revoked;
    counts.unchanged += recorded.unchanged;
  }
  // Pending (a double opt-in not yet confirmed) is rare: one at a time, with recordConsent's rule.
  for (const p of pending) {
    await recordConsent(trx, storeId, p.customerId, p.consent);
    counts.pending++;
  }
}

/** The phase's bulk operation: the checkpoint's while Shopify still has it, else a new one. */
async function phaseOperation(
  db: Kysely<Database>,
  input: BackfillShopifyInput,
  phase: BackfillPhase,
  checkpoint: ShopifyBackfillRow | undefined,
): Promise<{ operation: BulkOperation; checkpoint: ShopifyBackfillRow }> {
  if (checkpoint?.bulk_operation_id) {
    const known = await bulkOperationById(input.connection, checkpoint.bulk_operation_id);
    // A result's link expires 7 days after the operation completed: an older checkpoint's
    // operation is run anew rather than failing on a download that cannot succeed.
    const expired = Date.parse(nowIso()) - Date.parse(checkpoint.started_at) > RESULT_KEPT_MS;
    if (known && !FINISHED_WITHOUT_RESULT.has(known.status) && !expired) return { operation: known, checkpoint };
  }
  const operation = await runBulkQuery(
    input.connection,
    { customers: CUSTOMERS_BULK_QUERY, products: PRODUCTS_BULK_QUERY, orders: ORDERS_BULK_QUERY }[phase],
  );
  const fresh = await startBackfillPhase(db, input.storeId, phase, operation.id, nowIso());
  return { operation, checkpoint: fresh };
}

async function runPhase(
  db: Kysely<Database>,
  input: BackfillShopifyInput,
  phase: BackfillPhase,
  saved: ShopifyBackfillRow | undefined,
  write: (trx: Kysely<Database>, records: readonly BulkRecord[], counts: Counts) => Promise<void>,
  batchSize: number,
): Promise<BackfillPhaseResult> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, stale: 0 };
  if (saved?.status === 'completed') {
    return {
      bulkOperationId: saved.bulk_operation_id,
      lines: saved.lines_done,
      records: saved.records_done,
      ...counts,
      resumedAtLine: saved.lines_done,
    };
  }
  const started = await phaseOperation(db, input, phase, saved);
  const checkpoint = started.checkpoint;
  let operation = started.operation;
  while (operation.status === 'CREATED' || operation.status === 'RUNNING') {
    input.onProgress?.({ phase, state: 'waiting', done: operation.objectCount, total: null });
    await sleep(input.pollIntervalMs ?? 2_000);
    const next = await bulkOperationById(input.connection, operation.id);
    if (!next)
      throw new RegularsError(
        'SHOPIFY_BULK_OPERATION_FAILED',
        `Shopify no longer knows the bulk operation ${operation.id}`,
        { bulkOperationId: operation.id },
      );
    operation = next;
  }
  if (operation.status !== 'COMPLETED') {
    throw new RegularsError(
      'SHOPIFY_BULK_OPERATION_FAILED',
      `the ${phase} bulk query ${operation.id} ended ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ''}: run the backfill again to start a new one${operation.errorCode === 'ACCESS_DENIED' ? ' after granting the app the scopes it needs (read_customers, read_products, read_orders, read_all_orders)' : ''}`,
      { bulkOperationId: operation.id, status: operation.status, errorCode: operation.errorCode },
    );
  }
  const total = operation.objectCount;
  const resumedAtLine = checkpoint.lines_done;
  let linesDone = checkpoint.lines_done;
  let recordsDone = checkpoint.records_done;
  input.onProgress?.({ phase, state: 'writing', done: linesDone, total });

  /** Writes a batch with the checkpoint; `endLine` is the last line read when the result is done. */
  const flush = async (batch: BulkRecord[], endLine: number | null) => {
    const done = endLine ?? batch[batch.length - 1].lastLine;
    await inTransaction(db, async (trx) => {
      if (batch.length > 0) await write(trx, batch, counts);
      await advanceBackfillPhase(
        trx,
        input.storeId,
        phase,
        { linesDone: done, recordsDone: recordsDone + batch.length, linesTotal: total, completed: endLine !== null },
        nowIso(),
      );
    });
    linesDone = done;
    recordsDone += batch.length;
    input.onProgress?.({ phase, state: 'writing', done: linesDone, total });
  };

  let line = 0;
  // Shopify answers no url when the query matched nothing.
  if (operation.url !== null) {
    const assembler = new BulkRecordAssembler();
    let batch: BulkRecord[] = [];
    for await (const text of bulkResultLines(operation.url)) {
      line++;
      // Committed lines are skipped unread: the checkpoint always ends at a record's last line.
      if (line <= resumedAtLine || text.trim() === '') continue;
      const record = assembler.push(parseBulkLine(text, line), line);
      if (record) batch.push(record);
      if (batch.length >= batchSize) {
        const full = batch;
        batch = [];
        await flush(full, null);
      }
    }
    const last = assembler.finish();
    if (last) batch.push(last);
    if (line < resumedAtLine)
      throw bulkResultInvalid(
        line,
        `the result has ${line} lines, fewer than the ${resumedAtLine} the checkpoint counts as done`,
      );
    await flush(batch, line);
  } else {
    await flush([], 0);
  }
  return {
    bulkOperationId: operation.id,
    lines: linesDone,
    records: recordsDone,
    ...counts,
    resumedAtLine,
  };
}
