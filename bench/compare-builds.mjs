/**
 * Before and after in one run, on a shared machine (docs/benchmarks.md `bench:pg`, third changes):
 * `POST /v1/orders:batch` x100 and the send pipeline, on PostgreSQL with the code of BEFORE and of
 * AFTER (each a checkout holding a built `dist/`, e.g. a copy of `dist/` taken before a change under
 * `.before/`), and on SQLite with AFTER, each phase on each side in turn, the order rotating by round,
 * so the load of other processes bears on every side alike over the rounds. Prints the medians and
 * the medians of the per-round ratios, with the load average at start and end.
 *   BEFORE=.before AFTER=. BENCH_ROUNDS=3 BENCH_SECONDS=5 BENCH_DELIVERY_MESSAGES=500 node bench/compare-builds.mjs
 * SKIP_BATCH=1 or SKIP_SENDS=1 leave a phase out.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const BEFORE = resolve(process.env.BEFORE ?? '.before');
const AFTER = resolve(process.env.AFTER ?? '.');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SKIP_SENDS = process.env.SKIP_SENDS === '1';
const SKIP_BATCH = process.env.SKIP_BATCH === '1';

const modules = async (root) => ({
  http: await import(`${root}/dist/bench/http-load.js`),
  support: await import(`${root}/dist/bench/bench-support.js`),
  delivery: await import(`${root}/dist/bench/delivery-pipeline.js`),
});
const before = await modules(BEFORE);
const after = await modules(AFTER);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `compare-builds: ${ROUNDS} rounds, ${SECONDS} s per batch phase, ${process.env.BENCH_DELIVERY_MESSAGES ?? 5000} emails per send run; load average at start ${load()}`,
);

async function start(m, dialect) {
  const target = await m.support.newBenchTarget(dialect);
  const { id, apiKey } = JSON.parse(
    m.http.cli(['stores', 'create', 'Bench Coffee', '--json', ...target.args], target.env),
  );
  const { base, stop } = await m.http.serve(target);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  return {
    async run(seconds) {
      await m.http.waitForRewardsSync(target, id);
      const figures = await m.http.load({
        url: base,
        duration: seconds,
        connections: 4,
        requests: m.http.post('/v1/orders:batch', headers, () => ({
          orders: Array.from({ length: 100 }, () => m.http.order('batch')),
        })),
      });
      if (figures.non2xx + figures.errors > 0)
        throw new Error(`${figures.non2xx} non-2xx answers, ${figures.errors} errors`);
      return figures.requestsPerSecond * 100;
    },
    async stop() {
      await stop();
      await target.cleanup();
    },
  };
}

const sides = [
  { name: 'pg before', code: before, dialect: 'postgres' },
  { name: 'pg after', code: after, dialect: 'postgres' },
  { name: 'sqlite', code: after, dialect: 'sqlite' },
];
const results = sides.map(() => ({ batch: [], send: [] }));
const servers = SKIP_BATCH ? [] : await Promise.all(sides.map((s) => start(s.code, s.dialect)));
try {
  for (const server of servers) await server.run(2);
  for (let r = 0; r < ROUNDS; r++) {
    const order = sides.map((_, i) => (i + r) % sides.length);
    if (!SKIP_BATCH) for (const i of order) results[i].batch.push(await servers[i].run(SECONDS));
    if (!SKIP_SENDS)
      for (const i of order)
        results[i].send.push((await sides[i].code.delivery.deliveryRun(sides[i].dialect)).emailsPerSecond);
    console.log(
      `round ${r + 1} (load ${load()}): ${sides
        .map(
          (s, i) =>
            `${s.name} batch ${Math.round(results[i].batch.at(-1) ?? 0)} send ${Math.round(results[i].send.at(-1) ?? 0)}`,
        )
        .join('; ')}`,
    );
  }
} finally {
  for (const server of servers) await server.stop();
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ratios = (a, b, phase) => results[a][phase].map((x, i) => x / results[b][phase][i]);
const pct = (v) => `${Math.round(median(v) * 100)}% (rounds ${v.map((x) => `${Math.round(x * 100)}%`).join(', ')})`;
for (const phase of ['batch', 'send']) {
  if (results[0][phase].length === 0) continue;
  console.log(
    `${phase}: ${sides.map((s, i) => `${s.name} median ${Math.round(median(results[i][phase]))} (${results[i][phase].map(Math.round).join(', ')})`).join('; ')}`,
  );
  console.log(
    `  PostgreSQL/SQLite before ${pct(ratios(0, 2, phase))}; after ${pct(ratios(1, 2, phase))}; after/before ${pct(ratios(1, 0, phase))}`,
  );
}
console.log(`load average at end ${load()}`);
