import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { RegularsError } from '../errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from './database-options.js';
import { createProgressBar } from './progress-bar.js';

interface BackupFlags extends DatabaseFlags {
  out: string;
  force: boolean;
}

/** PostgreSQL's own tools copy a live database consistently; docs/storage.md "Backups" has the restore. */
const PG_DUMP_ADVICE =
  'regulars backup copies SQLite files; for PostgreSQL use its own tools, which take a consistent snapshot of a live database:\n' +
  '  pg_dump --format=custom --file=regulars.dump "$DATABASE_URL"\n' +
  'and to restore into a new, empty database:\n' +
  '  pg_restore --no-owner --exit-on-error --dbname=postgres://USER@HOST:PORT/NEW_DATABASE regulars.dump\n' +
  '(docs/storage.md, "Backups")';

export function registerBackupCommand(program: Command): void {
  addDatabaseOption(
    program
      .command('backup')
      .description('copy the live SQLite database into FILE, consistently, while the server runs; docs/storage.md')
      .requiredOption('--out <file>', 'the backup file to write')
      .option('--force', 'replace FILE if it exists', false),
  ).action(async (flags: BackupFlags) => {
    // Loaded here, as loadStoreLayer is, so that the commands that need no database start quickly.
    const [{ describeTarget, resolveDatabaseTarget }, { backupSqliteFile }] = await Promise.all([
      loadStoreLayer(),
      import('../database/sqlite-backup.writer.js'),
    ]);
    const target = resolveDatabaseTarget({ dbFile: flags.db, databaseUrl: loadConfig().databaseUrl });
    if (target.kind === 'postgres') {
      throw new RegularsError('PG_DUMP_REQUIRED', `${describeTarget(target)} is PostgreSQL. ${PG_DUMP_ADVICE}`);
    }
    const started = performance.now();
    const bar = createProgressBar(`backing up ${target.file}`);
    const result = await backupSqliteFile(target.file, flags.out, {
      force: flags.force,
      onProgress: (copied, total) => bar.update(copied, total),
    }).finally(() => bar.finish());
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${describeTarget(target)} backed up to ${resolve(flags.out)}: ${result.pages.toLocaleString('en-US')} pages, ` +
        `${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s` +
        `${result.restarts > 0 ? ` (started over ${result.restarts} times as the database changed)` : ''}\n`,
    );
  });
}
