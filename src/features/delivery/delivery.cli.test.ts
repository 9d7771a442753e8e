import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

describe('regulars worker and regulars outbox on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-delivery-cli-'));
  const db = join(dir, 'shop.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start without an SMTP server, naming the variable', async () => {
    const run = await runCli(['worker', '--once', '--db', db], {
      env: { REGULARS_SMTP_URL: '', REGULARS_MAIL_FROM: 'Shop <a@shop.example>' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/REGULARS_SMTP_URL/);
  });

  it('counts an empty outbox and refuses an unknown store', async () => {
    const created = await runCli(['stores', 'create', 'CLI shop', '--json', '--db', db]);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const status = await runCli(['outbox', 'status', '--store', id, '--db', db]);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toBe('the outbox is empty\n');
    expect(JSON.parse((await runCli(['outbox', 'status', '--store', id, '--json', '--db', db])).stdout)).toEqual([]);
    const unknown = await runCli(['outbox', 'status', '--store', 'sto_nope', '--db', db]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/STORE_NOT_FOUND|sto_nope/);
  });
});
