import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { CustomerMerge } from './merge-customers.service.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';

async function loadCustomerLayer() {
  const [layer, merge] = await Promise.all([loadStoreLayer(), import('./merge-customers.service.js')]);
  return { ...layer, ...merge };
}

/** Who ran the command, for the audit: the operating system's user name. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function counts(c: Record<string, number>): string {
  const entries = Object.entries(c);
  return entries.length === 0 ? 'nothing' : entries.map(([table, n]) => `${table} ${n}`).join(', ');
}

function describeMerge(m: CustomerMerge): string {
  const head = m.dryRun
    ? `dry run: merging ${m.fromCustomerId} (${m.fromExternalId}) into ${m.intoCustomerId} would move`
    : `merged ${m.fromCustomerId} (${m.fromExternalId}) into ${m.intoCustomerId} (${m.id}): moved`;
  const dropped =
    Object.keys(m.dropped).length > 0 ? `\n  dropped (the kept customer had its own): ${counts(m.dropped)}` : '';
  return `${head}\n  ${counts(m.moved)}${dropped}\n`;
}

export function registerCustomersCommand(program: Command): void {
  const customers = program.command('customers').description('customers: merge two records of one person');

  addDatabaseOption(
    customers
      .command('merge')
      .description(
        'merge one customer into another: orders, consent, points, coupons, messages and the rest move, both source ids are kept, an audit row is written (docs/customers.md)',
      )
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--into <customer>', 'the customer to keep (cus_... or a source id)')
      .requiredOption('--from <customer>', 'the customer to merge and remove (cus_... or a source id)')
      .option('--dry-run', 'say what would move, change nothing', false)
      .option('--json', 'print the result as JSON', false),
  ).action(
    async (flags: DatabaseFlags & { store: string; into: string; from: string; dryRun: boolean; json: boolean }) => {
      const { withDatabase, getStore, mergeCustomers } = await loadCustomerLayer();
      await withDatabase(flags, async (db) => {
        await getStore(db, flags.store);
        const merge = await mergeCustomers(db, {
          storeId: flags.store,
          into: flags.into,
          from: flags.from,
          actor: cliActor(),
          dryRun: flags.dryRun,
        });
        if (flags.json) printJson(merge);
        else process.stdout.write(describeMerge(merge));
      });
    },
  );

  addDatabaseOption(
    customers
      .command('merges')
      .description('list the merges done in a store, newest first (the audit trail)')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the merges as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, getStore, listCustomerMerges } = await loadCustomerLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const merges = await listCustomerMerges(db, flags.store);
      if (flags.json) printJson(merges);
      else if (merges.length === 0) process.stdout.write(`no merges in store ${flags.store}\n`);
      else
        for (const m of merges)
          process.stdout.write(
            `${m.mergedAt}  ${m.id}  ${m.fromCustomerId} (${m.fromExternalId}) into ${m.intoCustomerId} by ${m.actor}: ${counts(m.moved)}\n`,
          );
    });
  });
}
