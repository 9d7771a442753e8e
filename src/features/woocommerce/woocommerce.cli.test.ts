import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-woocommerce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regulars stores create/update --woocommerce-secret and woocommerce backfill (SQLite)', () => {
  const db = join(dir, 'shop.db');

  it('sets the WooCommerce secret on create, changes and removes it with update, never printing it', async () => {
    const created = await runCli([
      'stores',
      'create',
      'Woo Shop',
      '--woocommerce-secret',
      'wc_s3cret',
      '--json',
      '--db',
      db,
    ]);
    expect(created.stderr).toBe('');
    const { id } = JSON.parse(created.stdout) as { id: string };
    const update = (...args: string[]) => runCli(['stores', 'update', id, ...args, '--db', db]);
    const shown = await update('--woocommerce-secret', 'wc_other', '--json');
    expect(shown.stderr).toBe('');
    expect(JSON.parse(shown.stdout)).toEqual({ id, shopifyConnected: false, wooCommerceConnected: true });
    expect(shown.stdout).not.toContain('wc_other');
    const removed = await update('--woocommerce-secret', 'none');
    expect(removed.stdout).toBe(`store ${id}: Shopify not connected, WooCommerce not connected\n`);
    // Without a change it shows the connections.
    const status = await update('--json');
    expect(JSON.parse(status.stdout)).toEqual({ id, shopifyConnected: false, wooCommerceConnected: false });
    const unknown = await runCli(['stores', 'update', 'sto_missing', '--woocommerce-secret', 'x', '--db', db]);
    expect(unknown.stderr).toContain('STORE_NOT_FOUND');
  });

  it('refuses a backfill over plain http before sending the keys', async () => {
    const created = await runCli(['stores', 'create', 'Backfill Shop', '--json', '--db', db]);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const run = await runCli([
      'woocommerce',
      'backfill',
      '--store',
      id,
      '--url',
      'http://127.0.0.1:9/',
      '--key',
      'ck_x',
      '--secret',
      'cs_x',
      '--db',
      db,
    ]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('INVALID_ARGUMENT');
    expect(run.stderr).toContain('https://');
  });

  it('stores the REST keys encrypted with connect, and a backfill without keys needs them', async () => {
    const created = await runCli(['stores', 'create', 'Connected Shop', '--json', '--db', db]);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const backfill = (env: Record<string, string | undefined> = {}) =>
      runCli(['woocommerce', 'backfill', '--store', id, '--db', db], { env });
    const never = await backfill();
    expect(never.status).not.toBe(0);
    expect(never.stderr).toContain('WOOCOMMERCE_NOT_CONNECTED');
    const partly = await runCli(['woocommerce', 'backfill', '--store', id, '--key', 'ck_x', '--db', db]);
    expect(partly.stderr).toContain('INVALID_ARGUMENT');

    const connect = ['woocommerce', 'connect', '--store', id, '--url', 'https://shop.example', '--key', 'ck_live1'];
    const keyless = await runCli([...connect, '--secret', 'cs_live1', '--db', db], {
      env: { REGULARS_SECRET_KEY: undefined },
    });
    expect(keyless.stderr).toContain('SECRET_KEY_REQUIRED');
    const key = 'ab'.repeat(32);
    const connected = await runCli([...connect, '--secret', 'cs_live1', '--json', '--db', db], {
      env: { REGULARS_SECRET_KEY: key },
    });
    expect(connected.stderr).toBe('');
    expect(JSON.parse(connected.stdout)).toMatchObject({ connected: true, url: 'https://shop.example' });
    expect(connected.stdout).not.toContain('cs_live1');
    // With another key the stored keys do not open: said, not sent.
    const wrongKey = await backfill({ REGULARS_SECRET_KEY: 'cd'.repeat(32) });
    expect(wrongKey.stderr).toContain('WOOCOMMERCE_KEYS_UNREADABLE');
    const gone = await runCli(['woocommerce', 'disconnect', '--store', id, '--db', db]);
    expect(gone.stdout).toBe(`store ${id}: REST keys forgotten\n`);
    expect((await backfill({ REGULARS_SECRET_KEY: key })).stderr).toContain('WOOCOMMERCE_NOT_CONNECTED');
  });
});
