/**
 * bench:console-auth: what signing in and cookie sessions cost, against the real `regulars serve`
 * in its own process, on SQLite and PostgreSQL:
 *   1. POST /login, one at a time (scrypt at its production parameters dominates): p50 and p95;
 *   2. GET /v1/customers/{id} under autocannon's load with an API key, then with the session
 *      cookie (a session is read from the database on every request, never cached, so that signing
 *      out takes effect at once; a key is cached for 2 s).
 */
import { spawnSync } from 'node:child_process';
import { CLI } from './bench-support.js';
import { cli, load, onEachDatabase, row, runHeading, serve } from './http-load.js';

/** The per-address limit (30 in 15 minutes), spread over users: each email allows 10. */
const LOGINS = 30;
const USERS = 3;
const PASSWORD = 'a long enough bench passphrase';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function cookieOf(response: Response, name: string): string {
  const line = response.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie (status ${response.status})`);
  return line.split(';')[0];
}

async function signIn(base: string, email: string): Promise<{ ms: number; cookie: string }> {
  const form = await fetch(`${base}/login`);
  const html = await form.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
  const started = performance.now();
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(form, 'regulars_login') },
    body: new URLSearchParams({ csrf, email, password: PASSWORD, next: '/' }).toString(),
  });
  const ms = performance.now() - started;
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return { ms, cookie: cookieOf(response, 'regulars_session') };
}

await onEachDatabase('bench:console-auth', async (target) => {
  const created = JSON.parse(cli(['stores', 'create', 'Bench Coffee', '--json', ...target.args], target.env)) as {
    id: string;
    apiKey: string;
  };
  const emails = Array.from({ length: USERS }, (_, i) => `owner${i}@bench.example`);
  for (const email of emails) {
    const user = spawnSync(
      process.execPath,
      [CLI, 'users', 'create', '--store', created.id, '--email', email, '--password-stdin', ...target.args],
      { input: PASSWORD, encoding: 'utf8', env: { ...process.env, ...target.env } },
    );
    if (user.status !== 0) throw new Error(user.stderr);
  }
  const server = await serve(target);
  try {
    const auth = { authorization: `Bearer ${created.apiKey}` };
    const customer = await fetch(`${server.base}/v1/customers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ externalId: 'bench-1', email: 'bench-1@example.com' }),
    });
    const customerId = ((await customer.json()) as { id: string }).id;

    const times: number[] = [];
    let cookie = '';
    for (let i = 0; i < LOGINS; i++) {
      const signedIn = await signIn(server.base, emails[i % USERS]);
      times.push(signedIn.ms);
      cookie = signedIn.cookie;
    }
    const path = `/v1/customers/${customerId}`;
    const byKey = await load({ url: `${server.base}${path}`, headers: auth });
    const byCookie = await load({ url: `${server.base}${path}`, headers: { cookie } });
    return [
      runHeading(target),
      `  POST /login (${LOGINS} in a row)        p50 ${percentile(times, 50).toFixed(0)} ms   p95 ${percentile(times, 95).toFixed(0)} ms`,
      row('GET /v1/customers/{id}, API key', byKey),
      row('GET /v1/customers/{id}, session', byCookie),
    ];
  } finally {
    await server.stop();
  }
});
