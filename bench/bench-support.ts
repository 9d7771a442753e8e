import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_START_DAY, type GeneratedOrderRow, generateStore } from '../src/analytics/generate/store-simulator.js';
import { writeOrdersCsv } from '../src/analytics/ingest/generic-csv.writer.js';

/** Repository root (bench files run from dist/bench). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = join(ROOT, 'bench', 'out');
export const CLI = join(ROOT, 'dist', 'src', 'platform', 'cli', 'main.js');

/** The first `limit` rows of a generated store (whole orders only, so the file stays valid). */
function* firstRows(rows: Iterable<GeneratedOrderRow>, limit: number): Generator<GeneratedOrderRow> {
  let n = 0;
  let lastOrder = '';
  for (const row of rows) {
    if (n >= limit && row.orderId !== lastOrder) return;
    lastOrder = row.orderId;
    n++;
    yield row;
  }
}

/** A generated order export of about `rows` line items, made once and kept in bench/out. */
export async function generatedFile(rows: number): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `orders-${rows}.csv`);
  if (existsSync(file)) return file;
  // About 3.9 line items per customer in the demo store's story; over-provision, then cut.
  const customers = Math.ceil(rows / 3.5);
  const started = performance.now();
  process.stderr.write(`generating ${file} (${rows.toLocaleString('en-US')} rows)...\n`);
  const tmp = `${file}.tmp`;
  const result = await writeOrdersCsv(
    firstRows(generateStore({ customers, seed: 1, startDay: DEFAULT_START_DAY }), rows),
    createWriteStream(tmp),
  );
  renameSync(tmp, file);
  process.stderr.write(
    `  ${result.rows.toLocaleString('en-US')} rows, ${result.orders.toLocaleString('en-US')} orders, ${result.customers.toLocaleString('en-US')} customers, ` +
      `${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return file;
}

export interface Measured {
  readonly seconds: number;
  readonly peakMb: number;
  /** CPU seconds, user + system (on a loaded machine a fairer figure than wall time). */
  readonly cpuSeconds: number;
  /** What the command printed on stdout. */
  readonly stdout: string;
}

/** Runs a command under GNU time and returns wall and CPU seconds, peak resident memory and its output. */
export function measure(command: string, args: readonly string[], env: Record<string, string> = {}): Measured {
  const run = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  });
  const line = run.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (run.status !== 0 || !line) throw new Error(`benchmark run failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  const [, seconds, kb, user, system] = line.split(' ');
  return {
    seconds: Number(seconds),
    peakMb: Number(kb) / 1024,
    cpuSeconds: Number(user) + Number(system),
    stdout: run.stdout,
  };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const PG_ADMIN = process.env.REGULARS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchTarget {
  readonly name: 'sqlite' | 'postgres';
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly url: string | null;
  readonly file: string | null;
  cleanup(): Promise<void>;
}

async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh SQLite file or PostgreSQL database for a benchmark, and how the CLI reaches it. */
export async function newBenchTarget(name: BenchTarget['name']): Promise<BenchTarget> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'regulars-bench-'));
    const file = join(dir, 'bench.db');
    return {
      name,
      args: ['--db', file],
      env: {},
      url: null,
      file,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = `regulars_bench_${randomBytes(4).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${db}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${db}`;
  return {
    name,
    args: [],
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    file: null,
    cleanup: () => pgAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`),
  };
}
