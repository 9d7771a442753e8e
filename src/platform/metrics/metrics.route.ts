import Fastify, { type FastifyInstance } from 'fastify';
import { metricsRegistry } from './metrics.js';

export interface MetricsAppOptions {
  /** The text of a scrape: this process's registry by default, the cluster's sum in a primary (cluster-metrics.ts). */
  readonly scrape?: () => Promise<string>;
}

/**
 * GET /metrics in Prometheus's text format, on its own Fastify instance: `serve --metrics-port`
 * listens with it on its own port (127.0.0.1 unless told otherwise), so the metrics never share the
 * API's port, which faces the internet (docs/operations.md). Tests inject() into it.
 */
export function buildMetricsApp(options: MetricsAppOptions = {}): FastifyInstance {
  const scrape = options.scrape ?? (() => metricsRegistry.metrics());
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => {
    let text: string;
    try {
      text = await scrape();
    } catch (error) {
      // A cluster worker that does not answer: a failed scrape is what Prometheus records as up == 0.
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`metrics unavailable: ${(error as Error).message}\n`);
    }
    return reply.type(metricsRegistry.contentType).send(text);
  });
  return app;
}

export interface MetricsServer {
  /** http://HOST:PORT/metrics */
  readonly url: string;
  close(): Promise<void>;
}

/** Listens with buildMetricsApp on its own port, and prints where (a script or test reads the port from it). */
export async function startMetricsServer(
  listen: { readonly port: number; readonly host: string },
  options: MetricsAppOptions = {},
): Promise<MetricsServer> {
  const app = buildMetricsApp(options);
  const address = await app.listen(listen);
  const url = `${address}/metrics`;
  process.stdout.write(`regulars metrics on ${url}\n`);
  return { url, close: () => app.close() };
}
