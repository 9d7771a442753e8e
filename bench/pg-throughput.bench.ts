/**
 * bench:pg: PostgreSQL throughput as ratios measured in one run, so that the load of a shared
 * machine bears on both sides of each ratio alike. Every round runs, one after the other:
 *   a. the bare baseline: CONNECTIONS plain `pg` clients, each writing one order per transaction
 *      as a minimal program would (BEGIN; upsert the customer by external id, RETURNING its id;
 *      insert the order; insert its lines in one statement; COMMIT), the same rows POST /v1/orders
 *      writes (built by the same mapping functions), into the same migrated schema;
 *   b. POST /v1/orders through the real `regulars serve` on PostgreSQL, CONNECTIONS connections
 *      (and on SQLite, for reference);
 *   c. POST /v1/orders:batch x100 on PostgreSQL and on SQLite;
 *   d. the send pipeline (bench/delivery-pipeline.ts) on PostgreSQL and on SQLite.
 * The payloads are api.bench's (http-load.ts order()). Each phase is warmed up once before the
 * first round; every server's rewards sync is let catch up before each measured phase, so no
 * phase pays for the background work of another; the two sides of a ratio run back to back, in
 * turn first and second. BENCH_ROUNDS (default 3) rounds; the medians
 * and the median of the per-round ratios are reported, with the load average at start and end.
 * Targets: b/a >= 60%; batch on PostgreSQL >= SQLite's; send pipeline on PostgreSQL >= 500/s.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import {
  CUSTOMER_COLUMNS,
  CUSTOMER_DEFAULTS,
  type CustomerTable,
  customerToRow,
} from '../src/features/customers/index.js';
import { ORDER_COLUMNS, type OrderLineRow } from '../src/features/orders/index.js';
import { orderLineToRow, orderToRow } from '../src/features/orders/order.repository.js';
import { incomingOrderFromBody, type OrderBody } from '../src/features/orders/order.schema.js';
import { ORDER_LINE_COLUMNS } from '../src/features/orders/order-line.table.js';
import { newId, nowIso } from '../src/platform/ids.js';
import { type BenchTarget, median, newBenchTarget } from './bench-support.js';
import { deliveryRun } from './delivery-pipeline.js';
import {
  cli,
  CONNECTIONS,
  DURATION_S,
  type Figures,
  load,
  order,
  post,
  serve,
  waitForRewardsSync,
} from './http-load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_S = 2;
const BATCH = 100;
const BATCH_CONNECTIONS = 4;

function loadLine(when: string): string {
  return `load average ${when}: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (1, 5, 15 min; ${when === 'at start' ? 'other processes share the 2 cores' : 'same machine'})`;
}

/** INSERT of `rows` rows of these columns with $n placeholders. */
function insertSql(table: string, columns: readonly string[], rows: number): string {
  const values = Array.from(
    { length: rows },
    (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
  );
  return `insert into ${table} (${columns.join(', ')}) values ${values.join(', ')}`;
}

const CUSTOMER_UPSERT = `${insertSql('customers', CUSTOMER_COLUMNS, 1)}
  on conflict (store_id, external_id) do update set email = excluded.email, email_key = excluded.email_key,
  updated_at = excluded.updated_at returning id`;
const ORDER_INSERT = insertSql('orders', ORDER_COLUMNS, 1);

/**
 * (a) Orders written by CONNECTIONS plain clients for `seconds`, one transaction of four
 * statements each: what a program that only stores orders would do. Returns orders/s.
 */
async function bareBaseline(url: string, storeId: string, seconds: number): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  let written = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          // With the defaults the route's schema fills in (orderBodySchema).
          const body = { discountMinor: 0, shippingMinor: 0, refundedMinor: 0, ...order('bare') };
          const incoming = incomingOrderFromBody(body as unknown as OrderBody);
          const now = nowIso();
          const customer: CustomerTable = {
            store_id: storeId,
            id: newId('cus'),
            external_id: incoming.customer.externalId,
            ...CUSTOMER_DEFAULTS,
            ...customerToRow(incoming.customer),
            created_at: now,
            updated_at: now,
            source_updated_at: null,
          };
          await client.query('begin');
          const { rows } = await client.query<{ id: string }>(
            CUSTOMER_UPSERT,
            CUSTOMER_COLUMNS.map((c) => customer[c]),
          );
          const row = orderToRow(storeId, newId('ord'), { ...incoming.order, customerId: rows[0].id }, now);
          await client.query(
            ORDER_INSERT,
            ORDER_COLUMNS.map((c) => row[c]),
          );
          const lines: OrderLineRow[] = incoming.order.lines.map((line, n) =>
            orderLineToRow(storeId, row.id, { ...line, lineNo: n + 1 }),
          );
          await client.query(
            insertSql('order_lines', ORDER_LINE_COLUMNS, lines.length),
            lines.flatMap((line) => ORDER_LINE_COLUMNS.map((c) => line[c])),
          );
          await client.query('commit');
          written++;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  return written / ((performance.now() - started) / 1000);
}

interface Server {
  readonly target: BenchTarget;
  readonly storeId: string;
  readonly base: string;
  readonly headers: Record<string, string>;
  stop(): Promise<void>;
}

async function startServer(name: BenchTarget['name']): Promise<Server> {
  const target = await newBenchTarget(name);
  const { id, apiKey } = JSON.parse(
    cli(['stores', 'create', 'Bench Coffee', '--json', ...target.args], target.env),
  ) as { id: string; apiKey: string };
  const { base, stop } = await serve(target);
  return {
    target,
    storeId: id,
    base,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    stop: async () => {
      await stop();
      await target.cleanup();
    },
  };
}

function single(server: Server, duration = DURATION_S): Promise<Figures> {
  return load({ url: server.base, duration, requests: post('/v1/orders', server.headers, () => order('one')) });
}

async function batch(server: Server, duration = DURATION_S): Promise<Figures> {
  const figures = await load({
    url: server.base,
    duration,
    connections: BATCH_CONNECTIONS,
    requests: post('/v1/orders:batch', server.headers, () => ({
      orders: Array.from({ length: BATCH }, () => order('batch')),
    })),
  });
  return { ...figures, requestsPerSecond: figures.requestsPerSecond * BATCH };
}

/** Figures with failed requests are no measure: stop rather than print them. */
function checked(label: string, figures: Figures): number {
  if (figures.non2xx + figures.errors > 0)
    throw new Error(`${label}: ${figures.non2xx} non-2xx answers, ${figures.errors} errors`);
  return figures.requestsPerSecond;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;

const lines: string[] = [
  `bench:pg: ${ROUNDS} rounds, ${DURATION_S} s per phase, ${CONNECTIONS} connections (batches: ${BATCH_CONNECTIONS} x ${BATCH} orders)`,
  loadLine('at start'),
];
process.stderr.write(`${lines.join('\n')}\n`);

const postgres = await startServer('postgres');
const sqlite = await startServer('sqlite');
const servers = [postgres, sqlite];
const settle = async () => {
  for (const s of servers) await waitForRewardsSync(s.target, s.storeId);
};

interface Round {
  bare: number;
  single: number;
  singleSqlite: number;
  batch: number;
  batchSqlite: number;
  send: number;
  sendSqlite: number;
  /** The SMTP sink's CPU, in cores, while the PostgreSQL send pipeline ran (it shares this process with nothing). */
  sink: number;
}
const rounds: Round[] = [];
try {
  process.stderr.write('warming up...\n');
  await bareBaseline(postgres.target.url!, postgres.storeId, WARM_UP_S);
  for (const s of servers) {
    await single(s, WARM_UP_S);
    await batch(s, WARM_UP_S);
  }
  for (let r = 0; r < ROUNDS; r++) {
    process.stderr.write(`round ${r + 1} of ${ROUNDS}...\n`);
    // Each ratio's two sides run back to back, in turn first and second (the load of a shared
    // machine drifts: this way a drift weighs on both sides alike over the rounds).
    const pair = async <T>(first: () => Promise<T>, second: () => Promise<T>): Promise<[T, T]> => {
      const settled = async (run: () => Promise<T>) => {
        await settle();
        return run();
      };
      if (r % 2 === 0) return [await settled(first), await settled(second)];
      const b = await settled(second);
      return [await settled(first), b];
    };
    const [bare, one] = await pair(
      () => bareBaseline(postgres.target.url!, postgres.storeId, DURATION_S),
      async () => checked('POST /v1/orders on PostgreSQL', await single(postgres)),
    );
    await settle();
    const oneSqlite = checked('POST /v1/orders on SQLite', await single(sqlite));
    const [many, manySqlite] = await pair(
      async () => checked('POST /v1/orders:batch on PostgreSQL', await batch(postgres)),
      async () => checked('POST /v1/orders:batch on SQLite', await batch(sqlite)),
    );
    await settle();
    const [send, sendSqlite] = await pair(
      () => deliveryRun('postgres'),
      () => deliveryRun('sqlite'),
    );
    const round = {
      bare,
      single: one,
      singleSqlite: oneSqlite,
      batch: many,
      batchSqlite: manySqlite,
      send: send.emailsPerSecond,
      sendSqlite: sendSqlite.emailsPerSecond,
      sink: send.sinkCpuShare,
    };
    rounds.push(round);
    process.stderr.write(
      `  ${JSON.stringify(Object.fromEntries(Object.entries(round).map(([k, v]) => [k, fmt(v)])))}\n`,
    );
  }
} finally {
  for (const s of servers) await s.stop();
}

const med = (pick: (r: Round) => number) => median(rounds.map(pick));
const each = (pick: (r: Round) => number, show: (n: number) => string = fmt) =>
  rounds.map((r) => show(pick(r))).join(', ');
const ratioRow = (label: string, pick: (r: Round) => number, goal: string) =>
  `  ${label.padEnd(52)} ${pct(med(pick)).padStart(5)}   (rounds: ${each(pick, pct)}; goal ${goal})`;
const rateRow = (label: string, pick: (r: Round) => number, unit: string) =>
  `  ${label.padEnd(52)} ${fmt(med(pick)).padStart(7)} ${unit}   (rounds: ${each(pick)})`;

lines.push(
  'medians over the rounds:',
  rateRow('a. bare pg baseline, one order per transaction', (r) => r.bare, 'orders/s'),
  rateRow('b. POST /v1/orders on PostgreSQL', (r) => r.single, 'orders/s'),
  rateRow('   POST /v1/orders on SQLite', (r) => r.singleSqlite, 'orders/s'),
  rateRow(`c. POST /v1/orders:batch x${BATCH} on PostgreSQL`, (r) => r.batch, 'orders/s'),
  rateRow(`   POST /v1/orders:batch x${BATCH} on SQLite`, (r) => r.batchSqlite, 'orders/s'),
  rateRow('d. send pipeline on PostgreSQL', (r) => r.send, 'emails/s'),
  rateRow('   send pipeline on SQLite', (r) => r.sendSqlite, 'emails/s'),
  ratioRow('   SMTP sink CPU during the PostgreSQL sends', (r) => r.sink, '< 100% of a core: not the limit'),
  'ratios (median of the per-round ratios):',
  ratioRow('b/a  single orders on PostgreSQL / bare baseline', (r) => r.single / r.bare, '>= 60%'),
  ratioRow('     single orders, PostgreSQL / SQLite', (r) => r.single / r.singleSqlite, 'none'),
  ratioRow('c    batch orders, PostgreSQL / SQLite', (r) => r.batch / r.batchSqlite, '>= 100%'),
  ratioRow('d    send pipeline, PostgreSQL / SQLite', (r) => r.send / r.sendSqlite, '>= 100%, and >= 500/s'),
  loadLine('at end'),
);
process.stdout.write(`${lines.join('\n')}\n`);
