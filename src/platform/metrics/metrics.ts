import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's one metrics registry (docs/operations.md lists every family). Module-level on
 * purpose: the places that count (the HTTP hooks, the delivery loop, the scheduler, the webhook
 * route) run in different composition roots, and each calls one small function below instead of
 * being handed a registry. With `serve --workers N` each worker has its own, and the primary sums
 * them at scrape time (metrics-server.ts).
 */
export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry });

/** Seconds: an API answer takes milliseconds, a slow report or a busy SQLite writer up to seconds. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: a job's run for one store takes from milliseconds (nothing due) to minutes (a refresh). */
const JOB_BUCKETS = [0.01, 0.05, 0.25, 1, 5, 15, 60, 300, 900];

const httpRequests = new Counter({
  name: 'regulars_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const httpDuration = new Histogram({
  name: 'regulars_http_request_duration_seconds',
  help: 'Time from receiving a request to sending its answer, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: HTTP_BUCKETS,
  registers: [metricsRegistry],
});

/** The methods a route can have; anything else a client sends is counted as 'other'. */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Label children by "method route status": a request then costs a map lookup, not a label hash. */
type HttpLabel = 'method' | 'route' | 'status';
const httpChildren = new Map<string, { count: Counter.Internal; duration: Histogram.Internal<HttpLabel> }>();

/**
 * One answered request. `route` is the route's pattern (`/v1/customers/:id`), never the URL, so
 * the series stay a bounded set; a request no route matched is 'unmatched'.
 */
export function observeHttpRequest(method: string, route: string | undefined, status: number, seconds: number): void {
  const key = `${method} ${route} ${status}`;
  let child = httpChildren.get(key);
  if (child === undefined) {
    const labels = {
      method: HTTP_METHODS.has(method) ? method : 'other',
      route: route ?? 'unmatched',
      status: String(status),
    };
    child = { count: httpRequests.labels(labels), duration: httpDuration.labels(labels) };
    httpChildren.set(key, child);
  }
  child.count.inc();
  child.duration.observe(seconds);
}

/** What a PostgreSQL pool tells about itself (node-postgres's Pool has these counters). */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

const pools = new Set<PoolStats>();

new Gauge({
  name: 'regulars_db_pool_connections',
  help: 'PostgreSQL connections of this process by state: in_use, idle, and waiting (queries queued for a connection); none on SQLite',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    if (pools.size === 0) return;
    let total = 0;
    let idle = 0;
    let waiting = 0;
    for (const pool of pools) {
      total += pool.totalCount;
      idle += pool.idleCount;
      waiting += pool.waitingCount;
    }
    this.set({ state: 'in_use' }, total - idle);
    this.set({ state: 'idle' }, idle);
    this.set({ state: 'waiting' }, waiting);
  },
});

/** Reports the pool's connections from now on; the function returned stops that (the pool is closed). */
export function watchPool(pool: PoolStats): () => void {
  pools.add(pool);
  return () => void pools.delete(pool);
}

const databaseErrors = new Counter({
  name: 'regulars_db_errors_total',
  help: "Database failures by kind: connection_lost (a pooled connection dropped: a restart, a network cut), unavailable (a request answered 503 DATABASE_UNAVAILABLE), scrape (the outbox gauge's query failed)",
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export type DatabaseErrorKind = 'connection_lost' | 'unavailable' | 'scrape';

export function countDatabaseError(kind: DatabaseErrorKind): void {
  databaseErrors.inc({ kind });
}

const deliveries = new Counter({
  name: 'regulars_delivery_messages_total',
  help: 'Outbox messages the delivery worker handled, by channel (email, webhook) and outcome: sent, failed (for good), retried, deferred (the transport is down), postponed, skipped, lost_lease, error (the database failed mid-delivery)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

export function countDelivery(channel: string, outcome: string): void {
  deliveries.inc({ channel, outcome });
}

const jobRuns = new Counter({
  name: 'regulars_job_runs_total',
  help: 'Background job runs (one per store per run) by job and outcome (ok, failed)',
  labelNames: ['job', 'outcome'] as const,
  registers: [metricsRegistry],
});

const jobDuration = new Histogram({
  name: 'regulars_job_duration_seconds',
  help: 'How long a background job took for one store',
  labelNames: ['job'] as const,
  buckets: JOB_BUCKETS,
  registers: [metricsRegistry],
});

const jobLag = new Gauge({
  name: 'regulars_job_lag_seconds',
  help: "How late the job's last run started after the scheduler's tick that made it due (a run still going when the next tick came delays the next one)",
  labelNames: ['job'] as const,
  // Jobs run in one process of a cluster: the others have no series, and the largest is the lag.
  aggregator: 'max',
  registers: [metricsRegistry],
});

const jobLastSuccess = new Gauge({
  name: 'regulars_job_last_success_timestamp_seconds',
  help: 'When the job last finished without error (Unix time); alert on time() minus this',
  labelNames: ['job'] as const,
  aggregator: 'max',
  registers: [metricsRegistry],
});

export interface JobRun {
  readonly job: string;
  /** Milliseconds since the epoch. */
  readonly dueAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly ok: boolean;
}

export function observeJobRun(run: JobRun): void {
  jobRuns.inc({ job: run.job, outcome: run.ok ? 'ok' : 'failed' });
  jobDuration.observe({ job: run.job }, (run.finishedAt - run.startedAt) / 1000);
  jobLag.set({ job: run.job }, Math.max(0, run.startedAt - run.dueAt) / 1000);
  if (run.ok) jobLastSuccess.set({ job: run.job }, run.finishedAt / 1000);
}

const webhooks = new Counter({
  name: 'regulars_webhooks_total',
  help: 'Shopify webhooks by topic and outcome: processed, duplicate, stale, ignored, rejected (a 4xx: bad signature, unknown store or topic, bad body), failed (a 5xx)',
  labelNames: ['topic', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** `topic` must come from a closed list (the caller maps anything else to 'other'). */
export function countWebhook(topic: string, outcome: string): void {
  webhooks.inc({ topic, outcome });
}

/** The outbox's messages still to deliver, by status; what a source returns (outbox-depth.ts caches it). */
export type OutboxDepthSource = () => Promise<Readonly<Record<string, number>>>;

/** A scrape reuses a count this young: scrapers (several Prometheus servers, a person) cost one query per interval. */
export const OUTBOX_DEPTH_CACHE_MS = 5_000;

let outboxSource: OutboxDepthSource | undefined;
let outboxCache: { readonly at: number; readonly depth: Promise<Readonly<Record<string, number>>> } | undefined;

new Gauge({
  name: 'regulars_outbox_messages',
  help: 'Outbox messages still to deliver, by status (planned, postponed, sending), counted at scrape time at most every 5 s',
  labelNames: ['status'] as const,
  // Every worker of a cluster counts the same table: one count, not their sum.
  aggregator: 'max',
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    if (outboxSource === undefined) return;
    const now = Date.now();
    if (outboxCache === undefined || now - outboxCache.at >= OUTBOX_DEPTH_CACHE_MS) {
      outboxCache = { at: now, depth: outboxSource() };
    }
    try {
      for (const [status, count] of Object.entries(await outboxCache.depth)) this.set({ status }, count);
    } catch {
      // The scrape still answers, without this family's values; the next scrape counts again.
      outboxCache = undefined;
      countDatabaseError('scrape');
    }
  },
});

/** Counts the outbox with `source` at scrape time from now on (one source per process: the last one given). */
export function watchOutbox(source: OutboxDepthSource): void {
  outboxSource = source;
  outboxCache = undefined;
}
