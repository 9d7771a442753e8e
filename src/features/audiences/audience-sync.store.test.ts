/**
 * Scheduled audience files on every dialect: the job writes a due file, leaves it until its
 * interval has passed, records a failure on the entry without stopping the others.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { recordConsent } from '../consent/index.js';
import { sha256Hex } from './audience-identifiers.js';
import { addAudienceSync, listAudienceSyncs, removeAudienceSync } from './audience-sync.service.js';
import { audiencesSyncJob } from './audiences.job.js';

describe.each(dialects)('scheduled audience files on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'regulars-audience-sync-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('rewrites a due file, waits out its interval, and records a failure without stopping the others', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: `Sync ${dialect}` });
    const ada = await upsertCustomerByExternalId(db, store.id, { externalId: 'ada', email: 'ada@example.com' });
    await recordConsent(db, store.id, ada.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'checkout',
      recordedAt: '2026-03-01T10:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    const out = join(folder, `meta-${dialect}.csv`);
    const broken = join(folder, 'no-such-folder', 'google.csv');
    const common = { segment: null, includeWithoutConsent: false, defaultCallingCode: null, everyHours: 24 };
    await addAudienceSync(db, store.id, { ...common, platform: 'google', out: broken }, '2026-03-01T00:00:00Z');
    await addAudienceSync(db, store.id, { ...common, platform: 'meta', out }, '2026-03-01T00:00:00Z');

    expect(await audiencesSyncJob.run(db, store.id, '2026-03-02T00:00:00Z')).toBe(1);
    expect(await readFile(out, 'utf8')).toBe(`email,phone,fn,ln\n${sha256Hex('ada@example.com')},,,\n`);
    const [failed, done] = await listAudienceSyncs(db, store.id);
    expect(done).toMatchObject({ out, lastRunAt: '2026-03-02T00:00:00Z', lastResult: { written: 1 } });
    expect(failed).toMatchObject({ out: broken, lastRunAt: '2026-03-02T00:00:00Z' });
    expect(failed!.lastResult).toHaveProperty('error');

    // Not due again within 24 hours; due after.
    expect(await audiencesSyncJob.run(db, store.id, '2026-03-02T23:00:00Z')).toBe(0);
    await rm(out);
    expect(await audiencesSyncJob.run(db, store.id, '2026-03-03T00:00:00Z')).toBe(1);
    expect(await readFile(out, 'utf8')).toContain(sha256Hex('ada@example.com'));

    // The same path again replaces its entry; removing an unknown path says so.
    await addAudienceSync(db, store.id, { ...common, platform: 'google', out }, '2026-03-03T01:00:00Z');
    expect((await listAudienceSyncs(db, store.id)).map((s) => s.platform)).toEqual(['google', 'google']);
    await removeAudienceSync(db, store.id, broken, '2026-03-03T02:00:00Z');
    expect(await listAudienceSyncs(db, store.id)).toHaveLength(1);
    await expect(removeAudienceSync(db, store.id, broken, '2026-03-03T02:00:00Z')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
