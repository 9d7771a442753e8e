import type { FastifyInstance } from 'fastify';
import { RegularsError } from '../errors.js';

/** Form fields by name; a name sent twice keeps every value. */
export type FormFields = Readonly<Record<string, readonly string[]>>;

/** Forms here are a few short fields; anything bigger is not ours. */
export const FORM_BODY_LIMIT = 16 * 1024;

function urlEncoded(text: string): FormFields {
  const fields: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) (fields[name] ??= []).push(value);
  return fields;
}

/**
 * multipart/form-data (RFC 7578) with text fields only, which is what RFC 8058 lets a mail client
 * send for the one-click POST. Files are not expected; a part with a filename is skipped.
 */
export function parseMultipart(body: string, contentType: string): FormFields {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new RegularsError('VALIDATION_FAILED', 'the multipart body has no boundary', { location: 'body' });
  const fields: Record<string, string[]> = {};
  for (const part of body.split(`--${marker}`).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined || /\bfilename=/i.test(disposition)) continue;
    (fields[name] ??= []).push(part.slice(split + 4).replace(/\r\n$/, ''));
  }
  return fields;
}

/**
 * Adds parsers for HTML forms (urlencoded and multipart) to the plugin that calls it: Fastify
 * scopes content-type parsers to the plugin, so the JSON API keeps refusing form bodies.
 */
export function registerFormBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      done(null, urlEncoded(body as string));
    },
  );
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (request, body, done) => {
      try {
        done(null, parseMultipart(body as string, request.headers['content-type'] ?? ''));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
