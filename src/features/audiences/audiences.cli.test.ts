/**
 * `regulars audiences export` on every dialect: consent decides who is in the file, each platform's
 * columns and normalisation, a segment narrows it, and bad options are refused by name.
 */
import { mkdtemp, readFile, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { recordConsent } from '../consent/index.js';
import type { ConsentStatus } from '../consent/consent.js';
import { insertSegment } from '../segments/segment.repository.js';
import { sha256Hex } from './audience-identifiers.js';

describe.each(dialects)('regulars audiences export on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'regulars-audiences-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  const cli = (args: string[]) => {
    const { args: db, env } = dbArgs(database().target);
    return runCli([...args, ...db], { env });
  };

  async function shop(name: string) {
    const { db } = database();
    const { store } = await createStore(db, { name });
    const customers: Record<string, string> = {};
    const add = async (
      key: string,
      contact: { email?: string; phone?: string; firstName?: string },
      consent: ConsentStatus[],
    ) => {
      const customer = await upsertCustomerByExternalId(db, store.id, { externalId: key, ...contact });
      customers[key] = customer.id;
      let minute = 10;
      for (const status of consent) {
        await recordConsent(db, store.id, customer.id, {
          channel: 'email',
          purpose: 'marketing',
          status,
          source: 'checkout',
          recordedAt: `2026-03-01T10:${minute++}:00Z`,
          ip: null,
          doubleOptInAt: null,
        });
      }
    };
    await add('ada', { email: ' Ada.Lovelace@Gmail.com', firstName: 'Ada' }, ['granted']);
    await add('bob', { email: 'bob@example.com' }, ['granted', 'revoked']);
    await add('cy', { email: 'cy@example.com' }, ['pending']);
    await add('dee', { email: 'dee@example.com' }, []);
    await add('eve', { phone: '07700 900123' }, ['granted']);
    return { storeId: store.id, customers };
  }

  it('writes consenting customers only, in Google Customer Match columns, and says who was left out', async () => {
    const { storeId } = await shop('Audience Google');
    const out = join(folder, `google-${dialect}.csv`);
    const run = await cli(['audiences', 'export', '--store', storeId, '--platform', 'google', '--out', out, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      platform: 'google',
      segment: null,
      read: 5,
      written: 1,
      withoutConsent: 3,
      withoutIdentifier: 1,
    });
    // Google drops the dots of a gmail local part before hashing.
    expect(await readFile(out, 'utf8')).toBe(`Email,Phone\n${sha256Hex('adalovelace@gmail.com')},\n`);
    // Written beside the destination and renamed: no partial file is left.
    expect((await readdir(folder)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('completes national phones with the calling code given, and takes everyone when asked', async () => {
    const { storeId } = await shop('Audience Meta');
    const out = join(folder, `meta-${dialect}.csv`);
    const run = await cli([
      'audiences',
      'export',
      '--store',
      storeId,
      '--platform',
      'meta',
      '--out',
      out,
      '--phone-country-code',
      '+44',
      '--include-without-consent',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('5 customers for meta');
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('email,phone,fn,ln');
    expect(lines).toHaveLength(6);
    // Meta keeps the gmail dots, writes the phone without '+', hashes the lower-cased first name.
    expect(lines).toContain(`${sha256Hex('ada.lovelace@gmail.com')},,${sha256Hex('ada')},`);
    expect(lines).toContain(`,${sha256Hex('447700900123')},,`);
  });

  it('narrows to a segment by name, and refuses an unknown segment, platform or calling code', async () => {
    const { db } = database();
    const { storeId, customers } = await shop('Audience Segment');
    const segment = await insertSegment(
      db,
      storeId,
      { name: 'Gmail fans', description: null, rule: { all: [] } as never },
      '2026-03-02T00:00:00Z',
    );
    for (const key of ['ada', 'bob'])
      await db
        .insertInto('segment_members')
        .values({
          store_id: storeId,
          segment_id: segment.id,
          customer_id: customers[key]!,
          entered_at: '2026-03-02T00:00:00Z',
        })
        .execute();
    const out = join(folder, `segment-${dialect}.csv`);
    const run = await cli([
      'audiences',
      'export',
      '--store',
      storeId,
      '--platform',
      'meta',
      '--out',
      out,
      '--segment',
      'Gmail fans',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({
      segment: { id: segment.id, name: 'Gmail fans' },
      read: 2,
      written: 1,
      withoutConsent: 1,
    });

    const unknown = await cli([
      'audiences',
      'export',
      '--store',
      storeId,
      '--platform',
      'meta',
      '--out',
      out,
      '--segment',
      'nope',
    ]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('SEGMENT_NOT_FOUND');
    const platform = await cli(['audiences', 'export', '--store', storeId, '--platform', 'tiktok', '--out', out]);
    expect(platform.stderr).toContain('INVALID_ARGUMENT');
    expect(platform.stderr).toContain('--platform');
    const code = await cli([
      'audiences',
      'export',
      '--store',
      storeId,
      '--platform',
      'meta',
      '--out',
      out,
      '--phone-country-code',
      'uk',
    ]);
    expect(code.stderr).toContain('--phone-country-code');
    const store = await cli(['audiences', 'export', '--store', 'sto_nope', '--platform', 'meta', '--out', out]);
    expect(store.stderr).toContain('STORE_NOT_FOUND');
  });
});
