import { describe, expect, it } from 'vitest';
import { buildMetricsApp } from './metrics.route.js';
import { sampleValue, scrapeMetrics } from '../../../test/support/prometheus-text.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

/** The families docs/operations.md promises, with their types. */
const FAMILIES = {
  regulars_http_requests_total: 'counter',
  regulars_http_request_duration_seconds: 'histogram',
  regulars_db_pool_connections: 'gauge',
  regulars_db_errors_total: 'counter',
  regulars_outbox_messages: 'gauge',
  regulars_delivery_messages_total: 'counter',
  regulars_job_runs_total: 'counter',
  regulars_job_duration_seconds: 'histogram',
  regulars_job_lag_seconds: 'gauge',
  regulars_job_last_success_timestamp_seconds: 'gauge',
  regulars_webhooks_total: 'counter',
  process_cpu_user_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
  nodejs_eventloop_lag_seconds: 'gauge',
} as const;

describe.each(dialects)('GET /metrics on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('lists every family, in the text format, with the HTTP counters moved by route pattern and status', async () => {
    const { app, store } = ctx();
    const before = await scrapeMetrics();
    const count = (families: typeof before, route: string, status: string, method = 'GET') =>
      sampleValue(families, 'regulars_http_requests_total', { method, route, status });
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/v1/customers/secret-customer-42', headers: store.auth });
    await app.inject({ method: 'GET', url: '/no/such/page-7' });
    const after = await scrapeMetrics();

    for (const [name, type] of Object.entries(FAMILIES)) expect(after.get(name)?.type, name).toBe(type);
    expect(count(after, '/healthz', '200') - count(before, '/healthz', '200')).toBe(2);
    expect(count(after, '/v1/customers/:id', '404') - count(before, '/v1/customers/:id', '404')).toBe(1);
    expect(count(after, 'unmatched', '404') - count(before, 'unmatched', '404')).toBe(1);
    const seconds = (families: typeof before) =>
      sampleValue(families, 'regulars_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/healthz',
        status: '200',
      });
    expect(seconds(after) - seconds(before)).toBe(2);
    // Route patterns, never URLs: an id or a probed path would make a series per request.
    const labels = JSON.stringify([...after.values()].flatMap((f) => f.samples.map((s) => s.labels)));
    expect(labels).not.toContain('secret-customer-42');
    expect(labels).not.toContain('page-7');
  });

  // SQLite has no pool. Its absence is not asserted here: the gauge sums every pool open in the
  // process, and test files share their worker's process with other files' PostgreSQL databases.
  it.skipIf(dialect === 'sqlite')('reports the PostgreSQL pool by state', async () => {
    const { app } = ctx();
    await app.inject({ method: 'GET', url: '/healthz' });
    const families = await scrapeMetrics();
    const states = families.get('regulars_db_pool_connections')!.samples.map((s) => s.labels.state);
    expect(states.sort()).toEqual(['idle', 'in_use', 'waiting']);
    expect(sampleValue(families, 'regulars_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
    expect(sampleValue(families, 'regulars_db_pool_connections', { state: 'waiting' })).toBe(0);
  });

  it('is not served on the API port, which faces the internet', async () => {
    const { app } = ctx();
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
  });

  it('answers 503 with the reason when a scrape fails (a cluster worker that does not answer)', async () => {
    const metrics = buildMetricsApp({ scrape: () => Promise.reject(new Error('Operation timed out.')) });
    const response = await metrics.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('Operation timed out.');
    await metrics.close();
  });
});
