/**
 * bench:flows: planning a day of every flow for a store of 1,000,000 customers, and the send
 * pipeline. For each database (BENCH_FLOWS_DIALECTS, default sqlite,postgres):
 *   1. a store of BENCH_FLOWS_CUSTOMERS (default 1,000,000) customers with two years of orders
 *      (bench/flows-store.ts), and its metrics refreshed (`regulars metrics refresh`: the fitted
 *      BG/NBD model that win-back's P(alive) rule reads; a prerequisite, timed apart);
 *   2. `regulars flows run --dry-run --all --as-of <yesterday> --json`: every built-in flow over
 *      yesterday, listing what would be sent and why, writing nothing;
 *   3. every built-in flow enabled, its planning mark set a day back, then `regulars flows run`:
 *      the same day planned for real, messages and coupons written to the outbox.
 * Each step runs the real CLI in its own process under GNU time (wall time, peak memory).
 * Then the send pipeline (bench/delivery-pipeline.ts) on each database.
 * Targets: a day's planning for 1,000,000 customers in under 60 s; >= 500 emails/s.
 */
import { readBuiltInFlows } from '../src/features/flows/engine/flow-files.reader.js';
import { FLOW_PLANNERS } from '../src/features/flows/engine/flow-planners.registry.js';
import { enableFlow } from '../src/features/flows/engine/manage-flows.service.js';
import { updateShopProfile } from '../src/features/stores/shop-profile.service.js';
import { ymdFromDay } from '../src/analytics/day.js';
import { builtInTemplatesDir } from '../src/features/messaging/templates.adapter.js';
import { openDatabase, refreshPlannerStatistics } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { createStore } from '../src/platform/stores/store.repository.js';
import { type BenchTarget, CLI, type Measured, measure, newBenchTarget } from './bench-support.js';
import { deliveryHeading, deliveryPipeline } from './delivery-pipeline.js';
import { writeFlowsStore } from './flows-store.js';

const CUSTOMERS = Number(process.env.BENCH_FLOWS_CUSTOMERS ?? 1_000_000);
const DIALECTS = (process.env.BENCH_FLOWS_DIALECTS ?? 'sqlite,postgres').split(',') as BenchTarget['name'][];
const TARGET_S = 60;

function figures(m: Measured): string {
  return `${m.seconds.toFixed(1)} s, peak ${m.peakMb.toFixed(0)} MB`;
}

async function benchPlanning(name: BenchTarget['name']): Promise<string[]> {
  const target = await newBenchTarget(name);
  const db = openDatabase(
    target.name === 'sqlite'
      ? { kind: 'sqlite', file: target.file as string }
      : { kind: 'postgres', url: target.url as string },
  );
  try {
    await migrateToLatest(db, name);
    const { store } = await createStore(db, { name: 'Bench Beans' });
    await updateShopProfile(
      db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street, Leeds', supportEmail: 'help@beans.example' },
      new Date().toISOString(),
    );
    const today = Math.floor(Date.now() / 86_400_000);
    const started = performance.now();
    const written = await writeFlowsStore(db, store.id, CUSTOMERS, today, (done) =>
      process.stderr.write(`\r${name}: writing the store ${((done / CUSTOMERS) * 100).toFixed(0)}%   `),
    );
    // As `regulars import` does after loading: the planner's statistics follow the new size.
    await refreshPlannerStatistics(db);
    const loadSeconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `\n${name}: ${written.customers.toLocaleString('en-US')} customers, ${written.orders.toLocaleString('en-US')} orders, ${written.lines.toLocaleString('en-US')} line items in ${loadSeconds.toFixed(0)} s\n`,
    );
    const run = (args: string[]) =>
      measure(process.execPath, [CLI, ...args, ...target.args], { ...target.env, NO_COLOR: '1' });

    const metrics = run(['metrics', 'refresh', '--store', store.id, '--json']);
    const yesterday = ymdFromDay(today - 1);
    const dry = run(['flows', 'run', '--store', store.id, '--dry-run', '--all', '--as-of', yesterday, '--json']);
    const entries = JSON.parse(dry.stdout) as { flow: string; holdout: boolean }[];
    const perFlow = new Map<string, number>();
    for (const e of entries) perFlow.set(e.flow, (perFlow.get(e.flow) ?? 0) + 1);

    const sources = {
      registry: FLOW_PLANNERS,
      builtIns: await readBuiltInFlows(),
      templatesDir: builtInTemplatesDir(),
      // The bench times planning, not enabling: scoring every flow would add a SpamAssassin run each.
      spamCheck: { spamAssassin: null, limit: 5 },
    };
    const now = new Date().toISOString();
    for (const file of sources.builtIns) await enableFlow(db, store.id, file.definition.name, sources, now);
    // As if the planner last ran a day ago: the live run plans the last 24 hours.
    await db
      .updateTable('flows')
      .set({ planned_until: new Date(Date.now() - 86_400_000).toISOString() })
      .where('store_id', '=', store.id)
      .execute();
    const live = run(['flows', 'run', '--store', store.id, '--json']);
    const results = JSON.parse(live.stdout) as {
      flow: string;
      planned: number;
      heldOut: number;
      planMs: number;
      recordMs: number;
    }[];
    const slowest = [...results].sort((a, b) => b.planMs + b.recordMs - (a.planMs + a.recordMs)).slice(0, 5);
    const recorded = results.reduce((n, r) => n + r.planned + r.heldOut, 0);
    const verdict = (m: Measured) => (m.seconds < TARGET_S ? 'OK' : `ABOVE the ${TARGET_S} s target`);
    return [
      `${name}: ${written.customers.toLocaleString('en-US')} customers, ${written.orders.toLocaleString('en-US')} orders (written in ${loadSeconds.toFixed(0)} s); metrics refresh (prerequisite) ${figures(metrics)}`,
      `  dry run of yesterday, 13 flows: ${entries.length.toLocaleString('en-US')} messages listed in ${figures(dry)} ${verdict(dry)}`,
      `    per flow: ${[...perFlow.entries()]
        .sort()
        .map(([flow, n]) => `${flow} ${n.toLocaleString('en-US')}`)
        .join(', ')}`,
      `  live run of the last 24 h, 13 flows enabled: ${recorded.toLocaleString('en-US')} messages (and their coupons) written in ${figures(live)} ${verdict(live)}`,
      `    slowest (read and decide + record): ${slowest.map((r) => `${r.flow} ${(r.planMs / 1000).toFixed(1)} + ${(r.recordMs / 1000).toFixed(1)} s`).join(', ')}`,
    ];
  } finally {
    await db.destroy();
    await target.cleanup();
  }
}

const lines = [
  `bench:flows: planning a day of the built-in flows for ${CUSTOMERS.toLocaleString('en-US')} customers (target < ${TARGET_S} s)`,
];
for (const name of DIALECTS) lines.push(...(await benchPlanning(name)));
lines.push(deliveryHeading());
for (const name of DIALECTS) lines.push(await deliveryPipeline(name));
process.stdout.write(`${lines.join('\n')}\n`);
