import type { Kysely } from 'kysely';

// PLACEHOLDER (scaffolding): Messaging suppressions (unsubscribed, bounced, complained). Replace this comment and fill in up/down; if the feature needs
// no table, tell the lead so the migration is removed before it is released.
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
