/**
 * What the HTTP benchmarks share: the CLI and the real `regulars serve` in their own processes,
 * autocannon's load, and one line of figures per run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { type BenchTarget, CLI, newBenchTarget } from './bench-support.js';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Server processes (`regulars serve --workers N`). */
export const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

export function cli(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`regulars ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/** The real server on a free port, as a store owner runs it (warn-level logs, no rate limit). */
export function serve(target: BenchTarget): Promise<{ child: ChildProcess; base: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--port',
        '0',
        '--log-level',
        'warn',
        '--rate-limit',
        '0',
        '--workers',
        String(WORKERS),
        ...target.args,
      ],
      {
        env: { ...process.env, ...target.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    const stop = async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    };
    let listening = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      // Once listening, the server logs only warnings and errors (a failed rewards sync, say): shown.
      if (listening) return void process.stderr.write(chunk);
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        listening = true;
        resolve({ child, base: match[1], stop });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

export async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...options });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function row(label: string, figures: Figures, unitsPerRequest = 1): string {
  const rate = figures.requestsPerSecond * unitsPerRequest;
  const failures = figures.non2xx + figures.errors > 0 ? `  (${figures.non2xx} non-2xx, ${figures.errors} errors)` : '';
  return `  ${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(7)} /s   p50 ${figures.p50.toFixed(1).padStart(5)} ms   p99 ${figures.p99
    .toFixed(1)
    .padStart(5)} ms${failures}`;
}

/** A POST autocannon sends with a fresh JSON body each time. */
export function post(path: string, headers: Record<string, string>, body: () => unknown): autocannon.Request[] {
  return [{ method: 'POST', path, headers, setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }];
}

export function dialectName(target: BenchTarget): string {
  return target.name === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

/** The heading of a run: the database, the load and the server processes. */
export function runHeading(target: BenchTarget): string {
  return `${dialectName(target)} (${DURATION_S} s per run, ${CONNECTIONS} connections, ${WORKERS} server ${WORKERS === 1 ? 'process' : 'processes'})`;
}

/** Runs a benchmark on each database BENCH_DIALECTS names (default both), on a fresh one each, printing its lines. */
export async function onEachDatabase(name: string, bench: (target: BenchTarget) => Promise<string[]>): Promise<void> {
  for (const kind of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as BenchTarget['name'][]) {
    const target = await newBenchTarget(kind);
    try {
      process.stderr.write(`${name} on ${dialectName(target)}...\n`);
      const lines = await bench(target);
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await target.cleanup();
    }
  }
}
