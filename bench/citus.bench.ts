/**
 * bench:citus: orders ingested through the real API (`regulars serve`, POST /v1/orders, one new
 * order per request) on one PostgreSQL server (5432) and on a Citus coordinator with 2 workers
 * (../shared/tools/citus-cluster.sh start 2: 5440, 5441, 5442), in the same run. The load is spread
 * over STORES stores, each with its own API key, so that the stores' shards land on both workers.
 * Then, on Citus, where each store's rows are, and that every order arrived.
 *
 * What the figure means: on this machine the three Citus servers, the API server and the load
 * generator share the same 2 cores, and each order crosses one more hop (coordinator to worker), so
 * Citus is expected to be slower here. The point is that the same server, unchanged, ingests on a
 * distributed database with every store's writes routed to one worker; the gain from Citus comes
 * from workers on machines of their own (docs/scaling.md).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { newBenchTarget, type BenchTarget } from './bench-support.js';
import { cli, CONNECTIONS, DURATION_S, type Figures, load, row, serve } from './http-load.js';

const CITUS_URL = process.env.REGULARS_BENCH_CITUS_URL ?? 'postgres://postgres@127.0.0.1:5440/postgres';
const STORES = Number(process.env.BENCH_STORES ?? 8);
const SHARD_COUNT = 8;

function urlWithDatabase(base: string, database: string, port?: number): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  if (port !== undefined) url.port = String(port);
  return url.toString();
}

/** One statement on its own connection. */
async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client
    .query<T>(text, values)
    .then((result) => result.rows)
    .finally(() => client.end());
}

/**
 * A fresh database on every node of the Citus cluster, with the extension and the workers
 * registered: what an operator prepares once (docs/scaling.md). `regulars` then distributes the
 * tables when it migrates (the first `stores create`).
 */
async function newCitusTarget(): Promise<BenchTarget> {
  const workers = await query<{ port: number }>(
    CITUS_URL,
    "select nodeport as port from pg_dist_node where groupid <> 0 and isactive and noderole = 'primary' order by nodeid",
  );
  if (workers.length === 0)
    throw new Error(`no Citus workers at ${CITUS_URL}: ../shared/tools/citus-cluster.sh start 2`);
  const name = `regulars_bench_citus_${randomBytes(4).toString('hex')}`;
  const nodes = [Number(new URL(CITUS_URL).port), ...workers.map((w) => w.port)];
  for (const port of nodes) {
    await query(urlWithDatabase(CITUS_URL, 'postgres', port), `CREATE DATABASE ${name}`);
    await query(urlWithDatabase(CITUS_URL, name, port), 'CREATE EXTENSION citus');
  }
  const url = urlWithDatabase(CITUS_URL, name);
  // 8 shards per table (4 per worker) instead of Citus' 32: fewer to create on this loaded machine,
  // and a store's queries go to its one shard whatever their number.
  await query(urlWithDatabase(CITUS_URL, 'postgres'), `ALTER DATABASE ${name} SET citus.shard_count = ${SHARD_COUNT}`);
  const coordinator = new URL(CITUS_URL);
  await query(url, 'select citus_set_coordinator_host($1, $2)', [coordinator.hostname, Number(coordinator.port)]);
  for (const { port } of workers) await query(url, 'select citus_add_node($1, $2)', [coordinator.hostname, port]);
  return {
    name: 'postgres',
    args: [],
    env: { DATABASE_URL: url },
    url,
    file: null,
    cleanup: async () => {
      for (const port of nodes)
        await query(urlWithDatabase(CITUS_URL, 'postgres', port), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

let sequence = 0;
function order(prefix: string): Record<string, unknown> {
  const n = sequence++;
  return {
    externalId: `${prefix}-${n}`,
    customer: { externalId: `cust-${n % 20_000}`, email: `customer${n % 20_000}@example.com` },
    orderedAt: `2024-03-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00+01:00`,
    currency: 'EUR',
    totalMinor: 3897,
    lines: [
      { sku: 'BEAN-1', title: 'House blend 250 g', quantity: 2, priceMinor: 1299 },
      { sku: 'FILTER-1', title: 'Paper filters', quantity: 1, priceMinor: 1299 },
    ],
  };
}

interface Store {
  readonly id: string;
  readonly apiKey: string;
}

/** One new order per request, each request to the next store in turn (its own key). */
async function ingest(base: string, stores: readonly Store[], prefix: string, seconds?: number): Promise<Figures> {
  let next = 0;
  return load({
    url: base,
    ...(seconds === undefined ? {} : { duration: seconds }),
    requests: [
      {
        method: 'POST',
        path: '/v1/orders',
        setupRequest: (request) => {
          const store = stores[next++ % stores.length];
          return {
            ...request,
            headers: { authorization: `Bearer ${store.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify(order(prefix)),
          };
        },
      },
    ],
  });
}

async function benchTarget(label: string, target: BenchTarget): Promise<{ lines: string[]; stores: Store[] }> {
  const stores: Store[] = [];
  for (let i = 0; i < STORES; i++)
    stores.push(JSON.parse(cli(['stores', 'create', `Bench ${i}`, '--json'], target.env)) as Store);
  const { base, stop } = await serve(target);
  try {
    await ingest(base, stores, `warm-${label}`, 2);
    const figures = await ingest(base, stores, label);
    return { lines: [row(`${label}: POST /v1/orders (orders/s)`, figures)], stores };
  } finally {
    await stop();
  }
}

/** Where each store's rows live, and that the coordinator sees every order the API acknowledged. */
async function citusPlacement(url: string, stores: readonly Store[]): Promise<string[]> {
  const shards = await query<{ nodeport: number; shards: string; tables: string }>(
    url,
    `select nodeport, count(*)::text as shards, count(distinct table_name)::text as tables
       from citus_shards where citus_table_type = 'distributed' group by nodeport order by nodeport`,
  );
  const lines = shards.map((s) => `  worker :${s.nodeport}: ${s.shards} shards of ${s.tables} distributed tables`);
  const perWorker = new Map<number, number>();
  for (const store of stores) {
    const [placement] = await query<{ nodeport: number; orders: string }>(
      url,
      `select p.nodeport,
              (select count(*) from orders where store_id = $1)::text as orders
         from pg_dist_shard_placement p
        where p.shardid = get_shard_id_for_distribution_column('orders', $1)`,
      [store.id],
    );
    perWorker.set(placement.nodeport, (perWorker.get(placement.nodeport) ?? 0) + Number(placement.orders));
  }
  for (const [port, orders] of [...perWorker].sort())
    lines.push(`  orders stored on worker :${port}: ${orders.toLocaleString('en-US')}`);
  return lines;
}

process.stderr.write(`bench:citus: ${STORES} stores, ${DURATION_S} s per run, ${CONNECTIONS} connections\n`);
const output: string[] = [
  `bench:citus: POST /v1/orders spread over ${STORES} stores, ${DURATION_S} s per run, ${CONNECTIONS} connections, 1 server process, ${SHARD_COUNT} shards per table on Citus;`,
  '  every server and the load share the same 2 cores (the figure shows routing and correctness, not speed)',
];
const single = await newBenchTarget('postgres');
try {
  process.stderr.write('bench:citus on one PostgreSQL...\n');
  output.push(...(await benchTarget('PostgreSQL, 1 node', single)).lines);
} finally {
  await single.cleanup();
}
const citus = await newCitusTarget();
try {
  process.stderr.write('bench:citus on Citus...\n');
  const { lines, stores } = await benchTarget('Citus, coordinator + 2 workers', citus);
  output.push(...lines, ...(await citusPlacement(citus.url!, stores)));
} finally {
  await citus.cleanup();
}
// What else the 2 cores were doing decides the absolute figures: say it.
output.push(
  `  load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} (1, 5, 15 min)`,
);
process.stdout.write(`${output.join('\n')}\n`);
