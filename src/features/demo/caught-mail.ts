/**
 * What the demo's mail catcher keeps of each message, and how it reads that from the raw message:
 * enough for a list (the console's Messages page); the page renders the raw message itself.
 */
export interface CaughtMail {
  /** 'mail_000001', in the order the catcher took them. */
  readonly id: string;
  readonly receivedAt: string;
  /** The envelope: MAIL FROM and RCPT TO. */
  readonly from: string;
  readonly to: readonly string[];
  /** Headers, RFC 2047 encoded-words decoded; '' when absent. */
  readonly subject: string;
  readonly messageId: string;
  /** Bytes of the raw message. */
  readonly size: number;
}

export const CAUGHT_MAIL_ID = /^mail_\d{6,}$/;

export function caughtMailId(sequence: number): string {
  return `mail_${String(sequence).padStart(6, '0')}`;
}

/** The header block's fields by lower-case name (the first of each), continuation lines unfolded. */
export function headerFields(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** RFC 2047 encoded-words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=), as nodemailer writes a non-ASCII subject. */
export function decodeEncodedWords(text: string): string {
  return text
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (word, charset: string, encoding: string, body: string) => {
      if (!/^utf-?8$/i.test(charset) && !/^us-ascii$/i.test(charset)) return word;
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(body, 'base64')
          : Buffer.from(
              body
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return bytes.toString('utf8');
    });
}
