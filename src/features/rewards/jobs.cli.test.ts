import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { placeOrder } from '../challenges/challenges.fixtures.js';
import { insertChallenges } from '../challenges/challenge.repository.js';
import { readBuiltInFlows } from '../flows/engine/flow-files.reader.js';
import { saveFlowDefinition, setFlowEnabled } from '../flows/engine/flow.repository.js';
import { SCHEDULED_JOBS } from './rewards.registry.js';
import { JOB_SCHEDULE_SETTING } from './job-schedule.repository.js';
import { SCHEDULER_LEASE } from './rewards-scheduler.service.js';
import { listLeases } from '../../platform/jobs/job-lease.repository.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { BIN, dbArgs, realBinaryInRun, runCli, runCliProcess } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const DAY_MS = 86_400_000;
const PROGRAM = {
  currency: 'EUR',
  startsAt: '2020-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 } },
  returnWindowDays: 0,
  expiry: { months: null, warnDays: 14 },
};

/**
 * A store where every kind of background effect is due at once: each customer has an order from
 * yesterday (points), an open one-order challenge the order completes (the challenge, its bonus
 * points and the challenge-completed flow's message), and yesterday's birthday (the birthday flow's
 * message with a single-use coupon). Every scheduled job is due, and the orders are older than the
 * sync's lag.
 */
async function seedStore(
  db: Kysely<Database>,
  cli: (args: string[]) => Promise<{ status: number | null; stderr: string }>,
  name: string,
  customers: number,
): Promise<string> {
  const { store } = await createStore(db, { name });
  const programFile = join(mkdtempSync(join(tmpdir(), 'regulars-jobs-')), 'program.json');
  writeFileSync(programFile, JSON.stringify(PROGRAM));
  const set = await cli(['loyalty', 'program', 'set', '--store', store.id, programFile]);
  expect(set.status, set.stderr).toBe(0);
  const now = Date.now();
  const yesterday = Math.floor(now / DAY_MS) - 1;
  const birthday = `1990-${new Date(yesterday * DAY_MS).toISOString().slice(5, 10)}`;
  const issuedAt = new Date(now - 3 * DAY_MS).toISOString();
  for (let i = 0; i < customers; i++) {
    const { customerId } = await placeOrder(db, store.id, `c${i}`, { day: yesterday, totalMinor: 2500 });
    await db
      .updateTable('customers')
      .set({ birthday })
      .where('store_id', '=', store.id)
      .where('id', '=', customerId)
      .execute();
    await insertChallenges(db, [
      {
        store_id: store.id,
        id: `chl_${name}_${i}`,
        customer_id: customerId,
        kind: 'frequency',
        target_orders: 1,
        target_days: null,
        target_category: null,
        window_start_day: yesterday - 3,
        deadline_day: yesterday + 10,
        bonus_points: 100,
        progress: 0,
        status: 'offered',
        issued_week: new Date((yesterday - 3) * DAY_MS).toISOString().slice(0, 10),
        basis: '{}',
        issued_at: issuedAt,
        completed_at: null,
        expired_at: null,
      },
    ]);
  }
  await db.updateTable('orders').set({ updated_at: issuedAt }).where('store_id', '=', store.id).execute();
  const builtIns = await readBuiltInFlows();
  for (const flow of ['birthday', 'challenge-completed']) {
    const file = builtIns.find((f) => f.definition.name === flow)!;
    await saveFlowDefinition(db, store.id, file.definition, file.source, issuedAt);
    await setFlowEnabled(db, store.id, flow, true, issuedAt);
  }
  const longAgo = '2020-01-01T00:00:00.000Z';
  await writeSetting(
    db,
    store.id,
    JOB_SCHEDULE_SETTING,
    Object.fromEntries(
      [...SCHEDULED_JOBS.map((job) => job.name), 'idempotency-keys-sweep'].map((job) => [job, longAgo]),
    ),
    longAgo,
  );
  return store.id;
}

/** The background effects of a store, counted, and the natural keys that each must hold once. */
async function effects(db: Kysely<Database>, storeId: string) {
  const ledger = await db.selectFrom('loyalty_ledger').select(['source_key']).where('store_id', '=', storeId).execute();
  const outbox = await db
    .selectFrom('outbox_messages')
    .select(['flow', 'customer_id', 'status'])
    .where('store_id', '=', storeId)
    .execute();
  const coupons = await db.selectFrom('coupons').select(['code']).where('store_id', '=', storeId).execute();
  const challenges = await db.selectFrom('challenges').select(['status']).where('store_id', '=', storeId).execute();
  const distinct = (values: string[]) => new Set(values).size;
  return {
    earned: ledger.filter((e) => e.source_key.endsWith(':earn')).length,
    bonuses: ledger.filter((e) => e.source_key.endsWith(':bonus')).length,
    distinctLedgerKeys: distinct(ledger.map((e) => e.source_key)),
    ledger: ledger.length,
    birthdayMessages: outbox.filter((m) => m.flow === 'birthday').length,
    birthdayMessagesSent: outbox.filter((m) => m.flow === 'birthday' && m.status !== 'held_out').length,
    completedMessages: outbox.filter((m) => m.flow === 'challenge-completed').length,
    distinctMessages: distinct(outbox.map((m) => `${m.flow}/${m.customer_id}`)),
    messages: outbox.length,
    coupons: coupons.length,
    challengesCompleted: challenges.filter((c) => c.status === 'completed').length,
  };
}

/** Starts `regulars jobs` and returns the child with its output so far. */
function startJobs(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [BIN, 'jobs', ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return { child, output: () => out };
}

/** Resolves with the lease row once the process with this pid holds the store's lease. */
async function leaseHeldBy(db: Kysely<Database>, storeId: string, pid: number, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const lease = (await listLeases(db, storeId)).find(
      (l) => l.job === SCHEDULER_LEASE && l.holder.includes(`:${pid}:`),
    );
    if (lease) return lease;
    await sleep(5);
  }
  throw new Error(`process ${pid} never took the lease:\n${output()}`);
}

describe.skipIf(!realBinaryInRun).each(dialects)('regulars jobs, several processes, on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const at = () => dbArgs(database().target);
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('three processes racing over two stores produce every effect exactly once', async () => {
    const { db } = database();
    const stores = [await seedStore(db, cli, 'race-a', 12), await seedStore(db, cli, 'race-b', 12)];
    const runs = await Promise.all(
      [0, 1, 2].map(() => runCliProcess(['jobs', '--once', ...at().args], { env: at().env })),
    );
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    // Every process made a pass over both stores, one process at a time per store.
    expect(runs.map((r) => r.stdout.trim())).toEqual(Array(3).fill('jobs pass done: 2 stores run here'));
    for (const storeId of stores) {
      const found = await effects(db, storeId);
      expect(found).toMatchObject({
        earned: 12,
        bonuses: 12,
        ledger: 24,
        distinctLedgerKeys: 24,
        challengesCompleted: 12,
        birthdayMessages: 12,
        completedMessages: 12,
        messages: 24,
        distinctMessages: 24,
      });
      // The birthday coupon is made for the messages that are sent, not for the holdout's.
      expect(found.coupons).toBe(found.birthdayMessagesSent);
      expect(found.coupons).toBeGreaterThan(0);
      expect(await listLeases(db, storeId)).toEqual([]);
    }
  });

  it('takes over the lease of a process killed with SIGKILL once it expires, and finishes its work once', async () => {
    const { db } = database();
    const storeId = await seedStore(db, cli, 'killed', 150);
    const { child, output } = startJobs(['--lease-seconds', '4', '--every-seconds', '0.1', ...at().args], at().env);
    const lease = await leaseHeldBy(db, storeId, child.pid!, output);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    // Nobody released it: it stays until it expires.
    expect(await listLeases(db, storeId)).toMatchObject([{ holder: lease.holder }]);
    const next = await runCliProcess(['jobs', '--once', ...at().args], { env: at().env });
    expect(next.status, next.stderr).toBe(0);
    // The stores of the other tests of this file are in the same database.
    expect(next.stdout).toMatch(/^jobs pass done: \d+ stores run here\n$/);
    // It waited for the lease to expire (renewed up to the kill, so at least most of its term).
    expect(Date.now() - killedAt).toBeGreaterThan(2_000);
    const found = await effects(db, storeId);
    expect(found).toMatchObject({ earned: 150, bonuses: 150, distinctLedgerKeys: 300, challengesCompleted: 150 });
    expect(found).toMatchObject({ birthdayMessages: 150, completedMessages: 150, distinctMessages: 300 });
    expect(found.coupons).toBe(found.birthdayMessagesSent);
    expect(await listLeases(db, storeId)).toEqual([]);
  });

  it('on TERM ends its pass at the next step and releases the lease, so another process goes on at once', async () => {
    const { db } = database();
    const storeId = await seedStore(db, cli, 'stopped', 150);
    const { child, output } = startJobs(['--lease-seconds', '600', '--every-seconds', '0.1', ...at().args], at().env);
    await leaseHeldBy(db, storeId, child.pid!, output);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited, output()).toBe(0);
    expect(output()).toContain('regulars jobs stopped');
    expect(await listLeases(db, storeId)).toEqual([]);
    // Not 600 s later: the lease is free now.
    const started = Date.now();
    const next = await runCliProcess(['jobs', '--once', ...at().args], { env: at().env });
    expect(next.status, next.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(120_000);
    const found = await effects(db, storeId);
    expect(found).toMatchObject({ earned: 150, bonuses: 150, distinctLedgerKeys: 300, challengesCompleted: 150 });
    expect(found).toMatchObject({ birthdayMessages: 150, completedMessages: 150, distinctMessages: 300 });
  });
});
