import { promises as dns } from 'node:dns';
import type { TxtLookup } from './mail-dns-check.js';

/**
 * TXT lookups with node:dns, at the system's resolvers or at `server` (host:port). An empty answer
 * or a name that does not exist is "none"; a resolver that does not answer (refused, timed out,
 * SERVFAIL) is "unreachable", which the doctor reports as unknown rather than missing.
 */
export function txtLookup(server: string | null, timeoutMs = 3_000): (name: string) => Promise<TxtLookup> {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  if (server !== null) resolver.setServers([server]);
  return async (name) => {
    try {
      const answers = await resolver.resolveTxt(name);
      // A TXT record is a list of strings of at most 255 bytes each: the value is their concatenation (RFC 7208 §3.3).
      return { status: 'found', records: answers.map((strings) => strings.join('')) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === dns.NOTFOUND || code === dns.NODATA) return { status: 'none' };
      return {
        status: 'unreachable',
        reason: `${code || (error as Error).message} from ${server ?? 'the system resolver'}`,
      };
    }
  };
}
