import { describe, expect, it } from 'vitest';
import { startRewardsScheduler } from './rewards-scheduler.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { ScheduledJob } from '../orders/index.js';
import { type Family, sampleValue, scrapeMetrics } from '../../../test/support/prometheus-text.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const silent = { info: () => {}, error: () => {} };

describe.each(dialects)('rewards scheduler metrics on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('record runs, durations, lag and last success per job, and count a failing job as failed', async () => {
    const { db } = database();
    await createStore(db, { name: 'Metrics shop' });
    const ok: ScheduledJob = { name: `metrics-ok-${dialect}`, everyMs: 1, run: async () => 0 };
    const broken: ScheduledJob = {
      name: `metrics-broken-${dialect}`,
      everyMs: 1,
      run: async () => {
        throw new Error('broken on purpose');
      },
    };
    const runs = (families: Map<string, Family>, job: string, outcome: string) =>
      sampleValue(families, 'regulars_job_runs_total', { job, outcome });
    const before = await scrapeMetrics();
    const scheduler = startRewardsScheduler(db, { handlers: [], jobs: [ok, broken], syncEveryMs: 20, log: silent });
    let after = before;
    // A job first runs one interval after the scheduler first sees it: wait for the second tick's run.
    for (let i = 0; i < 500 && runs(after, ok.name, 'ok') === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await scrapeMetrics();
    }
    await scheduler.stop();
    after = await scrapeMetrics();
    expect(runs(after, ok.name, 'ok')).toBeGreaterThan(0);
    expect(runs(after, broken.name, 'failed')).toBeGreaterThan(0);
    expect(runs(after, broken.name, 'ok')).toBe(0);
    expect(runs(after, 'rewards-sync', 'ok') - runs(before, 'rewards-sync', 'ok')).toBeGreaterThan(0);
    expect(sampleValue(after, 'regulars_job_duration_seconds_count', { job: ok.name })).toBe(
      runs(after, ok.name, 'ok'),
    );
    expect(sampleValue(after, 'regulars_job_lag_seconds', { job: ok.name })).toBeGreaterThanOrEqual(0);
    const lastSuccess = sampleValue(after, 'regulars_job_last_success_timestamp_seconds', { job: ok.name });
    expect(Math.abs(lastSuccess - Date.now() / 1000)).toBeLessThan(60);
    expect(sampleValue(after, 'regulars_job_last_success_timestamp_seconds', { job: broken.name })).toBe(0);
  });
});
