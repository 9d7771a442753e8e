import { describe, expect, it } from 'vitest';
import { RegularsError } from '../errors.js';
import { createGroupCommitter } from './group-commit.js';
import { upsertCustomerByExternalId } from '../../features/customers/customer.repository.js';
import { createStore } from '../stores/store.repository.js';
import { dialects, sqlDialect, useTestDatabase } from '../../../test/support/test-database.js';

describe.each(dialects)('group commit on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('commits concurrent units together, and rolls back and rejects a failing one alone', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'G', shopifySecret: null });
    const writer = createGroupCommitter(db, sqlDialect(dialect));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        writer.run(async (trx) => {
          const customer = await upsertCustomerByExternalId(trx, store.id, { externalId: `g-${i}` });
          // Every seventh unit fails after writing: its write must not survive.
          if (i % 7 === 3) throw new RegularsError('INVALID_ARGUMENT', `unit ${i} fails`);
          return customer.externalId;
        }),
      ),
    );
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24, 31, 38]);
    for (const [i, o] of outcomes.entries()) if (o.status === 'fulfilled') expect(o.value).toBe(`g-${i}`);
    const stored = await db.selectFrom('customers').select('external_id').where('store_id', '=', store.id).execute();
    expect(stored.map((r) => r.external_id).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => i)
        .filter((i) => i % 7 !== 3)
        .map((i) => `g-${i}`)
        .sort(),
    );
  });
});
