import { describe, expect, it } from 'vitest';
import { findCustomer, upsertCustomerByExternalId } from './customer.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { type CliRun, dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, type TestDatabase, useTestDatabase } from '../../../test/support/test-database.js';

function cli(database: TestDatabase, args: readonly string[]): Promise<CliRun> {
  const at = dbArgs(database.target);
  return runCli([...args, ...at.args], { env: { DATABASE_URL: undefined, ...at.env } });
}

describe.each(dialects)('regulars customers merge on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('says what a dry run would move, merges, and lists the merge with who ran it', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Merge CLI' });
    const keep = await upsertCustomerByExternalId(db, store.id, { externalId: '7001', email: 'ada@example.com' });
    const gone = await upsertCustomerByExternalId(db, store.id, { externalId: 'ada.l@example.com', firstName: 'Ada' });
    const args = ['customers', 'merge', '--store', store.id, '--into', '7001', '--from', gone.id];

    const dry = await cli(database(), [...args, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`dry run: merging ${gone.id} (ada.l@example.com) into ${keep.id} would move`);
    expect(await findCustomer(db, store.id, gone.id)).not.toBeNull();

    const run = await cli(database(), args);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`merged ${gone.id} \\(ada.l@example.com\\) into ${keep.id} \\(mrg_\\w+\\)`));
    expect(await findCustomer(db, store.id, gone.id)).toBeNull();
    expect((await findCustomer(db, store.id, keep.id))?.firstName).toBe('Ada');

    const merges = await cli(database(), ['customers', 'merges', '--store', store.id, '--json']);
    expect(JSON.parse(merges.stdout)).toEqual([
      expect.objectContaining({
        intoCustomerId: keep.id,
        fromCustomerId: gone.id,
        actor: expect.stringMatching(/^cli/),
      }),
    ]);

    const again = await cli(database(), args);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('CUSTOMER_NOT_FOUND');
  });
});
