/**
 * The process environment, read once, validated and frozen (architecture.md habit 11). Nothing
 * else reads process.env.
 */
export interface Config {
  /** https://no-color.org: any non-empty NO_COLOR turns ANSI colour off. */
  readonly noColor: boolean;
  /** PostgreSQL connection string for commands that use a database. */
  readonly databaseUrl: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return Object.freeze({
    noColor: (env.NO_COLOR ?? '') !== '',
    databaseUrl: env.DATABASE_URL?.trim() ? env.DATABASE_URL.trim() : null,
  });
}
