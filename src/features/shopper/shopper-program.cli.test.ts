import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { readProgramSettings } from './shopper-program.service.js';

describe.each(dialects)('regulars shopper program on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const cli = (args: string[]) => {
    const { args: db, env } = dbArgs(database().target);
    return runCli([...args, ...db], { env });
  };

  it("sets the guest view's join address and texts, clears one with an empty text, and names bad input", async () => {
    const { store } = await createStore(database().db, { name: 'CLI Program' });
    const shown = await cli(['shopper', 'program', '--store', store.id]);
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toContain("join URL: (the shop's address)");
    const set = await cli([
      'shopper',
      'program',
      '--store',
      store.id,
      '--join-url',
      'https://shop.example/account/register',
      '--title',
      'Sunny Club',
      '--join-text',
      'A point for every euro.',
      '--json',
    ]);
    expect(set.status).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      joinUrl: 'https://shop.example/account/register',
      title: 'Sunny Club',
      joinText: 'A point for every euro.',
    });
    await cli(['shopper', 'program', '--store', store.id, '--title', '']);
    expect(await readProgramSettings(database().db, store.id)).toEqual({
      joinUrl: 'https://shop.example/account/register',
      title: null,
      joinText: 'A point for every euro.',
    });
    const bad = await cli(['shopper', 'program', '--store', store.id, '--join-url', 'ftp://shop.example']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('INVALID_ARGUMENT');
    expect(bad.stderr).toContain('joinUrl');
    const unknown = await cli(['shopper', 'program', '--store', 'sto_nope']);
    expect(unknown.stderr).toContain('STORE_NOT_FOUND');
  });
});
