import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { type Family, parsePrometheusText, sampleValue } from '../../../test/support/prometheus-text.js';
import { createTestDatabase, dialects } from '../../../test/support/test-database.js';

const BIN = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'dist',
  'src',
  'platform',
  'cli',
  'main.js',
);

/** Starts `regulars serve --port 0` and resolves with its address once it prints the listening line. */
function startServer(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'warn', ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let out = '';
    // Generous, so that a busy machine is slow rather than failing; a server that never starts is stopped.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 120_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1], output: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** Scrapes the metrics port the server printed, and parses what it answers. */
async function scrape(output: string): Promise<Map<string, Family>> {
  const url = /metrics on (http:\/\/\S+)/.exec(output)?.[1];
  if (url === undefined) throw new Error(`no metrics line in:\n${output}`);
  expect(new URL(url).hostname).toBe('127.0.0.1');
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

describe.each(dialects)('regulars serve end to end on %s', (dialect) => {
  it('starts on a real port, takes orders over HTTP and returns the customer', async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    await database.db.destroy();
    const { args: atDatabase, env } = dbArgs(database.target);
    try {
      const created = await runCli(['stores', 'create', 'E2E Coffee', '--json', ...atDatabase], { env });
      expect(created.status, created.stderr).toBe(0);
      const { id: storeId, apiKey } = JSON.parse(created.stdout) as { id: string; apiKey: string };

      const { child, base, output } = await startServer([...atDatabase, '--metrics-port', '0'], env);
      try {
        const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        let customerId = '';
        for (const [i, day] of ['2024-01-10', '2024-02-12', '2024-03-15'].entries()) {
          const response = await fetch(`${base}/v1/orders`, {
            method: 'POST',
            headers,
            body: `{"externalId": 820982911946154${500 + i}, "customer": {"externalId": "e2e-1", "email": "dana@example.com"}, "orderedAt": "${day}T12:00:00+01:00", "currency": "EUR", "totalMinor": 2500}`,
          });
          expect(response.status, await response.clone().text()).toBe(201);
          const body = (await response.json()) as { externalId: string; customerId: string };
          expect(body.externalId).toBe(`820982911946154${500 + i}`);
          customerId = body.customerId;
        }
        const view = await fetch(`${base}/v1/customers/${customerId}`, { headers });
        expect(view.status).toBe(200);
        const customer = (await view.json()) as { orders: { count: number; totalSpentMinor: number } };
        expect(customer.orders).toMatchObject({ count: 3, totalSpentMinor: 7500 });
        expect((await fetch(`${base}/v1/customers/${customerId}`)).status).toBe(401);
        const metrics = await scrape(output());
        expect(
          sampleValue(metrics, 'regulars_http_requests_total', { method: 'POST', route: '/v1/orders', status: '201' }),
        ).toBe(3);
        expect(storeId).toMatch(/^sto_/);
      } finally {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(output()).toContain('regulars stopped');
      }
    } finally {
      await database.destroy().catch(() => {});
    }
  });

  it('runs several worker processes on one port with --workers, and stops them all on TERM', async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    await database.db.destroy();
    const { args: atDatabase, env } = dbArgs(database.target);
    try {
      const created = await runCli(['stores', 'create', 'Workers Coffee', '--json', ...atDatabase], { env });
      expect(created.status, created.stderr).toBe(0);
      const { apiKey } = JSON.parse(created.stdout) as { apiKey: string };
      const { child, base, output } = await startServer([...atDatabase, '--workers', '2', '--metrics-port', '0'], env);
      const workers = () =>
        execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .filter(Boolean);
      try {
        expect(output()).toMatch(/2 workers/);
        expect(workers()).toHaveLength(2);
        const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
        // Many connections at once, so both workers take some: every order lands once.
        const responses = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            fetch(`${base}/v1/orders`, {
              method: 'POST',
              headers: { ...headers, connection: 'close' },
              body: JSON.stringify({
                externalId: `w-${i}`,
                customer: { externalId: 'w-1' },
                orderedAt: '2024-01-10T12:00:00+01:00',
                currency: 'EUR',
                totalMinor: 100,
              }),
            }),
          ),
        );
        expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
        const { customerId } = (await responses[0].json()) as { customerId: string };
        const view = (await (await fetch(`${base}/v1/customers/${customerId}`, { headers })).json()) as {
          orders: { count: number };
        };
        expect(view.orders.count).toBe(40);

        // The primary's metrics port sums the workers' registries: the 40 orders, whichever worker took each.
        const metrics = await scrape(output());
        expect(
          sampleValue(metrics, 'regulars_http_requests_total', { method: 'POST', route: '/v1/orders', status: '201' }),
        ).toBe(40);
        expect(
          sampleValue(metrics, 'regulars_http_request_duration_seconds_count', {
            method: 'POST',
            route: '/v1/orders',
            status: '201',
          }),
        ).toBe(40);
        expect(
          sampleValue(metrics, 'regulars_http_requests_total', {
            method: 'GET',
            route: '/v1/customers/:id',
            status: '200',
          }),
        ).toBe(1);
        expect(metrics.get('regulars_outbox_messages')?.samples.map((sample) => sample.value)).toEqual([0, 0, 0]);
        if (dialect === 'postgres')
          expect(sampleValue(metrics, 'regulars_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
        expect((await fetch(`${base}/metrics`)).status).toBe(404);
      } finally {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(output()).toContain('regulars stopped');
        expect(() => workers()).toThrow();
      }
    } finally {
      await database.destroy().catch(() => {});
    }
  });

  // A request in flight when TERM arrives: its body is half sent, so the server is surely still
  // reading it; the rest follows after the signal, and the answer must still come, complete.
  for (const workers of [[], ['--workers', '2']]) {
    it(`finishes a request in flight on TERM (${workers.length === 0 ? 'one process' : '--workers 2'}, --no-jobs)`, async () => {
      const database = await createTestDatabase(dialect, { migrate: false });
      await database.db.destroy();
      const { args: atDatabase, env } = dbArgs(database.target);
      try {
        const created = await runCli(['stores', 'create', 'Drain Coffee', '--json', ...atDatabase], { env });
        expect(created.status, created.stderr).toBe(0);
        const { apiKey } = JSON.parse(created.stdout) as { apiKey: string };
        const { child, base, output } = await startServer([...atDatabase, '--no-jobs', ...workers], env);
        expect(output()).toContain('API only: no background jobs');
        const body = JSON.stringify({
          externalId: 'in-flight-1',
          customer: { externalId: 'drain-1' },
          orderedAt: '2024-01-10T12:00:00+01:00',
          currency: 'EUR',
          totalMinor: 100,
        });
        const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(`${base}/v1/orders`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${apiKey}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          });
          req.on('response', (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          });
          req.on('error', reject);
          req.write(body.slice(0, 20));
          void sleep(500).then(() => {
            child.kill('SIGTERM');
            return sleep(500).then(() => req.end(body.slice(20)));
          });
        });
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        const response = await answered;
        expect(response.status, response.body).toBe(201);
        expect(JSON.parse(response.body)).toMatchObject({ externalId: 'in-flight-1' });
        expect(await exited).toBe(0);
        expect(output()).toContain('regulars stopped');
        // Stopped accepting: nothing listens on the port any more.
        await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      } finally {
        await database.destroy().catch(() => {});
      }
    });
  }
});
