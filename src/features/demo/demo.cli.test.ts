import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/database/database.js';
import { BIN, realBinaryInRun, runCli } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a second run must leave as it is: row counts and the latest change of the tables the demo writes. */
async function snapshot(file: string): Promise<Record<string, unknown>> {
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    const out: Record<string, unknown> = {};
    for (const table of ['stores', 'api_keys', 'orders', 'customers', 'consent_records', 'suppressions', 'flows', 'store_settings'] as const)
      out[table] = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    out.customersUpdated = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .executeTakeFirst();
    return out;
  } finally {
    await db.destroy();
  }
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('regulars demo --no-serve', () => {
  it('makes a store whose history ends on the given day, and a second run changes nothing', async () => {
    const out = join(dir, 'once');
    const args = ['demo', '--out', out, '--customers', '150', '--today', '2026-03-15', '--no-serve'];
    const first = await runCli(args);
    expect(first.stderr).not.toContain('unexpected error');
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/the store is running: names and time zones for 150 customers/);
    expect(first.stderr).toMatch(/API key, shown once: rk_live_/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.source.asOf).toBe('2026-03-15');
    expect(report.source.firstOrderDate >= '2024-03-16').toBe(true);
    expect(report.source.lastOrderDate <= '2026-03-15').toBe(true);
    expect(report.source.lastOrderDate >= '2026-02-15').toBe(true);

    const db = join(out, 'regulars.db');
    const before = await snapshot(db);
    const csv = hash(join(out, 'orders.csv'));
    const second = await runCli(args);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('reusing the demo store');
    expect(second.stderr).not.toContain('shown once');
    expect(await snapshot(db)).toEqual(before);
    expect(hash(join(out, 'orders.csv'))).toBe(csv);
  });
});

/** Starts `regulars demo` serving, as a person does; resolves with its address once it is up. */
function startDemo(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const up = new Promise<{ url: string; apiKey: string; storeId: string }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /is open at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1];
      const apiKey = /rk_live_[\w-]+/.exec(stdout)?.[0];
      const storeId = /\((sto_\w+)\)/.exec(stdout)?.[1];
      if (url && apiKey && storeId) resolve({ url, apiKey, storeId });
    });
    void exited.then((code) => reject(new Error(`regulars demo exited (${code}) before serving:\n${stderr}`)));
  });
  return { child, up, exited, output: () => ({ stdout, stderr }) };
}

describe.skipIf(!realBinaryInRun)('regulars demo, serving', () => {
  it('serves the store, sends a flow message through the worker to its mail catcher, and stops on Ctrl-C', { timeout: 180_000 }, async () => {
    const out = join(dir, 'served');
    const demo = startDemo(['demo', '--out', out, '--customers', '120', '--port', '0']);
    try {
      const { url, apiKey, storeId } = await demo.up;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const auth = { authorization: `Bearer ${apiKey}` };

      // The post-purchase follow-up (on in the demo) is marketing, 5 days after the order by default:
      // here it goes at once, to a customer who consented, with no quiet hours and no holdout draw,
      // so the one message this test waits for is certain to be sent.
      const json = { ...auth, 'content-type': 'application/json' };
      const put = (path: string, body: unknown) =>
        fetch(`${url}${path}`, { method: 'PUT', headers: json, body: JSON.stringify(body) });
      expect((await put('/v1/settings/delivery', { quietHours: null, holdoutShare: 0 })).status).toBe(200);
      expect((await put('/v1/flows/post-purchase/settings', { settings: { delayMinutes: 0 } })).status).toBe(200);
      const consent = await fetch(`${url}/v1/customers`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          externalId: 'cus_000001',
          email: 'c000001@example.com',
          consent: [{ channel: 'email', purpose: 'marketing', status: 'granted', source: 'test' }],
        }),
      });
      expect(consent.status).toBeLessThan(300);
      const order = await fetch(`${url}/v1/orders`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          externalId: 'live-1',
          customer: { externalId: 'cus_000001', email: 'c000001@example.com' },
          orderedAt: new Date().toISOString(),
          currency: 'USD',
          totalMinor: 1150,
          lines: [{ sku: 'BN-HOUSE-250', title: 'House Blend Whole Bean 250g', quantity: 1, priceMinor: 1150 }],
        }),
      });
      expect(order.status).toBe(201);
      // Plans now rather than at the server's next minute (whichever comes first plans it, once);
      // the demo's own worker delivers it.
      const plan = await runCli(['flows', 'run', '--store', storeId, '--db', join(out, 'regulars.db'), '--flow', 'post-purchase']);
      expect(plan.status).toBe(0);

      // The other flows may have mail of their own for the store's customers: the follow-up is the one for live-1.
      let caught: { id: string; to: string[]; subject: string }[] = [];
      for (let i = 0; i < 150 && caught.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const listed = (await (await fetch(`${url}/v1/demo/mail`, { headers: auth })).json()) as { mail: typeof caught };
        caught = listed.mail.filter((m) => m.subject.includes('live-1'));
      }
      expect(caught).toHaveLength(1);
      expect(caught[0]).toMatchObject({ to: ['c000001@example.com'] });
      const raw = await fetch(`${url}/v1/demo/mail/${caught[0].id}`, { headers: auth });
      expect(raw.headers.get('content-type')).toContain('message/rfc822');
      const text = await raw.text();
      expect(text).toMatch(/^Subject: /m);
      expect(readFileSync(join(out, 'mail', `${caught[0].id}.eml`), 'utf8')).toBe(text);
      expect((await fetch(`${url}/v1/demo/mail/mail_999999`, { headers: auth })).status).toBe(404);
      expect((await fetch(`${url}/v1/demo/mail`)).status).toBe(401);

      // The owner's login it printed opens the console, whose session reads the same mail.
      const login = /console: \S+\/login as (\S+), password (\S+)/.exec(demo.output().stdout);
      expect(login).not.toBeNull();
      const form = await fetch(`${url}/login`);
      const formCookie = (form.headers.get('set-cookie') ?? '').split(';')[0];
      const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const signIn = await fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
        body: new URLSearchParams({ email: login![1], password: login![2], csrf, next: '/' }).toString(),
      });
      expect(signIn.status).toBe(303);
      const session = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0];
      const bySession = await fetch(`${url}/v1/demo/mail`, { headers: { cookie: session } });
      expect(bySession.status).toBe(200);

      // A campaign's test send from the console lands in the same catcher, to the signed-in owner.
      const { csrfToken } = (await (await fetch(`${url}/v1/console/session`, { headers: { cookie: session } })).json()) as {
        csrfToken: string;
      };
      const testSend = await fetch(`${url}/v1/campaigns/test-send`, {
        method: 'POST',
        headers: { cookie: session, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'Autumn beans', body: 'Our **autumn** roast is here.' }),
      });
      expect(testSend.status, await testSend.clone().text()).toBe(200);
      const after = (await (await fetch(`${url}/v1/demo/mail`, { headers: auth })).json()) as { mail: typeof caught };
      expect(after.mail.some((m) => m.subject === '[Test] Autumn beans' && m.to.includes(login![1]))).toBe(true);
    } finally {
      demo.child.kill('SIGINT');
    }
    expect(await demo.exited).toBe(0);
    expect(demo.output().stdout).toContain('regulars stopped');
  });
});
