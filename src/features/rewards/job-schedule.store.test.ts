import { describe, expect, it } from 'vitest';
import { dueJobs } from './job-schedule.repository.js';
import type { ScheduledJob } from '../orders/order-handler.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const job = (name: string, everyMs: number): ScheduledJob => ({ name, everyMs, run: async () => 0 });
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();

describe.each(dialects)('the job schedule on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('starts a new job one interval after it is first seen, then runs it once per interval, whoever asks', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Schedule' });
    const hourly = job('hourly', 60 * 60_000);
    const minutely = job('minutely', 60_000);
    const names = async (minutes: number) =>
      (await dueJobs(db, store.id, [hourly, minutely], at(minutes))).map((j) => j.name);
    expect(await names(0)).toEqual([]);
    expect(await names(0.5)).toEqual([]);
    expect(await names(1)).toEqual(['minutely']);
    expect(await names(1)).toEqual([]); // a second process asking at the same moment: already run
    expect(await names(59)).toEqual(['minutely']);
    expect(await names(60)).toEqual(['hourly', 'minutely']);
    expect(await names(61)).toEqual(['minutely']);
    // A job added later starts its own schedule without disturbing the others.
    const daily = job('daily', 24 * 60 * 60_000);
    expect((await dueJobs(db, store.id, [hourly, minutely, daily], at(120))).map((j) => j.name)).toEqual([
      'hourly',
      'minutely',
    ]);
    expect((await dueJobs(db, store.id, [daily], at(120 + 24 * 60))).map((j) => j.name)).toEqual(['daily']);
  });
});
