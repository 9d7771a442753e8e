import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { RegularsError } from '../errors.js';

export interface SqliteBackupOptions {
  /** Replace a file already at the destination (otherwise FILE_EXISTS). */
  readonly force: boolean;
  /** Called after each step with the pages copied so far and the database's pages in all. */
  readonly onProgress?: (copiedPages: number, totalPages: number) => void;
}

export interface SqliteBackupResult {
  readonly pages: number;
  readonly bytes: number;
  /** Times a write by another connection made SQLite start the copy over. */
  readonly restarts: number;
}

/**
 * Pages copied per step at first (1 MB at SQLite's default 4 KB page). Between steps the source is
 * not locked, so the server keeps writing; a write by another connection makes SQLite restart the
 * copy at the next step (sqlite.org/backup.html), and each restart doubles the step so that a busy
 * database is still copied: at worst in one step, one read transaction, which in WAL mode does not
 * block writers.
 */
const FIRST_STEP_PAGES = 256;

/**
 * Copies a live SQLite database with SQLite's online backup API into OUT: a consistent snapshot
 * (every transaction whole or absent) while other processes read and write it. The copy is made
 * beside OUT under a temporary name, checked (PRAGMA quick_check) and only then moved to OUT, so an
 * interrupted or failed backup never leaves a partial file at OUT nor harms the one it replaces.
 */
export async function backupSqliteFile(
  sourceFile: string,
  outFile: string,
  options: SqliteBackupOptions,
): Promise<SqliteBackupResult> {
  checkPaths(sourceFile, outFile, options.force);
  const partial = join(dirname(outFile), `.${basename(outFile)}.${randomBytes(4).toString('hex')}.partial`);
  const source = openSource(sourceFile);
  try {
    let step = FIRST_STEP_PAGES;
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarts = 0;
    const { totalPages } = await source
      .backup(partial, {
        progress: ({ totalPages: total, remainingPages }) => {
          if (remainingPages > lastRemaining) {
            restarts += 1;
            step *= 2;
          }
          lastRemaining = remainingPages;
          options.onProgress?.(total - remainingPages, total);
          return step;
        },
      })
      .catch((error: unknown) => {
        throw backupFailed(sourceFile, error);
      });
    options.onProgress?.(totalPages, totalPages);
    checkCopy(partial);
    publish(partial, outFile, options.force);
    return { pages: totalPages, bytes: statSync(outFile).size, restarts };
  } finally {
    source.close();
    rmSync(partial, { force: true });
  }
}

function openSource(sourceFile: string): SqliteDatabase.Database {
  try {
    // fileMustExist: opening a missing path would create an empty database and back that up.
    return new SqliteDatabase(sourceFile, { fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    throw backupFailed(sourceFile, error);
  }
}

function checkPaths(sourceFile: string, outFile: string, force: boolean): void {
  if (!existsSync(sourceFile) || !statSync(sourceFile).isFile()) {
    throw new RegularsError('FILE_NOT_FOUND', `no SQLite database at ${resolve(sourceFile)} (--db) to back up`, {
      file: sourceFile,
    });
  }
  if (resolve(sourceFile) === resolve(outFile)) {
    throw new RegularsError('INVALID_ARGUMENT', '--out is the database itself; name another file for the backup');
  }
  const folder = dirname(resolve(outFile));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new RegularsError('FILE_NOT_FOUND', `the folder of --out, ${folder}, does not exist`, { file: folder });
  }
  if (existsSync(outFile) && statSync(outFile).isDirectory()) {
    throw new RegularsError('INVALID_ARGUMENT', `--out ${resolve(outFile)} is a folder; name the backup file`);
  }
  if (existsSync(outFile) && !force) throw fileExists(outFile);
}

function fileExists(outFile: string): RegularsError {
  return new RegularsError(
    'FILE_EXISTS',
    `${resolve(outFile)} already exists; choose another --out, or pass --force to replace it`,
    { file: outFile },
  );
}

/** Reads the copy back: a backup that cannot be opened is worse than none, since it is trusted. */
function checkCopy(file: string): void {
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') {
      throw new RegularsError('BACKUP_FAILED', `the copy failed SQLite's quick_check: ${String(result)}`, {
        check: result,
      });
    }
  } finally {
    copy.close();
  }
}

/**
 * Moves the finished copy to OUT. Without --force a hard link, which fails if OUT appeared in the
 * meantime, instead of a rename, which would replace it; file systems without hard links fall back
 * to the rename after the check made at the start.
 */
function publish(partial: string, outFile: string, force: boolean): void {
  if (force) return renameSync(partial, outFile);
  try {
    linkSync(partial, outFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw fileExists(outFile);
    renameSync(partial, outFile);
  }
}

function backupFailed(sourceFile: string, error: unknown): RegularsError {
  const code = (error as { code?: unknown }).code;
  const reason = error instanceof Error ? error.message : String(error);
  const message =
    code === 'SQLITE_NOTADB'
      ? `${resolve(sourceFile)} is not a SQLite database`
      : `SQLite could not back up ${resolve(sourceFile)}: ${reason}`;
  return new RegularsError('BACKUP_FAILED', message, { sqliteCode: typeof code === 'string' ? code : null, reason });
}
