import { createSocket } from 'node:dgram';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dkimPublicKey } from './check-mail-dns.service.js';
import { type DnsResponder, dnsResponder, txtStrings } from './dns-responder.fixtures.js';
import { runCli } from '../../../test/support/run-cli.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const publicKey = dkimPublicKey(pem);
const otherKey = dkimPublicKey(
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);

const env = {
  REGULARS_MAIL_FROM: 'Sunny Beans <hello@sunnybeans.example>',
  REGULARS_SMTP_URL: 'smtp://relay.sunnybeans.example:587',
  REGULARS_DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n'),
  REGULARS_DKIM_SELECTOR: 'regulars1',
};

describe('regulars doctor mail', () => {
  let dns: DnsResponder | null = null;
  afterEach(async () => {
    await dns?.close();
    dns = null;
  });

  it('says exactly what to publish for each missing record (exit 1)', async () => {
    dns = await dnsResponder({});
    const run = await runCli(['doctor', 'mail', '--dns-server', dns.server, '--json'], { env });
    expect(run.status, run.stderr).toBe(1);
    const { domain, checks } = JSON.parse(run.stdout) as { domain: string; checks: Record<string, unknown>[] };
    expect(domain).toBe('sunnybeans.example');
    expect(checks).toEqual([
      expect.objectContaining({
        record: 'SPF',
        status: 'missing',
        name: 'sunnybeans.example',
        publish: 'v=spf1 a:relay.sunnybeans.example ~all',
      }),
      expect.objectContaining({
        record: 'DKIM',
        status: 'missing',
        name: 'regulars1._domainkey.sunnybeans.example',
        publish: `v=DKIM1; k=rsa; p=${publicKey}`,
      }),
      expect.objectContaining({
        record: 'DMARC',
        status: 'missing',
        name: '_dmarc.sunnybeans.example',
        publish: 'v=DMARC1; p=none; adkim=r; aspf=r',
      }),
    ]);
  });

  it('passes once the records it asked for are published, the DKIM key split over TXT strings (exit 0)', async () => {
    dns = await dnsResponder({
      'sunnybeans.example': [['v=spf1 a:relay.sunnybeans.example ~all'], ['google-site-verification=abc']],
      'regulars1._domainkey.sunnybeans.example': [txtStrings(`v=DKIM1; k=rsa; p=${publicKey}`)],
      '_dmarc.sunnybeans.example': [['v=DMARC1; p=quarantine; rua=mailto:dmarc@sunnybeans.example']],
    });
    const run = await runCli(['doctor', 'mail', '--dns-server', dns.server], { env });
    expect(run.stdout).toMatch(/^SPF {3}ok/m);
    expect(run.stdout).toMatch(/^DKIM {2}ok .*the published key is the configured key/m);
    expect(run.stdout).toMatch(/^DMARC ok/m);
    expect(run.stdout).not.toMatch(/publish:/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('shows a record that is wrong and the one to publish instead: SPF without the relay, another DKIM key, DMARC without a policy', async () => {
    dns = await dnsResponder({
      'sunnybeans.example': [['v=spf1 include:_spf.google.com -all']],
      'regulars1._domainkey.sunnybeans.example': [txtStrings(`v=DKIM1; k=rsa; p=${otherKey}`)],
      '_dmarc.sunnybeans.example': [['v=DMARC1; rua=mailto:d@sunnybeans.example']],
    });
    const run = await runCli(
      ['doctor', 'mail', '--dns-server', dns.server, '--spf-include', 'spf.mailer.example', '--json'],
      { env },
    );
    expect(run.status).toBe(1);
    const { checks } = JSON.parse(run.stdout) as {
      checks: { record: string; status: string; publish: string; note: string }[];
    };
    expect(checks.map((c) => [c.record, c.status, c.publish])).toEqual([
      ['SPF', 'wrong', 'v=spf1 include:_spf.google.com include:spf.mailer.example -all'],
      ['DKIM', 'wrong', `v=DKIM1; k=rsa; p=${publicKey}`],
      ['DMARC', 'wrong', 'v=DMARC1; p=none; adkim=r; aspf=r'],
    ]);
    expect(checks[1]!.note).toMatch(/not the configured key/);
  });

  it('when DNS does not answer, says so and still prints what to publish', async () => {
    // A port that was just free: nothing answers there.
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const run = await runCli(['doctor', 'mail', '--dns-server', `127.0.0.1:${port}`], { env });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^SPF {3}unknown .*DNS did not answer/m);
    expect(run.stdout).toContain('publish: TXT regulars1._domainkey.sunnybeans.example');
    expect(run.stdout).toContain(`v=DKIM1; k=rsa; p=${publicKey}`);
    expect(run.stdout).toContain('v=DMARC1; p=none; adkim=r; aspf=r');
  });

  it('without a DKIM key says how to make one; refuses a bad resolver address and a missing domain', async () => {
    dns = await dnsResponder({});
    const noKey = await runCli(
      ['doctor', 'mail', '--dns-server', dns.server, '--domain', 'shop.example', '--spf-include', 'spf.mailer.example'],
      {
        env: { REGULARS_DKIM_PRIVATE_KEY: undefined, REGULARS_DKIM_SELECTOR: undefined, REGULARS_MAIL_FROM: undefined },
      },
    );
    expect(noKey.stdout).toMatch(/^DKIM {2}unknown .*no DKIM key configured: make one \(openssl genrsa/m);
    const badServer = await runCli(['doctor', 'mail', '--dns-server', 'not a server'], { env });
    expect(badServer.status).toBe(2);
    expect(badServer.stderr).toMatch(/INVALID_ARGUMENT: --dns-server/);
    const noDomain = await runCli(['doctor', 'mail'], {
      env: { REGULARS_DKIM_PRIVATE_KEY: undefined, REGULARS_DKIM_SELECTOR: undefined, REGULARS_MAIL_FROM: undefined },
    });
    expect(noDomain.status).toBe(2);
    expect(noDomain.stderr).toMatch(/which domain\?/);
  });
});
