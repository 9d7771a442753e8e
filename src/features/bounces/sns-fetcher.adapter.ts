import type { SnsFetcher } from './receive-bounce-webhook.service.js';

/** SNS answers in well under a second; a webhook must not hang on it. */
const TIMEOUT_MS = 10_000;
/** A certificate is a few kilobytes; nothing larger is read. */
const MAX_BYTES = 64 * 1024;

/**
 * Fetches over HTTPS what the SES feed needs from SNS: the signing certificate (kept by URL for the
 * process's life, as AWS suggests: SNS rotates certificates under new URLs) and the SubscribeURL.
 * The service has checked each URL is on sns.<region>.amazonaws.com before it gets here; tests
 * pass their own SnsFetcher, so no test reaches the network.
 */
export function httpsSnsFetcher(): SnsFetcher {
  const certificates = new Map<string, string>();
  return {
    async fetchText(url) {
      const cached = certificates.get(url);
      if (cached !== undefined) return cached;
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      const text = await response.text();
      if (text.length > MAX_BYTES) throw new Error(`${url} answered more than ${MAX_BYTES} bytes`);
      if (text.includes('-----BEGIN CERTIFICATE-----')) certificates.set(url, text);
      return text;
    },
  };
}
