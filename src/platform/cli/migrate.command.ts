import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from './database-options.js';

export function registerMigrateCommand(program: Command): void {
  addDatabaseOption(
    program
      .command('migrate')
      .description(
        'create or update the database schema (every database command also does this first); docs/storage.md',
      ),
  ).action(async (flags: DatabaseFlags) => {
    const { withDatabase, describeTarget } = await loadStoreLayer();
    await withDatabase(flags, async (_db, { target, migrations }) => {
      const where = describeTarget(target);
      const { applied, total, distribution } = migrations;
      const count = (n: number) => `${n} ${n === 1 ? 'migration' : 'migrations'}`;
      process.stdout.write(
        applied.length === 0
          ? `${where}: up to date (${count(total)})\n`
          : `${where}: applied ${count(applied.length)} (${applied.join(', ')}); ${total} in all\n`,
      );
      if (distribution && distribution.distributed.length + distribution.reference.length > 0) {
        const tables = (names: readonly string[]) => `${names.length} ${names.length === 1 ? 'table' : 'tables'}`;
        process.stdout.write(
          `Citus: distributed ${tables(distribution.distributed)} by store_id, ${tables(distribution.reference)} as reference tables (docs/scaling.md)\n`,
        );
      }
    });
  });
}
