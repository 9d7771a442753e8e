import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { shopperSecrets } from './shopper-secret.service.js';
import { verifyingSecrets } from './shopper-secret.js';
import { verifyShopperToken } from './shopper-token.js';

describe.each(dialects)('regulars shopper on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const cli = (args: string[]) => {
    const { args: db, env } = dbArgs(database().target);
    return runCli([...args, ...db], { env });
  };

  it('mints a token that verifies with the store secret, printed alone on its last line', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Shopper' });
    const run = await cli(['shopper', 'token', '--store', store.id, '--customer', 'shop-42', '--ttl', '2h']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const token = run.stdout.trimEnd().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const secrets = await shopperSecrets(database().db, store.id, new Date().toISOString());
    const now = Math.floor(Date.now() / 1000);
    const check = verifyShopperToken(verifyingSecrets(secrets, Date.now()), token, now);
    expect(check).toMatchObject({ ok: true, claims: { storeId: store.id, externalId: 'shop-42' } });
    if (check.ok) expect(check.claims.expiresAt - now).toBeGreaterThan(7190);
    const bad = await cli(['shopper', 'token', '--store', store.id, '--customer', 'x', '--ttl', 'forever']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('INVALID_ARGUMENT');
    const unknown = await cli(['shopper', 'token', '--store', 'sto_nope', '--customer', 'x']);
    expect(unknown.stderr).toContain('STORE_NOT_FOUND');
  });

  it('rotates the secret, keeping the old one for the grace period; 0 drops it at once', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Rotate' });
    const shown = JSON.parse((await cli(['shopper', 'secret', 'show', '--store', store.id, '--json'])).stdout);
    const rotated = await cli(['shopper', 'secret', 'rotate', '--store', store.id, '--json']);
    expect(rotated.stderr).toBe('');
    const after = JSON.parse(rotated.stdout);
    expect(after.secret).not.toBe(shown.secret);
    const graceMs = Date.parse(after.previousValidUntil) - Date.parse(after.rotatedAt);
    expect(graceMs).toBe(24 * 3600 * 1000);
    const secrets = await shopperSecrets(database().db, store.id, new Date().toISOString());
    expect(verifyingSecrets(secrets, Date.now())).toEqual([after.secret, shown.secret]);
    const leak = JSON.parse(
      (await cli(['shopper', 'secret', 'rotate', '--store', store.id, '--grace', '0', '--json'])).stdout,
    );
    expect(leak.previousValidUntil).toBeNull();
    const text = await cli(['shopper', 'secret', 'show', '--store', store.id]);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(leak.secret);
  });

  it('sets the save offer and the allowed origins', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Account' });
    const set = await cli(['shopper', 'account', '--store', store.id, '--save-offer', 'Pause instead?', '--json']);
    expect(JSON.parse(set.stdout)).toEqual({ saveOffer: 'Pause instead?' });
    const profile = await cli([
      'stores',
      'profile',
      store.id,
      '--url',
      'https://beans.example',
      '--allowed-origin',
      'https://headless.beans.example/shop',
      '--allowed-origin',
      'http://localhost:3000',
      '--json',
    ]);
    expect(profile.stderr).toBe('');
    expect(JSON.parse(profile.stdout).allowedOrigins).toEqual([
      'https://headless.beans.example',
      'http://localhost:3000',
    ]);
    const removed = await cli(['stores', 'profile', store.id, '--remove-origin', 'http://localhost:3000', '--json']);
    expect(JSON.parse(removed.stdout).allowedOrigins).toEqual(['https://headless.beans.example']);
    const bad = await cli(['stores', 'profile', store.id, '--allowed-origin', 'ftp://x', '--json']);
    expect(bad.stderr).toContain('allowedOrigins');
  });
});
