import { performance } from 'node:perf_hooks';

export interface WebhookPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WebhookPostResult {
  /** The receiver's status, or null when none came. */
  readonly statusCode: number | null;
  readonly durationMs: number;
  /** Why it failed (a non-2xx status, a refused connection, the timeout), or null when delivered. */
  readonly error: string | null;
}

/** The port the delivery job sends through; tests may pass one that records, production this one. */
export interface WebhookPoster {
  post(request: WebhookPost): Promise<WebhookPostResult>;
}

/**
 * POSTs with a timeout (the spec's "Request timeouts" recommends 15 to 30 s). Redirects are not
 * followed (spec "Delivery success and failure": a 3xx is a failure; the store owner updates the
 * URL). Never throws: every outcome is a result the job logs.
 */
export function createWebhookPoster(timeoutMs = 15_000): WebhookPoster {
  return {
    async post({ url, headers, body }) {
      const started = performance.now();
      const took = () => Math.round(performance.now() - started);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'user-agent': 'Regulars-Webhooks/1', ...headers },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        // The answer is read (and dropped) so the connection can be reused.
        await response.arrayBuffer().catch(() => undefined);
        const ok = response.status >= 200 && response.status <= 299;
        return { statusCode: response.status, durationMs: took(), error: ok ? null : `answered ${response.status}` };
      } catch (error) {
        const cause = error as Error & { cause?: { code?: string } };
        const reason =
          cause.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause.cause?.code ?? cause.message);
        return { statusCode: null, durationMs: took(), error: reason };
      }
    },
  };
}
