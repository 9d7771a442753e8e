import { createHash, createVerify, type KeyObject } from 'node:crypto';

/**
 * An independent DKIM verifier for tests, written from RFC 6376 (not nodemailer's signer):
 * relaxed/relaxed canonicalisation (§3.4.2 headers, §3.4.4 body), the body hash (bh=) and the
 * rsa-sha256 signature (b=) over the signed headers then the DKIM-Signature itself with b= empty
 * (§3.7). Returns why it fails, or null when the signature verifies.
 */
export function dkimFailure(raw: Buffer, publicKey: KeyObject): string | null {
  const text = raw.toString('binary');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return 'no header/body separator';
  const headers = splitHeaders(text.slice(0, split + 2));
  const body = text.slice(split + 4);
  const signature = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
  if (signature === undefined) return 'no DKIM-Signature header';
  const tags = parseTags(signature.value);
  if (tags.a !== 'rsa-sha256') return `algorithm ${tags.a}`;
  if ((tags.c ?? 'simple/simple') !== 'relaxed/relaxed')
    return `canonicalisation ${tags.c} (this verifier does relaxed/relaxed)`;
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'binary').digest('base64');
  if (bodyHash !== tags.bh?.replace(/\s+/g, '')) return 'body hash mismatch';

  // §5.4.2: each name in h= takes the last not yet used instance of that header, bottom up.
  const used = new Set<number>();
  let signed = '';
  for (const name of (tags.h ?? '').split(':').map((n) => n.trim().toLowerCase())) {
    for (let i = headers.length - 1; i >= 0; i--) {
      if (!used.has(i) && headers[i]!.name.toLowerCase() === name) {
        used.add(i);
        signed += relaxedHeader(headers[i]!.name, headers[i]!.value) + '\r\n';
        break;
      }
    }
  }
  const withoutB = signature.value.replace(/(\bb=)[^;]*/, '$1');
  signed += relaxedHeader(signature.name, withoutB);
  const ok = createVerify('RSA-SHA256')
    .update(signed, 'binary')
    .verify(publicKey, (tags.b ?? '').replace(/\s+/g, ''), 'base64');
  return ok ? null : 'signature does not verify';
}

/** The tag=value list of a DKIM-Signature or a DKIM key record (RFC 6376 §3.2). */
export function parseTags(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return tags;
}

function splitHeaders(head: string): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of head.split(/\r\n(?![ \t])/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    fields.push({ name: line.slice(0, colon), value: line.slice(colon + 1).replace(/\r\n$/, '') });
  }
  return fields;
}

function relaxedHeader(name: string, value: string): string {
  return `${name.toLowerCase().trim()}:${value
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : lines.join('\r\n') + '\r\n';
}
