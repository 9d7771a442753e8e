import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, realBinaryInRun, runCliProcess } from '../../../test/support/run-cli.js';
import { createThrowAwayCluster, type ThrowAwayCluster } from '../../../test/support/postgres-cluster.js';

/** Clients posting orders at once, each one request after another. */
const CLIENTS = 6;
/** What the service must take, at most, to answer 2xx again once the database is back. */
const RECOVERY_LIMIT_MS = 10_000;

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  output(): string;
  alive(): boolean;
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `regulars serve --port 0` against DATABASE_URL; resolves once it prints its listening line. */
function startServer(databaseUrl: string, workers: number, port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', String(port), '--log-level', 'warn', '--workers', String(workers), '--rate-limit', '0'],
      { env: { ...process.env, NO_COLOR: '1', DATABASE_URL: databaseUrl } },
    );
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 120_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          base: match[1],
          output: () => out,
          alive: () => child.exitCode === null && child.signalCode === null,
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** One request's fate: a status with the error code of its body, or the connection dropped. */
interface Outcome {
  readonly externalId: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: number | 'dropped';
  readonly code?: string;
  readonly detail?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts orders one after another until told to stop; a 503 is retried after a short pause, as a client would. */
async function postOrders(
  base: string,
  apiKey: string,
  prefix: string,
  stopped: () => boolean,
  into: Outcome[],
  withIdempotencyKey = false,
): Promise<void> {
  for (let n = 0; !stopped(); n++) {
    const externalId = `${prefix}-${n}`;
    const startedAt = Date.now();
    try {
      const response = await fetch(`${base}/v1/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          // Half the clients send an Idempotency-Key, which the server claims and, on a 5xx, gives back.
          ...(withIdempotencyKey ? { 'idempotency-key': externalId } : {}),
        },
        body: JSON.stringify({
          externalId,
          customer: { externalId: `${prefix}-customer-${n % 5}`, email: `${prefix}-${n % 5}@example.com` },
          orderedAt: '2024-03-15T12:00:00+01:00',
          currency: 'EUR',
          totalMinor: 1000 + n,
        }),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      into.push({ externalId, startedAt, endedAt: Date.now(), status: response.status, code, detail: text });
      if (response.status === 503) await sleep(50);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      into.push({ externalId, startedAt, endedAt: Date.now(), status: 'dropped', detail: String(cause ?? error) });
      await sleep(50);
    }
  }
}

async function waitFor<T>(what: string, limitMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** Runs the clients while `during` happens, then until a 2xx that started after it; returns every outcome. */
async function underLoad(
  server: Server,
  apiKey: string,
  prefix: string,
  during: () => Promise<void>,
): Promise<{ outcomes: Outcome[]; backAt: number; recoveryMs: number }> {
  const outcomes: Outcome[] = [];
  let stop = false;
  const clients = Array.from({ length: CLIENTS }, (_, i) =>
    postOrders(server.base, apiKey, `${prefix}-${i}`, () => stop, outcomes, i % 2 === 1),
  );
  try {
    await waitFor('orders acknowledged before the fault', 30_000, async () =>
      outcomes.filter((o) => o.status === 201).length >= 50 ? true : undefined,
    );
    await during();
    const backAt = Date.now();
    const firstOk = await waitFor('a 2xx after the database is back', 60_000, async () =>
      outcomes.find((o) => o.startedAt >= backAt && typeof o.status === 'number' && o.status < 300),
    );
    // A little more load on the recovered service, then the clients stop.
    await sleep(2_000);
    return { outcomes, backAt, recoveryMs: firstOk.endedAt - backAt };
  } finally {
    stop = true;
    await Promise.all(clients);
  }
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The external ids of the store's orders in the database. */
async function storedOrders(url: string, storeId: string): Promise<Set<string>> {
  const rows = await query<{ external_id: string }>(url, 'select external_id from orders where store_id = $1', [
    storeId,
  ]);
  return new Set(rows.map((r) => r.external_id));
}

/**
 * Waits until the rewards sync (the background loop of `regulars serve`) has read up to the store's
 * newest order: proof that the loop ran after the fault, on orders written after it.
 */
async function rewardsSyncReachesNewestOrder(url: string, storeId: string): Promise<void> {
  const [newest] = await query<{ id: string }>(
    url,
    'select id from orders where store_id = $1 order by updated_at desc, id desc limit 1',
    [storeId],
  );
  await waitFor(`the rewards sync to reach order ${newest.id}`, 90_000, async () => {
    const [cursor] = await query<{ value: string }>(
      url,
      "select value from store_settings where store_id = $1 and name = 'rewards.cursor'",
      [storeId],
    );
    return cursor !== undefined && (JSON.parse(cursor.value) as { orderId?: string }).orderId === newest.id
      ? true
      : undefined;
  });
}

/** Every request was acknowledged (2xx) or refused as DATABASE_UNAVAILABLE; none dropped, none a 500. */
function expectOnlyAcknowledgedOrUnavailable(outcomes: readonly Outcome[]): void {
  const unexpected = outcomes.filter(
    (o) =>
      !(typeof o.status === 'number' && (o.status < 300 || (o.status === 503 && o.code === 'DATABASE_UNAVAILABLE'))),
  );
  expect(unexpected.slice(0, 5), `${unexpected.length} of ${outcomes.length} requests`).toEqual([]);
}

function workerPids(server: Server): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(server.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return [];
  }
}

async function stopServer(server: Server): Promise<number | null> {
  if (!server.alive()) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  return exited;
}

describe.skipIf(!realBinaryInRun)('regulars serve on PostgreSQL when the database restarts under load', () => {
  let cluster: ThrowAwayCluster | undefined;
  beforeAll(async () => {
    cluster = await createThrowAwayCluster();
  });
  afterAll(async () => {
    await cluster?.drop();
  });

  it.each([1, 2])(
    'with %i worker(s): every request is acknowledged or DATABASE_UNAVAILABLE, no acknowledged order is lost, and service and jobs resume',
    async (workers) => {
      if (!cluster) throw new Error('the cluster is made in beforeAll');
      const url = await cluster.createDatabase(`regulars_restart_w${workers}`);
      const created = await runCliProcess(['stores', 'create', 'Restart Coffee', '--json'], {
        env: { DATABASE_URL: url },
      });
      expect(created.status, created.stderr).toBe(0);
      const { id: storeId, apiKey } = JSON.parse(created.stdout) as { id: string; apiKey: string };
      const server = await startServer(url, workers);
      let exitCode: number | null = null;
      try {
        let restartedAt = 0;
        const { outcomes, backAt, recoveryMs } = await underLoad(server, apiKey, `w${workers}`, async () => {
          restartedAt = Date.now();
          await cluster?.restart();
        });
        process.stdout.write(
          `${workers} worker(s): database down and back in ${((backAt - restartedAt) / 1000).toFixed(1)} s; ` +
            `first 2xx ${(recoveryMs / 1000).toFixed(2)} s after it was back; ` +
            `${outcomes.filter((o) => o.status === 201).length} acknowledged, ` +
            `${outcomes.filter((o) => o.status === 503).length} answered 503\n`,
        );

        expectOnlyAcknowledgedOrUnavailable(outcomes);
        // The restart did reach the clients: requests in flight or sent while it was down were refused.
        expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0);
        expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);

        const stored = await storedOrders(url, storeId);
        const lost = outcomes.filter((o) => o.status === 201 && !stored.has(o.externalId));
        expect(lost.map((o) => o.externalId)).toEqual([]);

        // Still the same server: no process died on the way (a worker that died would be named here).
        expect(server.alive()).toBe(true);
        expect(server.output()).not.toMatch(/worker \d+ exited/);
        if (workers > 1) expect(workerPids(server)).toHaveLength(workers);

        await rewardsSyncReachesNewestOrder(url, storeId);
      } finally {
        exitCode = await stopServer(server);
      }
      // After the rest: a failure above is reported as it is, not as this exit status.
      expect(exitCode).toBe(0);
    },
  );

  it('with 2 workers: when every worker is killed the primary starts new ones, which serve and run the jobs', async () => {
    if (!cluster) throw new Error('the cluster is made in beforeAll');
    const url = await cluster.createDatabase('regulars_refork');
    const created = await runCliProcess(['stores', 'create', 'Refork Coffee', '--json'], {
      env: { DATABASE_URL: url },
    });
    expect(created.status, created.stderr).toBe(0);
    const { id: storeId, apiKey } = JSON.parse(created.stdout) as { id: string; apiKey: string };
    // A fixed port: with every worker gone the primary closes the shared socket, and new workers
    // listening on port 0 would get another one.
    const server = await startServer(url, 2, await freePort());
    let exitCode: number | null = null;
    try {
      const before = workerPids(server);
      expect(before).toHaveLength(2);
      for (const pid of before) process.kill(Number(pid), 'SIGKILL');
      // Generous: a worker loads the whole server before it listens, slow on a busy machine.
      await waitFor('new workers', 90_000, async () => {
        const now = workerPids(server);
        return now.length === 2 && now.every((pid) => !before.includes(pid)) ? true : undefined;
      }).catch((error: Error) => {
        throw new Error(
          `${error.message}: before ${before.join(' ')}, now ${workerPids(server).join(' ')}\n${server.output()}`,
        );
      });
      await waitFor('the new workers to answer', 90_000, async () => {
        const health = await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
        return health?.status === 200 ? true : undefined;
      });
      const outcomes: Outcome[] = [];
      let stop = false;
      const clients = Array.from({ length: 4 }, (_, i) =>
        postOrders(server.base, apiKey, `refork-${i}`, () => stop, outcomes),
      );
      await sleep(3_000);
      stop = true;
      await Promise.all(clients);
      expect(outcomes.length).toBeGreaterThan(0);
      expectOnlyAcknowledgedOrUnavailable(outcomes);
      expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(0);
      expect(server.alive()).toBe(true);
      await rewardsSyncReachesNewestOrder(url, storeId);
    } finally {
      exitCode = await stopServer(server);
    }
    expect(exitCode).toBe(0);
  });
});
