import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import type { ConditionExplanation, RuleExplanation } from './explain.js';
import type { Segment } from './segment.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { positiveInteger } from '../../platform/cli/shared-options.js';

interface StoreFlags extends DatabaseFlags {
  store: string;
  json: boolean;
  asOf?: string;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The store layer plus the segment use cases, loaded only when a segments command runs. */
async function loadSegmentLayer() {
  const [layer, views, segments, refresh, metrics, jobs, ids] = await Promise.all([
    loadStoreLayer(),
    import('./segment-views.service.js'),
    import('./segments.service.js'),
    import('./segment-refresh.service.js'),
    import('./customer-metrics.service.js'),
    import('./segment.job.js'),
    import('../../platform/ids.js'),
  ]);
  return { ...layer, ...views, ...segments, ...refresh, ...metrics, ...jobs, nowIso: ids.nowIso };
}

type Layer = Awaited<ReturnType<typeof loadSegmentLayer>>;

function asOfOf(layer: Layer, flags: { asOf?: string }, now: string) {
  return flags.asOf === undefined ? layer.asOfNow(now) : layer.parseAsOf(flags.asOf, '--as-of');
}

function describeSegment(s: Segment): string {
  return `${s.id}  ${s.name}${s.builtIn ? ' (built-in)' : ''}  ${s.members} member${s.members === 1 ? '' : 's'}${s.refreshedAt ? `, refreshed ${s.refreshedAt}` : ', never refreshed'}`;
}

/** The explanation tree as indented lines: "yes/no  field op value (actual ...)". */
function explanationLines(e: RuleExplanation, indent = ''): string[] {
  const mark = e.held ? 'yes' : 'no ';
  if ('all' in e) return [`${indent}${mark} all of:`, ...e.all.flatMap((c) => explanationLines(c, `${indent}  `))];
  if ('any' in e) return [`${indent}${mark} any of:`, ...e.any.flatMap((c) => explanationLines(c, `${indent}  `))];
  if ('not' in e) return [`${indent}${mark} not:`, ...explanationLines(e.not, `${indent}  `)];
  const c = e as ConditionExplanation;
  const days = c.days === undefined ? '' : ` in the last ${c.days} days`;
  return [
    `${indent}${mark} ${c.field} ${c.op}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}${days}  (actual: ${JSON.stringify(c.actual)})`,
  ];
}

function readSegmentFile(path: string): { name: string; description?: string | null; rule: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${path}`, { path });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { path },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RegularsError('INVALID_ARGUMENT', `${path} must hold an object: { "name": "...", "rule": { ... } }`, {
      path,
    });
  }
  return parsed as { name: string; description?: string | null; rule: unknown };
}

export function registerSegmentsCommand(program: Command): void {
  const segments = program
    .command('segments')
    .description('segments: rules over customers (built-ins included), their members, previews and explanations');

  addDatabaseOption(
    segments
      .command('list')
      .description("list the store's segments with their member counts")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print JSON', false),
  ).action(async (flags: StoreFlags) => {
    const layer = await loadSegmentLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const list = await layer.segmentsOfStore(db, flags.store, layer.nowIso());
      if (flags.json) printJson(list);
      else process.stdout.write(`${list.map(describeSegment).join('\n')}\n`);
    });
  });

  addDatabaseOption(
    segments
      .command('create')
      .description(
        'create a segment from a JSON file: { "name": "...", "description": "...", "rule": { ... } } (docs/segments.md)',
      )
      .argument('<file>', 'the JSON file')
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the segment as JSON', false),
  ).action(async (file: string, flags: StoreFlags) => {
    const input = readSegmentFile(file);
    const layer = await loadSegmentLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const segment = await layer.createSegment(db, flags.store, input, layer.nowIso());
      if (flags.json) printJson(segment);
      else
        process.stdout.write(
          `created segment ${segment.name} (${segment.id}); its members come with: regulars segments refresh ${segment.id} --store ${flags.store}\n`,
        );
    });
  });

  addDatabaseOption(
    segments
      .command('preview')
      .description('how many customers the segment holds now, and the first of them (writes nothing)')
      .argument('<id>', 'the segment id (seg_...)')
      .requiredOption('--store <id>', 'the store')
      .option('--limit <n>', 'customers to list', positiveInteger, 20)
      .option('--as-of <date>', 'evaluate at this date (YYYY-MM-DD) or instant (ISO 8601 with offset); default now')
      .option('--json', 'print JSON', false),
  ).action(async (id: string, flags: StoreFlags & { limit: number }) => {
    const layer = await loadSegmentLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const now = layer.nowIso();
      const preview = await layer.previewSegment(db, flags.store, id, asOfOf(layer, flags, now), flags.limit, now);
      const view = { ...preview, customers: preview.customers.map((c) => ({ customerId: c.externalId })) };
      if (flags.json) printJson(view);
      else
        process.stdout.write(
          `${preview.name}: ${preview.count} customer${preview.count === 1 ? '' : 's'} as of ${preview.asOf}\n${view.customers.map((c) => `  ${c.customerId}`).join('\n')}\n`,
        );
    });
  });

  addDatabaseOption(
    segments
      .command('refresh')
      .description('recompute members (one segment, or every one with --all); entries and exits become customer events')
      .argument('[id]', 'the segment id (seg_...)')
      .requiredOption('--store <id>', 'the store')
      .option(
        '--all',
        'refresh every segment of the store (run `regulars metrics refresh` first for fresh predictions)',
        false,
      )
      .option('--as-of <date>', 'evaluate at this date or instant; default now')
      .option('--json', 'print JSON', false),
  ).action(async (id: string | undefined, flags: StoreFlags & { all: boolean }) => {
    if ((id === undefined) === !flags.all) {
      throw new RegularsError('INVALID_ARGUMENT', 'give a segment id, or --all for every segment', { option: '--all' });
    }
    const layer = await loadSegmentLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const now = layer.nowIso();
      const at = asOfOf(layer, flags, now);
      const context = { asOfDay: at.day, asOf: at.instant };
      let results;
      if (id !== undefined) results = [await layer.refreshSegment(db, flags.store, id, context, now)];
      else {
        const bar = createProgressBar('refreshing segments');
        results = await layer
          .refreshSegments(db, flags.store, context, now, (done, total) => bar.update(done, total))
          .finally(() => bar.finish());
      }
      if (flags.json) printJson(results);
      else
        process.stdout.write(
          `${results.map((r) => `${r.segmentId}  ${r.name}: ${r.members} members (+${r.entered} -${r.exited})`).join('\n')}\n`,
        );
    });
  });

  addDatabaseOption(
    segments
      .command('explain')
      .description('why a customer is or is not in a segment: every condition with its actual value')
      .argument('<id>', 'the segment id (seg_...)')
      .requiredOption('--customer <externalId>', "the customer's id in the store")
      .requiredOption('--store <id>', 'the store')
      .option('--as-of <date>', 'evaluate at this date or instant; default now')
      .option('--json', 'print JSON', false),
  ).action(async (id: string, flags: StoreFlags & { customer: string }) => {
    const layer = await loadSegmentLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const now = layer.nowIso();
      const result = await layer.explainSegment(db, flags.store, id, flags.customer, asOfOf(layer, flags, now), now);
      if (flags.json) printJson(result);
      else {
        const status = `${result.holds ? 'holds' : 'does not hold'} for ${result.customerId}; ${result.member ? `member since ${result.enteredAt}` : 'not a member at the last refresh'}`;
        process.stdout.write(`${result.name}: ${status}\n${explanationLines(result.explanation, '  ').join('\n')}\n`);
      }
    });
  });

  const metrics = program
    .command('metrics')
    .description('per-customer metrics and predictions behind segments (P(alive), expected orders, CLV, RFM)');
  addDatabaseOption(
    metrics
      .command('refresh')
      .description(
        "recompute every customer's metrics: one read of the orders, one BG/NBD + Gamma-Gamma fit, batched writes",
      )
      .requiredOption('--store <id>', 'the store')
      .option('--as-of <date>', 'orders up to this date (YYYY-MM-DD) count; default today')
      .option('--json', 'print JSON', false),
  ).action(async (flags: StoreFlags) => {
    const layer = await loadSegmentLayer();
    await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      const now = layer.nowIso();
      const asOf = flags.asOf ?? new Date(layer.asOfNow(now).day * 86_400_000).toISOString().slice(0, 10);
      const bar = createProgressBar('customer metrics');
      const result = await layer
        .refreshCustomerMetrics(db, flags.store, asOf, now, {
          onProgress: (phase, done, total) => bar.update(phase === 'read' ? done / 2 : total / 2 + done / 2, total),
        })
        .finally(() => bar.finish());
      if (flags.json) printJson(result);
      else {
        const s = result.seconds;
        process.stdout.write(
          `${result.customers} customers as of ${result.asOf.slice(0, 10)} (read ${s.read.toFixed(1)} s, fit ${s.fit.toFixed(1)} s, write ${s.write.toFixed(1)} s)\n`,
        );
        if (result.note) process.stdout.write(`note: ${result.note}\n`);
        for (const w of result.model?.warnings ?? []) process.stdout.write(`warning: ${w}\n`);
      }
    });
  });
}
