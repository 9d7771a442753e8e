import type { Kysely } from 'kysely';

// PLACEHOLDER (scaffolding): the message outbox (planned, held out, sent...). Replace this comment
// and fill in up/down.
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
