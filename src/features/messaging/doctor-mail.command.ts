import { isIP } from 'node:net';
import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import { printJson } from '../../platform/cli/command-output.js';
import type { RecordCheck } from './mail-dns-check.js';

interface DoctorMailFlags {
  domain?: string;
  dnsServer?: string;
  spfInclude?: string;
  json: boolean;
}

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

/**
 * The SPF mechanism that authorises the relay: the provider's include when given, else the relay
 * of REGULARS_SMTP_URL by address (ip4:/ip6:) or by name (a:, which authorises what it resolves to).
 */
function spfMechanism(flags: DoctorMailFlags, smtpUrl: string | null): string {
  if (flags.spfInclude !== undefined) {
    if (!/^[A-Za-z0-9_.-]+\.[A-Za-z]{2,}$/.test(flags.spfInclude))
      throw invalid(
        '--spf-include',
        `--spf-include must be a domain such as _spf.provider.example, not ${flags.spfInclude}`,
      );
    return `include:${flags.spfInclude}`;
  }
  const host = smtpUrl === null ? null : new URL(smtpUrl).hostname.replace(/^\[|\]$/g, '');
  if (host === null || host === 'localhost' || host.startsWith('127.') || host === '::1')
    throw invalid(
      '--spf-include',
      "which servers send the domain's mail? give --spf-include with your provider's SPF domain (e.g. _spf.provider.example), or set REGULARS_SMTP_URL to the relay",
    );
  const family = isIP(host);
  return family === 4 ? `ip4:${host}` : family === 6 ? `ip6:${host}` : `a:${host}`;
}

function printChecks(domain: string, server: string, checks: readonly RecordCheck[]): void {
  process.stdout.write(`sending domain ${domain} (DNS: ${server})\n`);
  for (const check of checks) {
    process.stdout.write(`${check.record.padEnd(6)}${check.status.padEnd(9)}${check.name}: ${check.note}\n`);
    for (const found of check.found) process.stdout.write(`        found:   ${found}\n`);
    if (check.publish !== null)
      process.stdout.write(`        publish: TXT ${check.name}\n                 ${check.publish}\n`);
  }
}

/**
 * `regulars doctor mail`: checks the SPF, DKIM and DMARC records of the sending domain and says
 * the exact TXT records to publish; exit 1 while any is missing, wrong or unknown.
 */
export function registerDoctorCommand(program: Command): void {
  const doctor = program.command('doctor').description('check what Regulars needs from the world outside it');
  doctor
    .command('mail')
    .description(
      "check the sending domain's SPF, DKIM and DMARC records (DNS) and print the exact TXT records to publish",
    )
    .option(
      '--domain <domain>',
      'the sending domain (default: REGULARS_DKIM_DOMAIN, else the domain of REGULARS_MAIL_FROM)',
    )
    .option('--dns-server <host:port>', 'ask this resolver (default: the system resolvers)')
    .option('--spf-include <domain>', "your mail provider's SPF domain (default: the REGULARS_SMTP_URL host)")
    .option('--json', 'print the checks as JSON', false)
    .action(async (flags: DoctorMailFlags) => {
      const [{ loadConfig }, { checkSendingDomain }, { txtLookup }] = await Promise.all([
        import('../../platform/config.js'),
        import('./check-mail-dns.service.js'),
        import('./mail-dns.adapter.js'),
      ]);
      const config = loadConfig();
      const fromDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(config.messaging.mailFrom ?? '')?.[1] ?? null;
      const domain = (flags.domain ?? config.dkim?.domainName ?? fromDomain)?.toLowerCase() ?? null;
      if (domain === null)
        throw invalid('--domain', 'which domain? give --domain shop.example, or set REGULARS_MAIL_FROM');
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))
        throw invalid('--domain', `--domain must be a domain such as shop.example, not ${domain}`);
      let lookup;
      try {
        lookup = txtLookup(flags.dnsServer ?? null);
      } catch (error) {
        throw invalid(
          '--dns-server',
          `--dns-server must be an address with an optional port, such as 1.1.1.1 or 127.0.0.1:5353 (${(error as Error).message})`,
        );
      }
      // A key for another domain signs with its own d=: only the configured domain's key is compared.
      const dkim = config.dkim !== null && config.dkim.domainName === domain ? config.dkim : null;
      const checks = await checkSendingDomain({
        domain,
        dkim,
        spfMechanism: spfMechanism(flags, config.messaging.smtpUrl),
        lookup,
      });
      if (flags.json) printJson({ domain, checks });
      else printChecks(domain, flags.dnsServer ?? 'the system resolvers', checks);
      if (checks.some((check) => check.status !== 'ok')) process.exitCode = 1;
    });
}
