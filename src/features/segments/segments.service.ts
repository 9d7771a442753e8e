/** The store's own segments: create, replace and delete them. Built-in segments are read-only. */
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { invalidField } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { parseSegmentRule } from './rule.js';
import type { Segment, SegmentInput } from './segment.js';
import {
  deleteSegmentAndMembers,
  getSegment,
  insertSegment,
  type SegmentDefinition,
  updateSegmentDefinition,
} from './segment.repository.js';

function checkInput(input: SegmentInput): SegmentDefinition {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 200) throw invalidField('name', 'a segment needs a name of 1 to 200 characters');
  const description = input.description ?? null;
  if (description !== null && (typeof description !== 'string' || description.length > 2000))
    throw invalidField('description', 'a description is text of at most 2000 characters');
  return { name, description, rule: parseSegmentRule(input.rule) };
}

/** The store's segment, or SEGMENT_NOT_FOUND; SEGMENT_BUILT_IN when it is a built-in. */
async function ownSegment(db: Kysely<Database>, storeId: string, id: string): Promise<Segment> {
  const segment = await getSegment(db, storeId, id);
  if (segment.builtIn)
    throw new RegularsError(
      'SEGMENT_BUILT_IN',
      `${segment.name} is a built-in segment and cannot be changed or deleted; create your own segment instead`,
      { id },
    );
  return segment;
}

/** A new segment of the store's own; its members are computed by the next refresh. */
export async function createSegment(
  db: Kysely<Database>,
  storeId: string,
  input: SegmentInput,
  now: string,
): Promise<Segment> {
  return insertSegment(db, storeId, checkInput(input), now);
}

/** Replaces a segment's name, description and rule; members change at the next refresh. */
export async function updateSegment(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  input: SegmentInput,
  now: string,
): Promise<Segment> {
  const definition = checkInput(input);
  await ownSegment(db, storeId, id);
  await updateSegmentDefinition(db, storeId, id, definition, now);
  return getSegment(db, storeId, id);
}

/** Deletes a segment of the store's own and its member rows (no exit events: the segment is gone). */
export async function deleteSegment(db: Kysely<Database>, storeId: string, id: string): Promise<void> {
  await ownSegment(db, storeId, id);
  await deleteSegmentAndMembers(db, storeId, id);
}
