import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { markSentMany } from './outbox.repository.js';

interface Acknowledgement {
  readonly storeId: string;
  readonly id: string;
  readonly providerMessageId: string | null;
  readonly at: string;
  resolve(changed: boolean): void;
  reject(error: unknown): void;
}

/**
 * Records that channels accepted messages (markSent), writing the acknowledgements that arrive
 * together in one statement per store (markSentMany) instead of one each: a worker sends
 * `concurrency` messages at once, and on PostgreSQL each acknowledgement was a round trip and a
 * commit of its own. While one write is in flight the next acknowledgements wait for it, then go
 * together; the first of a quiet spell waits only for the end of the event loop's turn. Every
 * caller's promise settles after its own row is written (true when it changed), so a message is
 * never reported sent before the database says so; if the write fails, each caller sees the error
 * (the message stays 'sending' and is sent again with the same Message-ID when its lease ends).
 */
export interface SentRecorder {
  record(storeId: string, id: string, providerMessageId: string | null, at: string): Promise<boolean>;
}

export function createSentRecorder(db: Kysely<Database>): SentRecorder {
  let queue: Acknowledgement[] = [];
  let writing = false;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      const byStore = new Map<string, Acknowledgement[]>();
      for (const a of group) byStore.set(a.storeId, [...(byStore.get(a.storeId) ?? []), a]);
      for (const [storeId, acks] of byStore) {
        try {
          const changed = await markSentMany(db, storeId, acks);
          for (const a of acks) a.resolve(changed.has(a.id));
        } catch (error) {
          for (const a of acks) a.reject(error);
        }
      }
    }
    writing = false;
  }

  return {
    record(storeId, id, providerMessageId, at) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ storeId, id, providerMessageId, at, resolve, reject });
        if (!writing) {
          writing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}

/** One recorder per database handle, so every worker loop of a process on it shares the writes. */
const recorders = new WeakMap<Kysely<Database>, SentRecorder>();

export function sentRecorderFor(db: Kysely<Database>): SentRecorder {
  let recorder = recorders.get(db);
  if (recorder === undefined) recorders.set(db, (recorder = createSentRecorder(db)));
  return recorder;
}
