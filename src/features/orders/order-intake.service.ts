import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { type RecordedBatchOrder, recordOrderBatch } from './record-order-batch.service.js';
import { type IncomingOrder, recordOrder } from './record-order.service.js';

/** Runs work in a transaction, or alone when it owns its atomicity (platform/database/group-commit.ts implements it). */
export interface TransactionRunner {
  run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  alone<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** Orders written together at most; the batch statements are sized for a few hundred. */
const MAX_COALESCED = 250;

interface Waiting {
  readonly storeId: string;
  readonly incoming: IncomingOrder;
  resolve(recorded: RecordedBatchOrder): void;
  reject(error: unknown): void;
}

export interface OrderIntake {
  /** Records one order; concurrent calls are written together, each answered with its own outcome. */
  record(storeId: string, incoming: IncomingOrder): Promise<RecordedBatchOrder>;
}

/**
 * Single orders (POST /v1/orders, one request each) written as batches: orders that arrive while
 * earlier ones are being written wait, and are then written together with the multi-row
 * statements of recordOrderBatch (a handful of statements for the lot, instead of five per order).
 * The first order of a quiet period waits only for the end of the event loop's current turn.
 *
 * If a batch fails (a database error: input was validated before), its orders are written again
 * one by one, so the error reaches only the request that caused it. `concurrency` batches run at
 * once: 1 for SQLite (one writer at a time anyway), a few for PostgreSQL, which writes in parallel.
 */
export function createOrderIntake(runner: TransactionRunner, concurrency: number): OrderIntake {
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function write(group: Waiting[]): Promise<void> {
    const byStore = new Map<string, Waiting[]>();
    for (const w of group) byStore.set(w.storeId, [...(byStore.get(w.storeId) ?? []), w]);
    await Promise.all([...byStore].map(([storeId, waiting]) => writeStore(storeId, waiting)));
  }

  /** One store's orders of a group: written together, or one by one if that fails. */
  async function writeStore(storeId: string, waiting: Waiting[]): Promise<void> {
    try {
      // Alone: recordOrderBatch owns its transaction, and on PostgreSQL writes new orders in one
      // statement that needs none.
      const recorded = await runner.alone((db) =>
        recordOrderBatch(
          db,
          storeId,
          waiting.map((w) => w.incoming),
        ),
      );
      waiting.forEach((w, i) => w.resolve(recorded[i]));
    } catch {
      await Promise.all(
        waiting.map((w) =>
          runner
            .run((trx) => recordOrder(trx, w.storeId, w.incoming))
            .then(
              (r) =>
                w.resolve({
                  id: r.orderId,
                  externalId: w.incoming.order.externalId,
                  customerId: r.customerId,
                  outcome: r.outcome,
                }),
              w.reject,
            ),
        ),
      );
    }
  }

  function pump(): void {
    while (queue.length > 0 && inFlight < concurrency) {
      const group = queue.slice(0, MAX_COALESCED);
      queue = queue.slice(group.length);
      inFlight++;
      void write(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    record(storeId, incoming) {
      return new Promise((resolve, reject) => {
        queue.push({ storeId, incoming, resolve, reject });
        // Written after the event loop's current I/O phase: the requests that arrived together are
        // then all queued. Writing at once would write one order at a time on SQLite, whose
        // synchronous driver finishes a whole transaction before Node reads the next request.
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            pump();
          });
        }
      });
    },
  };
}
