import type { Command } from 'commander';

export interface DatabaseFlags {
  db?: string;
}

/** The option every command that touches the database takes (docs/storage.md). */
export function addDatabaseOption(command: Command): Command {
  return command.option(
    '--db <file>',
    'SQLite database file; wins over DATABASE_URL (PostgreSQL); default ./regulars.db',
  );
}

/**
 * The store layer, loaded when a database command runs: Kysely and the two drivers take ~0.2 s to
 * import, which `regulars analyze` and the other file-only commands should not pay at start-up.
 */
export async function loadStoreLayer() {
  const [session, database, apiKeys, stores] = await Promise.all([
    import('./database-session.js'),
    import('../database/database.js'),
    import('../stores/api-key.repository.js'),
    import('../stores/store.repository.js'),
  ]);
  return { ...session, ...database, ...apiKeys, ...stores };
}
