import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../src/platform/cli/program.js';
import type { DatabaseTarget } from '../../src/platform/database/database.js';

/** The built `regulars` binary (test/global-setup.ts builds it). */
export const BIN = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'dist',
  'src',
  'platform',
  'cli',
  'main.js',
);

/**
 * Whether this run has the built binary for runCliProcess: npm run test:quick (REGULARS_TEST_QUICK)
 * neither builds it nor runs the tests of child processes; they skip: skipIf(!realBinaryInRun).
 */
export const realBinaryInRun = !process.env.REGULARS_TEST_QUICK;

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Added to the environment; undefined removes a variable. NO_COLOR=1 is always set, as in CI. */
  readonly env?: Record<string, string | undefined>;
  /** What the command reads from standard input (a password for --password-stdin). */
  readonly stdin?: string;
}

/** Runs of one test file follow one another: each takes over the process's streams, env and cwd. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `regulars ARGS` in this process, as main.ts does (the same commander program and exit
 * codes), with stdout and stderr captured, the environment and working folder given, and
 * everything it changed in the process put back afterwards. A spawned process would cost about a
 * second of CPU each to start; runCliProcess is for the tests whose subject is the process itself.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const run = queue.then(() => runInProcess(args, options));
  queue = run.catch(() => {});
  return run;
}

/** Events whose listeners a command may add (worker and serve stop on SIGINT and SIGTERM). */
const PROCESS_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'exit',
  'beforeExit',
  'warning',
  'uncaughtException',
  'unhandledRejection',
];
/** process, without the overloads that tie each event to its listener's type. */
const emitter: NodeJS.EventEmitter = process;

async function runInProcess(args: readonly string[], options: CliOptions): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const savedExit = process.exit;
  const savedListeners = PROCESS_EVENTS.map((event) => [event, emitter.listeners(event)] as const);
  const restoreStreams = [capture(process.stdout, stdout), capture(process.stderr, stderr)];
  if (options.stdin !== undefined) restoreStreams.push(feedStdin(options.stdin));
  try {
    for (const [name, value] of Object.entries({ NO_COLOR: '1', ...options.env })) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (options.cwd !== undefined) process.chdir(options.cwd);
    process.exitCode = undefined;
    process.exit = ((code?: number) => {
      throw new Error(`process.exit(${code ?? ''}) during an in-process CLI run: only main.ts may exit`);
    }) as typeof process.exit;
    const failed = await runProgram(['node', 'regulars', ...args]);
    const exitCode = process.exitCode;
    return {
      status: failed ?? (exitCode === undefined ? 0 : Number(exitCode)),
      stdout: stdout.join(''),
      stderr: stderr.join(''),
    };
  } finally {
    for (const restore of restoreStreams) restore();
    process.exit = savedExit;
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    for (const [event, listeners] of savedListeners) {
      for (const listener of emitter.listeners(event))
        if (!listeners.includes(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
}

/** Makes process.stdin a stream of `text` (as a pipe would be: no TTY); returns the undo. */
function feedStdin(text: string): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(process, 'stdin');
  Object.defineProperty(process, 'stdin', {
    value: Readable.from([Buffer.from(text, 'utf8')]),
    configurable: true,
    writable: true,
  });
  return () => restoreProperty(process as unknown as NodeJS.WriteStream, 'stdin', descriptor);
}

/** Sends what is written to the stream to `into`, as to a pipe (no TTY, no width); returns the undo. */
function capture(stream: NodeJS.WriteStream, into: string[]): () => void {
  const write = stream.write;
  const tty = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  const columns = Object.getOwnPropertyDescriptor(stream, 'columns');
  stream.write = ((
    chunk: string | Uint8Array,
    encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (done) process.nextTick(done);
    return true;
  }) as typeof stream.write;
  Object.defineProperty(stream, 'isTTY', { value: undefined, configurable: true, writable: true });
  Object.defineProperty(stream, 'columns', { value: undefined, configurable: true, writable: true });
  return () => {
    stream.write = write;
    restoreProperty(stream, 'isTTY', tty);
    restoreProperty(stream, 'columns', columns);
  };
}

function restoreProperty(stream: NodeJS.WriteStream, name: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(stream, name, descriptor);
  else delete (stream as unknown as Record<string, unknown>)[name];
}

/**
 * Runs the built binary in a child process, as a user would, for the tests whose subject is the
 * process: several processes at once, signals, crashes, the real exit status.
 */
export function runCliProcess(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The arguments and environment that point the CLI at a test database: `--db FILE`, or DATABASE_URL. */
export function dbArgs(target: DatabaseTarget): { args: string[]; env: Record<string, string> } {
  return target.kind === 'sqlite'
    ? { args: ['--db', target.file], env: {} }
    : { args: [], env: { DATABASE_URL: target.url } };
}
