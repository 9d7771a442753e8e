/**
 * Whether a driver error means the database is out of reach for now (restarting, shut down, the
 * connection cut) rather than that the request or the data is wrong. Such a failure is answered
 * 503 DATABASE_UNAVAILABLE: the client may retry, and nothing was committed that it was told about.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_CODES.has(code) || code.startsWith(CONNECTION_EXCEPTION_CLASS) || code.startsWith(SQLITE_BUSY))
  )
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node reports a refused connection to a host with several addresses (127.0.0.1 and ::1) as one
  // AggregateError with an empty message.
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.every((inner) => isDatabaseUnavailable(inner, depth + 1));
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

/** SQLSTATE class 08: connection exception (08000, 08003 no connection, 08006 connection failure...). */
const CONNECTION_EXCEPTION_CLASS = '08';

const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  // PostgreSQL, class 57 (operator intervention): the server is shutting down or starting up.
  '57P01', // admin_shutdown: pg_ctl stop or restart -m fast, or pg_terminate_backend
  '57P02', // crash_shutdown: another backend crashed and the server is resetting
  '57P03', // cannot_connect_now: "the database system is starting up" / "shutting down"
  '53300', // too_many_connections
  // The socket, as Node reports it.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLite: another process (a second server, `regulars import`, a backup) held the write lock past
 * the busy timeout. A retry in a moment succeeds, so it is the same answer as a restarting server,
 * not a 500. Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT) share the prefix.
 */
const SQLITE_BUSY = 'SQLITE_BUSY';

/** node-postgres's own errors, which carry no code. */
const UNAVAILABLE_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
];
