import { createPublicKey } from 'node:crypto';
import type { DkimConfig } from '../../platform/config.js';
import { checkMailDns, type RecordCheck, type TxtLookup } from './mail-dns-check.js';

export interface SendingDomainInput {
  readonly domain: string;
  readonly dkim: DkimConfig | null;
  readonly spfMechanism: string;
  readonly lookup: (name: string) => Promise<TxtLookup>;
}

/** The base64 DER SubjectPublicKeyInfo of a PEM private key: the p= of its DKIM key record. */
export function dkimPublicKey(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Looks up the three TXT records of the sending domain at once and checks them (mail-dns-check.ts). */
export async function checkSendingDomain(input: SendingDomainInput): Promise<RecordCheck[]> {
  const dkim =
    input.dkim === null ? null : { selector: input.dkim.keySelector, publicKey: dkimPublicKey(input.dkim.privateKey) };
  const none: TxtLookup = { status: 'none' };
  const [spf, dkimRecord, dmarc] = await Promise.all([
    input.lookup(input.domain),
    dkim === null ? Promise.resolve(none) : input.lookup(`${dkim.selector}._domainkey.${input.domain}`),
    input.lookup(`_dmarc.${input.domain}`),
  ]);
  return checkMailDns({ domain: input.domain, dkim, spfMechanism: input.spfMechanism, spf, dkimRecord, dmarc });
}
