import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.table.js';
import type { AppOptions } from '../http/build-app.js';
import { addDatabaseOption, type DatabaseFlags } from './database-options.js';
import { addMetricsOptions, type MetricsFlags } from './metrics-options.js';
import { nonNegativeInteger, port, positiveInteger } from './shared-options.js';
import type { MetricsAppOptions, MetricsServer } from '../metrics/metrics.route.js';

export interface ServeFlags extends DatabaseFlags, MetricsFlags {
  port: number;
  host: string;
  rateLimit: number;
  logLevel: string;
  workers: number;
  trustProxy: boolean;
  /** False with --no-jobs: the API only, the background work left to `regulars jobs` processes. */
  jobs: boolean;
}

function workerCount(value: string): number {
  if (value === 'auto') return availableParallelism();
  return positiveInteger(value);
}

export function registerServeCommand(program: Command): void {
  addDatabaseOption(
    addMetricsOptions(program.command('serve'))
      .description('run the HTTP API and the Shopify webhook receiver (migrates the database first)')
      .option('--port <n>', 'port to listen on (0 picks a free one)', port, 8080)
      .option('--host <address>', 'address to listen on; 0.0.0.0 for every interface', '127.0.0.1')
      .option('--rate-limit <n>', 'requests per API key per minute; 0 turns the limit off', nonNegativeInteger, 60_000)
      .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', 'info')
      .option(
        '--workers <n>',
        "server processes sharing the port: a number, or 'auto' for one per CPU core",
        workerCount,
        1,
      )
      .option(
        '--trust-proxy',
        'behind a reverse proxy that sets X-Forwarded-For and -Proto: believe them (client address, https for the Secure cookie)',
        false,
      )
      .option(
        '--no-jobs',
        'serve the API only; run the background work (rewards, flows, sweeps) in `regulars jobs` processes instead',
      ),
  ).action(async (flags: ServeFlags) => {
    if (flags.workers > 1 && cluster.isPrimary) await runPrimary(flags);
    else await runServer(flags);
  });
}

/** What a worker process tells the primary once it listens. */
interface ListeningMessage {
  readonly type: 'regulars:listening';
  readonly address: string;
}

/** What the primary tells the one worker that is to run the background work. */
interface BackgroundMessage {
  readonly type: 'regulars:background';
}

/**
 * With --workers N, the primary process migrates the database once, forks N server processes that
 * share the port (Node's cluster: the primary accepts connections and hands them out in turn), and
 * prints the one "listening" line when all of them listen. A worker that dies is replaced; TERM or
 * Ctrl-C stops the workers, each finishing its requests in flight, then the primary.
 */
async function runPrimary(flags: ServeFlags): Promise<void> {
  const [{ withDatabase }, { describeTarget }] = await Promise.all([
    import('./database-session.js'),
    import('../database/database.js'),
  ]);
  // Migrate here, once, rather than in N workers at the same moment.
  const described = await withDatabase(flags, async (_db, { target }) => describeTarget(target));
  // A scrape here asks every worker for its registry and sums them (cluster-metrics.ts).
  const metrics = await startMetricsIfAsked(flags, async () => {
    const { clusterScraper } = await import('../metrics/cluster-metrics.js');
    return { scrape: clusterScraper() };
  });
  let stopping = false;
  const listening = new Set<number>();
  let announced = false;
  // The worker that runs the background work (rewards, flows, cleanup): one at a time, and another
  // takes it over when that one dies, so the jobs do not stop with the worker that first had them.
  let background: Worker | undefined;
  const assignBackground = () => {
    if (background !== undefined || stopping || !flags.jobs) return;
    // Several workers may die at once: one whose exit is not yet handled is no candidate.
    const candidate = Object.values(cluster.workers ?? {}).find(
      (w) => w !== undefined && listening.has(w.id) && w.isConnected() && !w.isDead(),
    );
    if (candidate === undefined) return;
    background = candidate;
    candidate.send({ type: 'regulars:background' } satisfies BackgroundMessage, (error: Error | null) => {
      // It died meanwhile: the next worker to listen takes the work instead.
      if (error && background === candidate) background = undefined;
    });
  };
  const fork = () => {
    const worker = cluster.fork();
    // Sending to a worker that has just died fails with EPIPE on its channel; its 'exit' is what counts.
    worker.on('error', () => {});
    worker.on('message', (message: ListeningMessage) => {
      if (message?.type !== 'regulars:listening') return;
      listening.add(worker.id);
      assignBackground();
      if (!announced && listening.size === flags.workers) {
        announced = true;
        process.stdout.write(
          `regulars listening on ${message.address} (${described}, ${flags.workers} workers${flags.jobs ? '' : ', API only: no background jobs'})\n`,
        );
      }
    });
  };
  // Deaths in a row without a worker that lived long: a worker that cannot start (the database is
  // down, so its migration check fails) is retried ever more slowly, not in a tight loop.
  let failures = 0;
  const born = new Map<number, number>();
  const refork = new Set<NodeJS.Timeout>();
  cluster.on('fork', (worker) => born.set(worker.id, Date.now()));
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id);
    if (background?.id === worker.id) background = undefined;
    assignBackground();
    const lived = Date.now() - (born.get(worker.id) ?? Date.now());
    born.delete(worker.id);
    if (stopping) return;
    failures = lived >= HEALTHY_WORKER_MS ? 1 : failures + 1;
    const delay = reforkDelayMs(failures);
    process.stderr.write(
      `regulars worker ${worker.process.pid} exited (${signal ?? code}); starting another in ${delay / 1000} s\n`,
    );
    // Not unref'd: with every worker gone, this timer is what keeps the primary alive to start the next.
    const timer = setTimeout(() => {
      refork.delete(timer);
      if (!stopping) fork();
    }, delay);
    refork.add(timer);
  });
  for (let i = 0; i < flags.workers; i++) fork();
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopping = true;
      for (const timer of refork) clearTimeout(timer);
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      let alive = workers.length;
      if (alive === 0) resolve();
      for (const worker of workers) {
        worker.once('exit', () => {
          if (--alive === 0) resolve();
        });
        worker.process.kill('SIGTERM');
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await metrics?.close();
  process.stdout.write('regulars stopped\n');
}

/** GET /metrics on --metrics-port when given (metrics-options.ts), else nothing. */
async function startMetricsIfAsked(
  flags: ServeFlags,
  options: () => Promise<MetricsAppOptions> = async () => ({}),
): Promise<MetricsServer | undefined> {
  if (flags.metricsPort === undefined) return undefined;
  const { startMetricsServer } = await import('../metrics/metrics.route.js');
  return startMetricsServer({ port: flags.metricsPort, host: flags.metricsHost }, await options());
}

/** A worker that served this long before it died is a new failure, not one more of a series. */
const HEALTHY_WORKER_MS = 30_000;
const FIRST_REFORK_DELAY_MS = 1_000;
const MAX_REFORK_DELAY_MS = 8_000;

/** 1 s, 2 s, 4 s, then 8 s between attempts: back within seconds once the database is. */
function reforkDelayMs(failuresInARow: number): number {
  return Math.min(FIRST_REFORK_DELAY_MS * 2 ** Math.max(0, failuresInARow - 1), MAX_REFORK_DELAY_MS);
}

/** What a command that serves alongside other work (the demo) adds to one server process. */
export interface ServeExtras {
  readonly app?: Pick<AppOptions, 'demoMailbox'>;
  /** Says the server is up instead of the "regulars listening on" line. */
  readonly announce?: (address: string) => void;
  /** Started once the server listens (it gets the address); stopped after the server and the background jobs, before the database closes. */
  readonly alongside?: (db: Kysely<Database>, address: string) => Promise<{ stop(): Promise<void> }>;
}

/** One server process: alone, or one of the workers of runPrimary. */
export async function runServer(flags: ServeFlags, extras: ServeExtras = {}): Promise<void> {
  const worker = cluster.isWorker ? cluster.worker : undefined;
  // First, so that the primary's scrapes get an answer from a worker that is still starting.
  if (worker) (await import('../metrics/cluster-metrics.js')).answerPrimaryScrapes();
  const [
    { withDatabase },
    { buildApp },
    { loggerOptions },
    { startBackgroundJobs },
    { watchOutbox },
    { outboxBacklog },
  ] = await Promise.all([
    import('./database-session.js'),
    import('../http/build-app.js'),
    import('../http/logging.js'),
    import('../../features/rewards/index.js'),
    import('../metrics/metrics.js'),
    import('../../features/delivery/index.js'),
  ]);
  await withDatabase(flags, async (db, { target }) => {
    if (flags.metricsPort !== undefined) watchOutbox(() => outboxBacklog(db));
    // A worker's metrics go out through the primary's port.
    const metrics = worker ? undefined : await startMetricsIfAsked(flags);
    // The primary hands connections out in turn, so each worker sees about 1/N of a key's requests.
    const rateLimitPerMinute = flags.rateLimit === 0 ? 0 : Math.ceil(flags.rateLimit / flags.workers);
    const app = await buildApp({
      db,
      dialect: target.kind,
      logger: loggerOptions(flags.logLevel),
      rateLimitPerMinute,
      trustProxy: flags.trustProxy,
      ...extras.app,
    });
    const address = await app.listen({ port: flags.port, host: flags.host });
    const beside = await extras.alongside?.(db, address);
    if (worker) worker.send({ type: 'regulars:listening', address } satisfies ListeningMessage);
    else if (extras.announce) extras.announce(address);
    else {
      const { describeTarget } = await import('../database/database.js');
      // One line a script can wait for and read the address from (tests start the server with --port 0).
      process.stdout.write(
        `regulars listening on ${address} (${describeTarget(target)}${flags.jobs ? '' : ', API only: no background jobs'})\n`,
      );
    }

    // Background work runs in one process of a server: the server when alone, else the worker the
    // primary picks (and picks again if that one dies). Its store leases let it share the database
    // with other servers and `regulars jobs` processes (docs/scaling.md "Many processes").
    let background: { stop(): Promise<void> } | undefined;
    let stopping = false;
    const startBackground = () => {
      if (background !== undefined || stopping || !flags.jobs) return;
      app.log.info('running the background jobs in this process');
      background = startBackgroundJobs(db, target.kind, { log: app.log });
    };
    const onPrimaryMessage = (message: BackgroundMessage) => {
      if (message?.type === 'regulars:background') startBackground();
    };
    if (worker) worker.on('message', onPrimaryMessage);
    else startBackground();

    // Stop on Ctrl-C or a service manager's TERM: stop accepting, finish the requests in flight and
    // end the background pass at its next step (giving its lease back), then close the database.
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stopping = true;
        worker?.off('message', onPrimaryMessage);
        // Requests in flight and the background pass (which gives its lease back) end together,
        // then what runs beside the server (the demo's worker and mail catcher) and the metrics
        // port; then the database closes.
        void Promise.allSettled([app.close(), background?.stop()])
          .then(() => beside?.stop())
          .finally(() => metrics?.close())
          .then(
            () => resolve(),
            () => resolve(),
          );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    if (!worker) process.stdout.write('regulars stopped\n');
  });
  // The channel to the primary would keep a worker alive after its server closed.
  worker?.disconnect();
}
