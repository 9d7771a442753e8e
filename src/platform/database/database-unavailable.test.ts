import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** An error as node-postgres or Node reports it: a message and a code. */
function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('isDatabaseUnavailable', () => {
  it('is true for a server shutting down, starting up or out of connections', () => {
    expect(isDatabaseUnavailable(driverError('terminating connection due to administrator command', '57P01'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(driverError('the database system is starting up', '57P03'))).toBe(true);
    expect(isDatabaseUnavailable(driverError('sorry, too many clients already', '53300'))).toBe(true);
    expect(isDatabaseUnavailable(driverError('connection failure', '08006'))).toBe(true);
  });

  it('is true for a cut or refused connection, also inside an AggregateError or as a cause', () => {
    expect(isDatabaseUnavailable(driverError('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isDatabaseUnavailable(driverError('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(driverError('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(driverError('timeout exceeded when trying to connect'))).toBe(true);
    const refused = new AggregateError([
      driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      driverError('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
    ]);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('rollback failed', { cause: refused }))).toBe(true);
  });

  it('is true for SQLite busy: another connection held the write lock past the busy timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regulars-busy-'));
    const holder = new SqliteDatabase(join(dir, 'busy.db'));
    const waiter = new SqliteDatabase(join(dir, 'busy.db'), { timeout: 0 });
    try {
      holder.exec('CREATE TABLE t (x INTEGER)');
      holder.exec('BEGIN IMMEDIATE');
      let thrown: unknown;
      try {
        waiter.exec('INSERT INTO t VALUES (1)');
      } catch (error) {
        thrown = error;
      }
      expect((thrown as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(isDatabaseUnavailable(thrown)).toBe(true);
    } finally {
      holder.close();
      waiter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is false for what a retry would not cure: constraints, syntax, data, and non-errors', () => {
    expect(isDatabaseUnavailable(driverError('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isDatabaseUnavailable(driverError('syntax error at or near "selec"', '42601'))).toBe(false);
    expect(isDatabaseUnavailable(driverError('SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_FOREIGNKEY'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new AggregateError([driverError('x', '23505'), driverError('y', 'ECONNRESET')]))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNRESET')).toBe(false);
  });
});
