import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { forEachCustomerPage } from '../customers/index.js';
import { listSegments } from '../segments/index.js';
import { AUDIENCE_FORMATS, type AudiencePlatform, csvLine } from './audience-identifiers.js';
import { audienceCandidates, countCustomers } from './audience-members.query.js';

export interface AudienceExportOptions {
  readonly platform: AudiencePlatform;
  /** A segment's id or name; null for every customer. */
  readonly segment: string | null;
  readonly includeWithoutConsent: boolean;
  /** The calling code put before phones written without one ('44'); null leaves those out. */
  readonly defaultCallingCode: string | null;
  readonly out: string;
}

export interface AudienceExportReport {
  readonly platform: AudiencePlatform;
  readonly segment: { readonly id: string; readonly name: string } | null;
  readonly file: string;
  /** Customers considered (the segment's members, or the store's customers). */
  readonly read: number;
  /** Rows written: customers with consent (or all, when asked) and an email or a phone to match on. */
  readonly written: number;
  /** Left out for want of marketing consent (0 with includeWithoutConsent). */
  readonly withoutConsent: number;
  /** Left out for want of a usable email or phone (a phone without country code and no default among them). */
  readonly withoutIdentifier: number;
}

/**
 * Writes a store's audience file for one ad platform. The file is written beside its destination
 * and renamed over it at the end, so a scheduled upload never picks up half a file, and a failed
 * run leaves the previous file in place.
 */
export async function exportAudience(
  db: Kysely<Database>,
  storeId: string,
  options: AudienceExportOptions,
  onProgress: (read: number, total: number) => void = () => {},
): Promise<AudienceExportReport> {
  const segment = options.segment === null ? null : await segmentOf(db, storeId, options.segment);
  const format = AUDIENCE_FORMATS[options.platform];
  const rule = { defaultCallingCode: options.defaultCallingCode };
  const partial = `${options.out}.partial`;
  const file = createWriteStream(partial, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  failed.catch(() => undefined);
  let read = 0;
  let walked = 0;
  let written = 0;
  let withoutConsent = 0;
  let withoutIdentifier = 0;
  try {
    const total = await countCustomers(db, storeId);
    file.write(csvLine(format.header));
    await Promise.race([
      failed,
      forEachCustomerPage(
        db,
        storeId,
        (first, last) => audienceCandidates(db, storeId, segment?.id ?? null, first, last),
        (candidates, customers) => {
          let lines = '';
          for (const customer of candidates) {
            if (!options.includeWithoutConsent && !customer.consented) {
              withoutConsent += 1;
              continue;
            }
            const cells = format.row(customer, rule);
            if (cells === null) {
              withoutIdentifier += 1;
              continue;
            }
            lines += csvLine(cells);
            written += 1;
          }
          read += candidates.length;
          file.write(lines);
          walked += customers;
          onProgress(walked, total);
        },
      ),
    ]);
    file.end();
    await Promise.race([failed, once(file, 'finish')]);
    await rename(partial, options.out);
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  return {
    platform: options.platform,
    segment: segment === null ? null : { id: segment.id, name: segment.name },
    file: options.out,
    read,
    written,
    withoutConsent,
    withoutIdentifier,
  };
}

async function segmentOf(db: Kysely<Database>, storeId: string, idOrName: string) {
  const segments = await listSegments(db, storeId);
  const found = segments.find((s) => s.id === idOrName) ?? segments.find((s) => s.name === idOrName);
  if (found === undefined)
    throw new RegularsError('SEGMENT_NOT_FOUND', `this store has no segment ${idOrName}`, { id: idOrName });
  return found;
}
