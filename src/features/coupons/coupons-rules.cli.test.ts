import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe.each(dialects)('regulars coupons rules on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('creates coupons with a scope, a free product, eligibility, one customer and combination, and lists the terms', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Rules' });
    const scoped = json(
      await cli([
        'coupons',
        'create',
        '--store',
        store.id,
        '--code',
        'COFFEE10',
        '--kind',
        'percent',
        '--value',
        '10',
        '--scope-sku',
        'BEANS-1',
        '--scope-category',
        'coffee',
        '--scope-category',
        'tea',
        '--tier',
        'gold',
        '--segment',
        'Champions',
        '--segment',
        'Loyal',
        '--combinable',
        '--json',
      ]),
    );
    expect(scoped).toMatchObject({
      code: 'COFFEE10',
      scope: { skus: ['BEANS-1'], categories: ['coffee', 'tea'] },
      eligibleTiers: ['gold'],
      eligibleSegments: ['Champions', 'Loyal'],
      combinable: true,
      customerId: null,
    });
    const free = await cli([
      'coupons',
      'create',
      '--store',
      store.id,
      '--code',
      'FREEMUG',
      '--kind',
      'free-product',
      '--sku',
      'MUG',
      '--customer',
      'c-42',
      '--usage-limit',
      '1',
    ]);
    expect(free.stderr).toBe('');
    expect(free.stdout).toMatch(
      /^created coupon FREEMUG \(cpn_\w+\): one free SKU MUG, used 0 of 1, only customer c-42\n$/,
    );

    const text = (await cli(['coupons', 'list', '--store', store.id])).stdout;
    expect(text).toContain('COFFEE10  ');
    expect(text).toContain(
      '10% off, on SKU BEANS-1 or category coffee or category tea, used 0, tiers gold, segments Champions, Loyal, combinable',
    );
    const listed = json(await cli(['coupons', 'list', '--store', store.id, '--json']));
    expect(listed[1]).toMatchObject({
      kind: 'free_product',
      scope: { skus: ['MUG'], categories: [] },
      customerId: 'c-42',
      combinable: false,
      held: 0,
    });
  });

  it('refuses a free product without a SKU and an unknown segment', async () => {
    const noSku = await cli(['coupons', 'create', '--store', 'sto_x', '--code', 'FREE1', '--kind', 'free-product']);
    expect(noSku.status).toBe(2);
    expect(noSku.stderr).toContain('error INVALID_ARGUMENT: --sku SKU is required for a free-product coupon');
    const badSegment = await cli([
      'coupons',
      'create',
      '--store',
      'sto_x',
      '--code',
      'SEG1',
      '--kind',
      'percent',
      '--value',
      '5',
      '--segment',
      'Whales',
    ]);
    expect(badSegment.status).toBe(2);
    expect(badSegment.stderr).toContain('Whales is not an RFM segment');
  });
});
