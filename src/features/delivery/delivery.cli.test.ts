import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { useTestDatabase } from '../../../test/support/test-database.js';
import { planned, storeWithCustomers } from './delivery.fixtures.js';
import { planMessages } from './plan-messages.service.js';
import { freePort } from './smtp-receiver.fixtures.js';
import { builtInTemplatesDir, loadTemplate } from '../messaging/templates.adapter.js';

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

describe('regulars worker with its SMTP server down', () => {
  const database = useTestDatabase('sqlite');

  it('says the transport is down, keeps the attempts, and outbox status counts what waits', async () => {
    const { db, target } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 4);
    const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
    await planMessages(
      db,
      storeId,
      customerIds.map((c) =>
        planned(storeId, c, {
          purpose: 'transactional',
          template: 'newsletter',
          data: sample,
          sendAt: '2026-01-01T00:00:00Z',
        }),
      ),
      new Date().toISOString(),
    );
    const { args, env } = dbArgs(target);
    const run = await runCli(['worker', '--store', storeId, '--once', ...args], {
      env: {
        ...env,
        REGULARS_SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
        REGULARS_MAIL_FROM: 'Shop <a@shop.example>',
        REGULARS_PUBLIC_URL: 'https://regulars.shop.example',
      },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /email transport is down since .*ECONNREFUSED.*; sending paused until .*; messages keep their attempts/,
    );
    expect(run.stdout).toMatch(/failed 0, 4 put back while the transport was down \(attempts unchanged\)/);
    const status = await runCli(['outbox', 'status', '--store', storeId, ...args], { env });
    expect(status.stdout).toMatch(
      /^4 postponed because a transport was down \(attempts unchanged\), due again from \S+; last: transport_unavailable: .*ECONNREFUSED/m,
    );
  });
});
