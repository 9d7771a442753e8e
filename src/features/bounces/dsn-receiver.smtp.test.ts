import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/test-database.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { arfEmail, dsnEmail } from './bounce-payloads.fixtures.js';
import { type DsnReceipt, type DsnReceiver, startDsnReceiver } from './dsn-receiver.adapter.js';

describe.each(dialects)('the SMTP receiver of delivery reports on %s', (dialect) => {
  let database: TestDatabase;
  let receiver: DsnReceiver;
  let storeId: string;
  const receipts: DsnReceipt[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storeId = (await createStore(database.db, { name: 'Bounce shop', shopifySecret: null })).store.id;
    receiver = await startDsnReceiver({
      db: database.db,
      storeId,
      port: 0,
      host: '127.0.0.1',
      onReceipt: (r) => receipts.push(r),
    });
  });
  afterAll(async () => {
    await receiver.close();
    await database.destroy();
  });

  /** Sends a raw email over SMTP, as a remote mail server returning a report would (null sender, RFC 3464 section 2). */
  const send = (raw: string) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: '', to: 'bounces@shop.example' }, raw });

  const suppressions = () =>
    database.db
      .selectFrom('suppressions')
      .select(['address', 'reason', 'source'])
      .where('store_id', '=', storeId)
      .orderBy('address')
      .execute();

  it('suppresses the failed recipient of a DSN, records the delayed one, and takes a resent DSN once', async () => {
    const dsn = dsnEmail({
      dsnId: '<dsn-7@mx.example.org>',
      failed: 'gone@example.org',
      delayed: 'full@example.org',
      messageId: '<m1@shop.example>',
    });
    const answer = await send(dsn);
    expect(answer.response).toMatch(/^250/);
    expect(receipts.at(-1)).toMatchObject({ report: true, recorded: 2, suppressed: 1, duplicates: 0 });
    expect(await suppressions()).toEqual([{ address: 'gone@example.org', reason: 'bounced', source: 'smtp' }]);
    const kinds = await database.db
      .selectFrom('bounce_events')
      .select(['address', 'kind'])
      .where('store_id', '=', storeId)
      .orderBy('address')
      .execute();
    expect(kinds).toEqual([
      { address: 'full@example.org', kind: 'soft_bounce' },
      { address: 'gone@example.org', kind: 'hard_bounce' },
    ]);
    await send(dsn);
    expect(receipts.at(-1)).toMatchObject({ report: true, recorded: 0, duplicates: 2 });
  });

  it('suppresses the complaint of an ARF report', async () => {
    await send(
      arfEmail({ reportId: '<arf-7@example.com>', address: 'angry@example.net', messageId: '<m2@shop.example>' }),
    );
    expect(await suppressions()).toContainEqual({ address: 'angry@example.net', reason: 'complained', source: 'smtp' });
  });

  it('accepts an email that is no report and says so; refuses a broken report with 554', async () => {
    await send(
      'From: someone@example.com\r\nTo: bounces@shop.example\r\nSubject: Out of office\r\n\r\nBack Monday.\r\n',
    );
    expect(receipts.at(-1)).toEqual({ report: false, from: '' });
    const broken = dsnEmail({
      dsnId: '<dsn-8@x>',
      failed: 'a@example.org',
      delayed: 'b@example.org',
      messageId: '<m@x>',
    }).replace('message/delivery-status', 'text/plain');
    await expect(send(broken)).rejects.toMatchObject({ responseCode: 554 });
  });
});
