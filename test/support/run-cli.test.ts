import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'regulars-run-cli-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The in-process runner shares this process with the tests: each run must leave it as it found it. */
describe('runCli (in-process)', () => {
  it('puts back the environment, working folder, streams, exit code and listeners, whatever the command did', async () => {
    const before = {
      env: { ...process.env },
      cwd: process.cwd(),
      write: process.stdout.write,
      errorWrite: process.stderr.write,
      exit: process.exit,
      exitCode: process.exitCode,
      listeners: ['SIGINT', 'SIGTERM'].map((signal) => process.listenerCount(signal)),
    };
    const failed = await runCli(['stores', 'list'], {
      cwd: dir,
      env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/regulars', REGULARS_TEST_ONLY: 'x' },
    });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('error DATABASE_UNAVAILABLE');
    const worker = await runCli(['worker', '--once', '--db', join(dir, 'shop.db')], {
      env: { REGULARS_SMTP_URL: undefined, REGULARS_WEBHOOK_URL: undefined },
    });
    expect(worker.status).toBe(2);
    expect(worker.stderr).toContain('error INVALID_ARGUMENT: set REGULARS_SMTP_URL');

    expect(process.env).toEqual(before.env);
    expect(process.cwd()).toBe(before.cwd);
    expect(process.stdout.write).toBe(before.write);
    expect(process.stderr.write).toBe(before.errorWrite);
    expect(process.exit).toBe(before.exit);
    expect(process.exitCode).toBe(before.exitCode);
    expect(['SIGINT', 'SIGTERM'].map((signal) => process.listenerCount(signal))).toEqual(before.listeners);
  });

  it('sees the environment and working folder it was given', async () => {
    // Without --db and DATABASE_URL, a command uses ./regulars.db: in the folder it was given.
    const run = await runCli(['migrate'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`SQLite file ${join(dir, 'regulars.db')}: applied`);
  });

  it('runs one command at a time when several are started together, each with its own output', async () => {
    const [top, analyze] = await Promise.all([runCli(['--help']), runCli(['analyze', '--help'])]);
    expect(top.stdout).toContain('Usage: regulars [options] [command]');
    expect(top.stdout).not.toContain('Usage: regulars analyze');
    expect(analyze.stdout).toContain('Usage: regulars analyze');
    expect([top.status, analyze.status]).toEqual([0, 0]);
  });
});
