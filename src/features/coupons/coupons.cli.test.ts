import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe.each(dialects)('regulars coupons on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  /** The CLI arguments and environment that point the binary at the test database. */
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('creates a coupon, refuses its code twice, and lists it', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Coupons' });
    const created = json(
      await cli([
        'coupons',
        'create',
        '--store',
        store.id,
        '--code',
        'summer10',
        '--kind',
        'percent',
        '--value',
        '10',
        '--usage-limit',
        '100',
        '--per-customer-limit',
        '1',
        '--json',
      ]),
    );
    expect(created).toMatchObject({
      code: 'SUMMER10',
      kind: 'percent',
      value: 10,
      usageLimit: 100,
      perCustomerLimit: 1,
      uses: 0,
      currency: null,
    });
    expect(created.id).toMatch(/^cpn_/);

    const text = await cli([
      'coupons',
      'create',
      '--store',
      store.id,
      '--code',
      'SHIPFREE',
      '--kind',
      'free-shipping',
      '--min-subtotal',
      '3000',
      '--currency',
      'EUR',
    ]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(
      /^created coupon SHIPFREE \(cpn_\w+\): free shipping, from 3000 EUR minor units, used 0\n$/,
    );

    const taken = await cli([
      'coupons',
      'create',
      '--store',
      store.id,
      '--code',
      'SUMMER10',
      '--kind',
      'amount',
      '--value',
      '500',
      '--currency',
      'EUR',
    ]);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('error COUPON_CODE_TAKEN');

    const listed = json(await cli(['coupons', 'list', '--store', store.id, '--json']));
    expect(listed.map((c: { code: string }) => c.code)).toEqual(['SUMMER10', 'SHIPFREE']);
    expect((await cli(['coupons', 'list', '--store', store.id])).stdout).toContain(
      `SUMMER10  ${created.id}  10% off, used 0 of 100, 1 per customer`,
    );
  });

  it('generates N unique unguessable codes, one a line', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Batch' });
    const run = await cli([
      'coupons',
      'create',
      '--store',
      store.id,
      '--code',
      'vip',
      '--kind',
      'amount',
      '--value',
      '500',
      '--currency',
      'EUR',
      '--usage-limit',
      '1',
      '--count',
      '25',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const codes = run.stdout.trim().split('\n');
    expect(codes).toHaveLength(25);
    expect(new Set(codes).size).toBe(25);
    for (const code of codes)
      expect(code).toMatch(/^VIP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(json(await cli(['coupons', 'list', '--store', store.id, '--json']))).toHaveLength(25);
  });

  it('answers bad options and unknown stores with their codes and exit status 2', async () => {
    const noValue = await cli(['coupons', 'create', '--store', 'sto_x', '--code', 'ABC', '--kind', 'percent']);
    expect(noValue.status).toBe(2);
    expect(noValue.stderr).toContain('error INVALID_ARGUMENT: --value is required for a percent coupon');
    const badPercent = await cli([
      'coupons',
      'create',
      '--store',
      'sto_x',
      '--code',
      'ABC',
      '--kind',
      'percent',
      '--value',
      '150',
    ]);
    expect(badPercent.stderr).toContain('error INVALID_ARGUMENT');
    const noStore = await cli(['coupons', 'list', '--store', 'sto_nope']);
    expect(noStore.status).toBe(2);
    expect(noStore.stderr).toContain('error STORE_NOT_FOUND');
    const badKind = await cli(['coupons', 'create', '--store', 'sto_x', '--code', 'ABC', '--kind', 'bogus']);
    expect(badKind.status).not.toBe(0);
    expect(badKind.stderr).toContain('--kind');
  });
});
