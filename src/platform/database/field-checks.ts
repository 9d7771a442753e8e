import { RegularsError } from '../errors.js';

/** A repository's refusal of an input field (the HTTP layer validates first; this guards every other caller). */
export function invalidField(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

/**
 * A timestamp as a UTC instant in one fixed format, so that comparing the text compares the time
 * (on both dialects). It must carry an offset: a naive time would be read in the server's zone.
 */
export function utcInstant(text: string, field: string): string {
  if (typeof text !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) {
    throw invalidField(field, `${field} ${text} has no UTC offset (Z or +hh:mm)`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalidField(field, `${field} ${text} is not an ISO 8601 timestamp`);
  return new Date(ms).toISOString();
}
