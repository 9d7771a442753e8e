import { afterEach, describe, expect, it } from 'vitest';
import { createEmailChannel, suppressionList } from './deliver-email.service.js';
import { changeDeliverySettings, readDeliverySettings } from './delivery-settings.service.js';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { fakeClock, planned, storeWithCustomers } from './delivery.fixtures.js';
import { planMessages } from './plan-messages.service.js';
import { createSmtpMailer, type Mailer } from '../messaging/mailer.adapter.js';
import { headerOf, type RawSmtp, rawSmtp } from '../messaging/raw-smtp.fixtures.js';
import { builtInTemplatesDir, loadTemplate } from '../messaging/templates.adapter.js';
import { RegularsError } from '../../platform/errors.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const T0 = '2026-05-10T12:00:00.000Z';

/** The Reply-To of the store's delivery settings, per flow where one is set, in the message the SMTP server takes. */
describe.each(dialects)('Reply-To from the delivery settings on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let smtp: RawSmtp | null = null;
  let mailer: Mailer | null = null;

  afterEach(async () => {
    await mailer?.close();
    await smtp?.close();
  });

  it("carries the flow's Reply-To, else the store's, else none", async () => {
    const { db } = database();
    smtp = await rawSmtp();
    const { storeId, customerIds } = await storeWithCustomers(db, 3);
    const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
    const flows = ['spring-news', 'win-back', 'plain'];
    await planMessages(
      db,
      storeId,
      flows.map((flow, i) =>
        planned(storeId, customerIds[i]!, {
          flow,
          triggerKey: `${flow}-1`,
          template: 'newsletter',
          data: sample,
          sendAt: T0,
        }),
      ),
      T0,
    );
    await changeDeliverySettings(
      db,
      storeId,
      { replyTo: 'Sunny Beans Help <help@shop.example>', flowReplyTo: { 'win-back': 'owner@shop.example' } },
      T0,
    );
    mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, timeoutMs: 5_000 });
    const clock = fakeClock(T0);
    const channel = createEmailChannel({
      db,
      mailer,
      templatesDir: builtInTemplatesDir(),
      from: 'Shop <hello@shop.example>',
      publicUrl: 'https://regulars.shop.example',
      clock: clock.now,
    });
    const deps = {
      db,
      channels: { email: channel },
      suppression: suppressionList,
      workerId: 'w1',
      clock: clock.now,
      leaseMs: 60_000,
    };
    await runDeliveryWorker(deps, { storeId, once: true, concurrency: 1 });
    const replyTo = (address: string) => headerOf(smtp!.received.find((r) => r.to.includes(address))!.raw, 'Reply-To');
    expect(smtp.received).toHaveLength(3);
    expect(replyTo('c0@example.com')).toBe('Sunny Beans Help <help@shop.example>');
    expect(replyTo('c1@example.com')).toBe('owner@shop.example');

    // Back to no Reply-To: replies go to the From.
    await changeDeliverySettings(db, storeId, { replyTo: null, flowReplyTo: null }, T0);
    expect(await readDeliverySettings(db, storeId)).toMatchObject({ replyTo: null, flowReplyTo: {} });
  });

  it('refuses an address that is not one, or that would add a header, naming the field', async () => {
    const { db } = database();
    const { storeId } = await storeWithCustomers(db, 1);
    for (const [changes, field] of [
      [{ replyTo: 'help at shop' }, 'replyTo'],
      [{ replyTo: 'help@shop.example\r\nBcc: all@example.com' }, 'replyTo'],
      [{ flowReplyTo: { 'win-back': 42 } }, 'flowReplyTo.win-back'],
      [{ flowReplyTo: 'owner@shop.example' }, 'flowReplyTo'],
    ] as const) {
      const error = await changeDeliverySettings(db, storeId, changes, T0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegularsError);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    }
    expect(await readDeliverySettings(db, storeId)).toMatchObject({ replyTo: null, flowReplyTo: {} });
  });
});
