/**
 * What `regulars doctor mail` decides from the sending domain's TXT records: for SPF (RFC 7208),
 * DKIM (RFC 6376 §3.6.1) and DMARC (RFC 7489 §6.1), whether the published record is right, and the
 * exact record to publish when it is missing or wrong. Pure: the lookups arrive as values.
 */

/** One TXT lookup: the records (each a TXT's strings joined), none published, or no answer at all. */
export type TxtLookup =
  | { readonly status: 'found'; readonly records: readonly string[] }
  | { readonly status: 'none' }
  | { readonly status: 'unreachable'; readonly reason: string };

export interface MailDnsInput {
  readonly domain: string;
  /** The DKIM selector and the public key (base64 of the DER SubjectPublicKeyInfo), or null without a key. */
  readonly dkim: { readonly selector: string; readonly publicKey: string } | null;
  /**
   * The SPF mechanism that authorises the SMTP relay: `include:_spf.provider.example` for a
   * provider, `a:smtp.shop.example` for a relay of one's own.
   */
  readonly spfMechanism: string;
  readonly spf: TxtLookup;
  readonly dkimRecord: TxtLookup;
  readonly dmarc: TxtLookup;
}

export type RecordStatus = 'ok' | 'missing' | 'wrong' | 'unknown';

export interface RecordCheck {
  readonly record: 'SPF' | 'DKIM' | 'DMARC';
  readonly status: RecordStatus;
  /** The TXT name checked (shop.example, s1._domainkey.shop.example, _dmarc.shop.example). */
  readonly name: string;
  readonly found: readonly string[];
  /** The TXT record to publish at `name` when status is not ok (null when there is nothing to publish yet). */
  readonly publish: string | null;
  readonly note: string;
}

export function checkMailDns(input: MailDnsInput): RecordCheck[] {
  return [checkSpf(input), checkDkim(input), checkDmarc(input)];
}

/** The DKIM key record for a public key: RFC 6376 §3.6.1 tags, RSA. */
export function dkimRecordFor(publicKey: string): string {
  return `v=DKIM1; k=rsa; p=${publicKey}`;
}

function unreachable(lookup: TxtLookup): string | null {
  return lookup.status === 'unreachable'
    ? `DNS did not answer (${lookup.reason}); publish this if it is not there yet`
    : null;
}

function records(lookup: TxtLookup, prefix: RegExp): string[] {
  return lookup.status === 'found' ? lookup.records.filter((r) => prefix.test(r.trim())) : [];
}

function checkSpf(input: MailDnsInput): RecordCheck {
  const name = input.domain;
  const wanted = `v=spf1 ${input.spfMechanism} ~all`;
  const found = records(input.spf, /^v=spf1(\s|$)/i);
  const down = unreachable(input.spf);
  if (down !== null) return { record: 'SPF', status: 'unknown', name, found, publish: wanted, note: down };
  if (found.length === 0)
    return {
      record: 'SPF',
      status: 'missing',
      name,
      found,
      publish: wanted,
      note: 'no SPF record: receivers cannot tell the relay may send for the domain',
    };
  if (found.length > 1)
    return {
      record: 'SPF',
      status: 'wrong',
      name,
      found,
      publish: mergeSpf(found[0]!, input.spfMechanism),
      note: 'more than one SPF record is a permanent error (RFC 7208 §4.5): keep one, this one',
    };
  const terms = found[0]!
    .trim()
    .split(/\s+/)
    .map((t) => t.toLowerCase());
  if (terms.includes(input.spfMechanism.toLowerCase()))
    return { record: 'SPF', status: 'ok', name, found, publish: null, note: `authorises ${input.spfMechanism}` };
  return {
    record: 'SPF',
    status: 'wrong',
    name,
    found,
    publish: mergeSpf(found[0]!, input.spfMechanism),
    note: `the SPF record does not name ${input.spfMechanism}: replace it with this one`,
  };
}

/** The existing SPF record with the mechanism added before its `all` (or redirect) term. */
function mergeSpf(existing: string, mechanism: string): string {
  const terms = existing.trim().split(/\s+/);
  const tail = terms.findIndex((t, i) => i > 0 && /^([-~?+]?all|redirect=)/i.test(t));
  if (tail < 0) return [...terms, mechanism, '~all'].join(' ');
  return [...terms.slice(0, tail), mechanism, ...terms.slice(tail)].join(' ');
}

function checkDkim(input: MailDnsInput): RecordCheck {
  if (input.dkim === null)
    return {
      record: 'DKIM',
      status: 'unknown',
      name: `SELECTOR._domainkey.${input.domain}`,
      found: [],
      publish: null,
      note: 'no DKIM key configured: make one (openssl genrsa -out dkim.pem 2048), set REGULARS_DKIM_PRIVATE_KEY_FILE and REGULARS_DKIM_SELECTOR, and run this again for the record to publish',
    };
  const name = `${input.dkim.selector}._domainkey.${input.domain}`;
  const wanted = dkimRecordFor(input.dkim.publicKey);
  const found = records(input.dkimRecord, /(^|;)\s*p=/i);
  const down = unreachable(input.dkimRecord);
  if (down !== null) return { record: 'DKIM', status: 'unknown', name, found, publish: wanted, note: down };
  if (found.length === 0)
    return {
      record: 'DKIM',
      status: 'missing',
      name,
      found,
      publish: wanted,
      note: 'no key record: receivers cannot verify the signature',
    };
  const keys = found.map((r) => /(?:^|;)\s*p=([^;]*)/i.exec(r)?.[1]?.replace(/\s+/g, '') ?? '');
  if (found.length === 1 && keys[0] === input.dkim.publicKey)
    return {
      record: 'DKIM',
      status: 'ok',
      name,
      found,
      publish: null,
      note: 'the published key is the configured key',
    };
  return {
    record: 'DKIM',
    status: 'wrong',
    name,
    found,
    publish: wanted,
    note:
      keys[0] === ''
        ? 'the published key is revoked (empty p=)'
        : found.length > 1
          ? 'more than one key record at the selector'
          : 'the published key is not the configured key: signatures will fail',
  };
}

function checkDmarc(input: MailDnsInput): RecordCheck {
  const name = `_dmarc.${input.domain}`;
  // p=none first: reports show what fails before anything is rejected (RFC 7489 §6.7).
  const wanted = 'v=DMARC1; p=none; adkim=r; aspf=r';
  const found = records(input.dmarc, /^v=DMARC1\s*(;|$)/i);
  const down = unreachable(input.dmarc);
  if (down !== null) return { record: 'DMARC', status: 'unknown', name, found, publish: wanted, note: down };
  if (found.length === 0)
    return {
      record: 'DMARC',
      status: 'missing',
      name,
      found,
      publish: wanted,
      note: 'no DMARC policy: Gmail and Yahoo require one of bulk senders',
    };
  if (found.length > 1)
    return {
      record: 'DMARC',
      status: 'wrong',
      name,
      found,
      publish: found[0]!,
      note: 'more than one DMARC record: receivers ignore them all (RFC 7489 §6.6.3); keep one',
    };
  if (!/(^|;)\s*p=(none|quarantine|reject)\s*(;|$)/i.test(found[0]!))
    return {
      record: 'DMARC',
      status: 'wrong',
      name,
      found,
      publish: wanted,
      note: 'the DMARC record has no valid p= policy',
    };
  return { record: 'DMARC', status: 'ok', name, found, publish: null, note: 'a DMARC policy is published' };
}
