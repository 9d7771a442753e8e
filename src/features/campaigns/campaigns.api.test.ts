import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../platform/config.js';
import { updateShopProfile } from '../stores/index.js';
import { DELIVERY_SETTING } from '../delivery/index.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { addUser, login, sessionOf, TEST_POLICY } from '../console/console-auth.fixtures.js';
import { runFlows } from '../flows/engine/plan-flows.service.js';
import { FLOW_PLANNERS } from '../flows/engine/flow-planners.registry.js';
import { readBuiltInFlows } from '../flows/engine/flow-files.reader.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const COPY = {
  subject: 'Our winter roasts are here',
  preheader: 'Two new coffees for cold mornings',
  body: '## Hello {{ customer.first_name }}\n\nTwo **new** coffees, and a <script>alert(1)</script> test.\n\n- Ethiopia\n- Peru\n\n[Read more](https://beans.example/winter)',
};

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(dialects)('campaigns API on %s', (dialect) => {
  // A real SMTP server in this process takes the test sends; the app is built after it listens.
  const received: { to: string[]; raw: Buffer }[] = [];
  let smtp: SMTPServer;
  const options: { config?: Config; console: { folder: null; policy: typeof TEST_POLICY } } = {
    console: { folder: null, policy: TEST_POLICY },
  };
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    options.config = loadConfig({
      REGULARS_SMTP_URL: `smtp://127.0.0.1:${port}`,
      REGULARS_MAIL_FROM: 'Beans <hello@beans.example>',
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  const ctx = useTestApp(dialect, options);

  let owner = { cookie: '', 'x-csrf-token': '' };
  let viewer = { cookie: '', 'x-csrf-token': '' };
  let marketer = { cookie: '', 'x-csrf-token': '' };
  beforeAll(async () => {
    const { app, database, store } = ctx();
    for (const [email, role] of [
      ['owner@beans.example', 'owner'],
      ['viewer@beans.example', 'viewer'],
      ['marketer@beans.example', 'marketer'],
    ] as const)
      await addUser(database.db, store.id, email, role);
    const session = async (email: string) => {
      const { cookie } = await login(app, { email });
      return { cookie, 'x-csrf-token': (await sessionOf(app, cookie)).csrfToken };
    };
    owner = await session('owner@beans.example');
    viewer = await session('viewer@beans.example');
    marketer = await session('marketer@beans.example');
    await updateShopProfile(
      database.db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street, Leeds' },
      new Date().toISOString(),
    );
    expect(
      (await app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload: orderBody() })).statusCode,
    ).toBe(201);
  });

  it('previews the copy as the sender renders it: Markdown, Liquid for the sample customer, no raw HTML', async () => {
    const { app } = ctx();
    const res = await app.inject({ method: 'POST', url: '/v1/campaigns/preview', headers: viewer, payload: COPY });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.subject).toBe(COPY.subject);
    expect(preview.html).toContain('Hello Alice</h3>');
    expect(preview.html).toContain('<strong>new</strong>');
    expect(preview.html).toContain('<li>Ethiopia</li>');
    expect(preview.html).toContain('<a href="https://beans.example/winter"');
    expect(preview.html).toContain('&lt;script&gt;');
    expect(preview.html).not.toContain('<script>');
    // The store's own shop profile, over the template's sample shop; the preheader hidden first.
    expect(preview.html).toContain('1 Roast Street, Leeds');
    expect(preview.html).toMatch(/display:none[^>]*>Two new coffees for cold mornings</);
    expect(preview.text).toContain('Read more: https://beans.example/winter');
    expect(preview.text).toContain('Hello Alice');

    const broken = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/preview',
      headers: viewer,
      payload: { ...COPY, body: 'Hi {{ customer.nickname }}' },
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error).toMatchObject({
      code: 'TEMPLATE_RENDER_FAILED',
      details: { variable: 'customer.nickname' },
    });
  });

  it('lints the copy and scores it with SpamAssassin before scheduling, for any role', async () => {
    const { app } = ctx();
    const clean = (
      await app.inject({ method: 'POST', url: '/v1/campaigns/lint', headers: viewer, payload: COPY })
    ).json();
    expect(clean).toMatchObject({ template: 'newsletter', blocked: false, error: null, overSpamLimit: false });
    expect(clean.spamCheck).toMatchObject({ scored: true, limit: 5, templates: [{ template: 'newsletter' }] });
    expect(typeof clean.spamCheck.templates[0].score).toBe('number');

    const shouting = (
      await app.inject({
        method: 'POST',
        url: '/v1/campaigns/lint',
        headers: viewer,
        payload: { ...COPY, subject: 'BUY NOW FREE COFFEE', body: 'Visit [shop.example](https://elsewhere.example)' },
      })
    ).json();
    expect(shouting.blocked).toBe(true);
    expect(shouting.findings.map((f: { rule: string }) => f.rule)).toEqual(
      expect.arrayContaining(['SUBJECT_ALL_CAPS', 'LINK_DOMAIN_MISMATCH']),
    );
  });

  it('creates, lists, edits, schedules and cancels a campaign; only drafts change', async () => {
    const { app, database, store } = ctx();
    // No holdout: the one customer's message must be planned, not held out by the draw, for the
    // campaign to be still sending (and cancellable) below.
    await writeSetting(database.db, store.id, DELIVERY_SETTING, { holdoutShare: 0 }, new Date().toISOString());
    const audiences = (await app.inject({ method: 'GET', url: '/v1/campaigns/audiences', headers: viewer })).json();
    expect(audiences.audiences[0]).toEqual({ segment: null, name: null, builtIn: true, members: 1 });
    expect(audiences.audiences.find((a: { segment: string }) => a.segment === 'vip')).toMatchObject({ builtIn: true });

    const created = await app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: marketer,
      payload: { name: 'winter-roasts', ...COPY, segment: null, sendAt: inAnHour() },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'winter-roasts',
      status: 'draft',
      subject: COPY.subject,
      messages: {},
    });
    const again = await app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: marketer,
      payload: { name: 'winter-roasts', ...COPY },
    });
    expect(again.json().error.code).toBe('CAMPAIGN_NAME_TAKEN');
    const builtInName = await app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: marketer,
      payload: { name: 'win-back', ...COPY },
    });
    expect(builtInName.json().error.code).toBe('CAMPAIGN_NAME_TAKEN');

    // A time in the past, then an empty segment, are refused with their own codes.
    const past = await app.inject({
      method: 'PUT',
      url: '/v1/campaigns/winter-roasts',
      headers: marketer,
      payload: { ...COPY, sendAt: '2020-01-01T09:00' },
    });
    expect(past.statusCode).toBe(200);
    const late = await app.inject({ method: 'POST', url: '/v1/campaigns/winter-roasts/schedule', headers: marketer });
    expect(late.statusCode).toBe(422);
    expect(late.json().error).toMatchObject({
      code: 'CAMPAIGN_SEND_AT_PASSED',
      details: { campaign: 'winter-roasts' },
    });
    await app.inject({
      method: 'PUT',
      url: '/v1/campaigns/winter-roasts',
      headers: marketer,
      payload: { ...COPY, segment: 'vip', sendAt: inAnHour() },
    });
    const empty = await app.inject({ method: 'POST', url: '/v1/campaigns/winter-roasts/schedule', headers: marketer });
    expect(empty.json().error).toMatchObject({ code: 'CAMPAIGN_AUDIENCE_EMPTY', details: { segment: 'vip' } });
    const unknown = await app.inject({
      method: 'PUT',
      url: '/v1/campaigns/winter-roasts',
      headers: marketer,
      payload: { ...COPY, segment: 'seg_nope' },
    });
    expect(unknown.json().error.code).toBe('SEGMENT_NOT_FOUND');

    // Blocking lint stops the schedule; nothing is enabled.
    await app.inject({
      method: 'PUT',
      url: '/v1/campaigns/winter-roasts',
      headers: marketer,
      payload: { ...COPY, subject: 'BUY NOW FREE COFFEE', segment: null, sendAt: inAnHour() },
    });
    const blocked = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/winter-roasts/schedule',
      headers: marketer,
    });
    expect(blocked.json().error.code).toBe('CAMPAIGN_COPY_BLOCKED');

    const sendAt = new Date(Date.now() + 120_000).toISOString();
    await app.inject({
      method: 'PUT',
      url: '/v1/campaigns/winter-roasts',
      headers: marketer,
      payload: { ...COPY, segment: null, sendAt },
    });
    const scheduled = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/winter-roasts/schedule',
      headers: marketer,
    });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toMatchObject({
      campaign: { status: 'scheduled', sendAt },
      audience: 1,
      spamCheck: { scored: true },
    });
    const edit = await app.inject({
      method: 'PUT',
      url: '/v1/campaigns/winter-roasts',
      headers: marketer,
      payload: COPY,
    });
    expect(edit.json().error).toMatchObject({ code: 'CAMPAIGN_NOT_EDITABLE', details: { status: 'scheduled' } });

    // The campaign planner, not a copy of it, plans the message when its time comes.
    await runFlows(
      database.db,
      store.id,
      { now: new Date(Date.parse(sendAt) + 60_000).toISOString(), dryRun: false, publicUrl: 'https://r.example' },
      FLOW_PLANNERS,
      await readBuiltInFlows(),
    );
    const sending = (await app.inject({ method: 'GET', url: '/v1/campaigns/winter-roasts', headers: viewer })).json();
    expect(sending.status).toBe('sending');
    expect(sending.messages).toMatchObject({ planned: 1 });
    expect(sending.messages.held_out ?? 0).toBe(0);

    const list = (await app.inject({ method: 'GET', url: '/v1/campaigns', headers: viewer })).json();
    expect(list.counts).toEqual({ draft: 0, scheduled: 0, sending: 1, sent: 0, cancelled: 0 });

    const cancelled = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/winter-roasts/cancel',
      headers: marketer,
    });
    expect(cancelled.json()).toMatchObject({
      campaign: { status: 'cancelled' },
      changed: true,
      withdrawn: sending.messages.planned ?? 0,
    });
    const outbox = await database.db
      .selectFrom('outbox_messages')
      .select(['status', 'reason'])
      .where('store_id', '=', store.id)
      .where('flow', '=', 'winter-roasts')
      .execute();
    expect(outbox.every((m) => m.status !== 'planned')).toBe(true);
    const twice = await app.inject({ method: 'POST', url: '/v1/campaigns/winter-roasts/cancel', headers: marketer });
    expect(twice.json()).toMatchObject({ changed: false });

    await app.inject({ method: 'POST', url: '/v1/campaigns', headers: owner, payload: { name: 'draft-one', ...COPY } });
    const notScheduled = await app.inject({ method: 'POST', url: '/v1/campaigns/draft-one/cancel', headers: owner });
    expect(notScheduled.json().error).toMatchObject({ code: 'CAMPAIGN_NOT_SCHEDULED', details: { status: 'draft' } });
    expect((await app.inject({ method: 'DELETE', url: '/v1/campaigns/draft-one', headers: owner })).statusCode).toBe(
      204,
    );
    expect(
      (await app.inject({ method: 'DELETE', url: '/v1/campaigns/winter-roasts', headers: owner })).json().error.code,
    ).toBe('CAMPAIGN_NOT_EDITABLE');
  });

  it('lets a viewer read and compute, and refuses every change with ROLE_FORBIDDEN', async () => {
    const { app } = ctx();
    expect((await app.inject({ method: 'GET', url: '/v1/campaigns', headers: viewer })).statusCode).toBe(200);
    const changes: [string, string, object?][] = [
      ['POST', '/v1/campaigns', { name: 'nope', ...COPY }],
      ['PUT', '/v1/campaigns/winter-roasts', COPY],
      ['POST', '/v1/campaigns/winter-roasts/schedule'],
      ['POST', '/v1/campaigns/winter-roasts/cancel'],
      ['POST', '/v1/campaigns/test-send', COPY],
      ['DELETE', '/v1/campaigns/winter-roasts'],
    ];
    for (const [method, url, payload] of changes) {
      const res = await app.inject({ method: method as 'POST', url, headers: viewer, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code, `${method} ${url}`).toBe('ROLE_FORBIDDEN');
    }
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/preview',
      headers: { cookie: viewer.cookie },
      payload: COPY,
    });
    expect(noCsrf.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it("shows another store none of this store's campaigns", async () => {
    const { app, otherStore } = ctx();
    const list = (await app.inject({ method: 'GET', url: '/v1/campaigns', headers: otherStore.auth })).json();
    expect(list.campaigns).toEqual([]);
    for (const [method, url] of [
      ['GET', '/v1/campaigns/winter-roasts'],
      ['POST', '/v1/campaigns/winter-roasts/cancel'],
      ['POST', '/v1/campaigns/winter-roasts/schedule'],
    ] as const) {
      const res = await app.inject({ method, url, headers: otherStore.auth });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('CAMPAIGN_NOT_FOUND');
    }
    const audiences = (
      await app.inject({ method: 'GET', url: '/v1/campaigns/audiences', headers: otherStore.auth })
    ).json().audiences;
    expect(audiences[0]).toEqual({ segment: null, name: null, builtIn: true, members: 0 });
  });

  it('test-sends the rendered copy to the signed-in staff user over SMTP, and to staff only', async () => {
    const { app } = ctx();
    const before = received.length;
    const res = await app.inject({ method: 'POST', url: '/v1/campaigns/test-send', headers: marketer, payload: COPY });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ to: 'marketer@beans.example', subject: `[Test] ${COPY.subject}` });
    expect(received).toHaveLength(before + 1);
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['marketer@beans.example']);
    const parsed = await PostalMime.parse(mail.raw);
    expect(parsed.subject).toBe(`[Test] ${COPY.subject}`);
    expect(parsed.from?.address).toBe('hello@beans.example');
    expect(parsed.html).toContain('Hello Alice</h3>');
    expect(parsed.text).toContain('Read more: https://beans.example/winter');
    expect(parsed.headers.find((h) => h.key === 'list-unsubscribe')).toBeDefined();

    const toOwner = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/test-send',
      headers: marketer,
      payload: { ...COPY, to: 'OWNER@beans.example' },
    });
    expect(toOwner.statusCode).toBe(200);
    const stranger = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/test-send',
      headers: marketer,
      payload: { ...COPY, to: 'someone@elsewhere.example' },
    });
    expect(stranger.json().error).toMatchObject({
      code: 'TEST_SEND_NOT_STAFF',
      details: { to: 'someone@elsewhere.example' },
    });
    expect(received).toHaveLength(before + 2);
  });
});

describe('a test send without mail settings', () => {
  const ctx = useTestApp('sqlite', { config: loadConfig({}) });
  it('answers SMTP_NOT_CONFIGURED naming what is missing', async () => {
    const { app, store } = ctx();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/campaigns/test-send',
      headers: store.auth,
      payload: { ...COPY, to: 'a@b.example' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'SMTP_NOT_CONFIGURED',
      details: { missing: ['REGULARS_SMTP_URL', 'REGULARS_MAIL_FROM'] },
    });
  });
});
