import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SEGMENTS } from './built-ins.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { generateOrders, storeWithOrders } from './segments.fixtures.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe.each(dialects)('regulars segments and metrics on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('refreshes metrics, creates a segment from a file, refreshes all, previews and explains', async () => {
    const storeId = await storeWithOrders(database().db, generateOrders(60, 21), 'CLI Segments');
    const metrics = json(await cli(['metrics', 'refresh', '--store', storeId, '--as-of', '2024-12-26', '--json']));
    expect(metrics).toMatchObject({ asOf: '2024-12-26T23:59:59.999Z', note: null, model: { countModel: 'bgnbd' } });
    expect(metrics.customers).toBeGreaterThan(50);
    expect((await cli(['metrics', 'refresh', '--store', storeId, '--as-of', '2024-12-26'])).stdout).toMatch(
      /^\d+ customers as of 2024-12-26 \(read/,
    );

    const dir = mkdtempSync(join(tmpdir(), 'regulars-segments-'));
    const file = join(dir, 'repeat.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Repeat coffee',
        rule: {
          all: [
            { field: 'orders_count', op: 'gte', value: 2 },
            { field: 'bought_category', op: 'contains', value: 'coffee' },
          ],
        },
      }),
    );
    const created = json(await cli(['segments', 'create', file, '--store', storeId, '--json']));
    expect(created.id).toMatch(/^seg_/);

    const refreshed = json(
      await cli(['segments', 'refresh', '--all', '--store', storeId, '--as-of', '2024-12-26', '--json']),
    );
    expect(refreshed).toHaveLength(BUILT_IN_SEGMENTS.length + 1);
    const mine = refreshed.find((r: { segmentId: string }) => r.segmentId === created.id);
    expect(mine.members).toBeGreaterThan(0);
    expect(mine.entered).toBe(mine.members);

    const list = json(await cli(['segments', 'list', '--store', storeId, '--json']));
    expect(list.find((s: { id: string }) => s.id === created.id).members).toBe(mine.members);

    const preview = json(
      await cli([
        'segments',
        'preview',
        created.id,
        '--store',
        storeId,
        '--limit',
        '3',
        '--as-of',
        '2024-12-26',
        '--json',
      ]),
    );
    expect(preview.count).toBe(mine.members);
    expect(preview.customers).toHaveLength(3);

    const customer = preview.customers[0].customerId;
    const explained = json(
      await cli([
        'segments',
        'explain',
        created.id,
        '--customer',
        customer,
        '--store',
        storeId,
        '--as-of',
        '2024-12-26',
        '--json',
      ]),
    );
    expect(explained).toMatchObject({
      holds: true,
      member: true,
      explanation: {
        held: true,
        all: [
          { field: 'orders_count', held: true },
          { field: 'bought_category', held: true },
        ],
      },
    });
    const text = await cli([
      'segments',
      'explain',
      created.id,
      '--customer',
      customer,
      '--store',
      storeId,
      '--as-of',
      '2024-12-26',
    ]);
    expect(text.stdout).toContain(`Repeat coffee: holds for ${customer}`);
    expect(text.stdout).toMatch(/yes orders_count gte 2 {2}\(actual: \d+\)/);

    const neither = await cli(['segments', 'refresh', '--store', storeId]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('INVALID_ARGUMENT');
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ name: 'Bad', rule: { not: { field: 'p_alive', op: 'between', value: [0.9, 0.1] } } }),
    );
    const refused = await cli(['segments', 'create', bad, '--store', storeId]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('SEGMENT_RULE_INVALID');
    expect(refused.stderr).toContain('/not/value');
  });
});
