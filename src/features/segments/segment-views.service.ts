/**
 * What the API and the CLI show of segments: a preview (count and first members, computed now),
 * a page of members, the explanation of one customer against a segment, and the segments a
 * customer is in.
 */
import { customerByReference } from '../customers/index.js';
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { type EvaluationContext, explainRule, type RuleExplanation } from './explain.js';
import type { Segment } from './segment.js';
import { parseSegmentRule } from './rule.js';
import { loadCustomerFacts } from './segment-facts.query.js';
import { previewRule } from './segment-members.query.js';
import {
  ensureBuiltInSegments,
  getSegment,
  listSegmentMembers,
  listSegments,
  type SegmentMember,
  segmentIdsOfCustomer,
} from './segment.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { AsOf } from './customer-metrics.service.js';

export const DEFAULT_PREVIEW_LIMIT = 20;
export const MAX_PREVIEW_LIMIT = 1000;

const context = (at: AsOf): EvaluationContext => ({ asOfDay: at.day, asOf: at.instant });

/** The store's segments, built-ins included. */
export async function segmentsOfStore(db: Kysely<Database>, storeId: string, now: string): Promise<Segment[]> {
  await ensureBuiltInSegments(db, storeId, now);
  return listSegments(db, storeId);
}

/** A segment (built-ins made present first, so their ids resolve before any list). */
export async function segmentOfStore(db: Kysely<Database>, storeId: string, id: string, now: string): Promise<Segment> {
  await ensureBuiltInSegments(db, storeId, now);
  return getSegment(db, storeId, id);
}

/** Who the rule holds for at `at`, without writing memberships: the count and the first `limit` (by id). */
export async function previewSegment(
  db: Kysely<Database>,
  storeId: string,
  segmentId: string,
  at: AsOf,
  limit: number,
  now: string,
) {
  const segment = await segmentOfStore(db, storeId, segmentId, now);
  const preview = await previewRule(db, storeId, segment.rule, context(at), limit);
  return {
    segmentId: segment.id,
    name: segment.name,
    asOf: at.instant,
    count: preview.count,
    customers: preview.customers,
  };
}

/**
 * Who an unsaved rule holds for at `at` (the console's editor, as the person types): the rule is
 * checked as a saved one is (SEGMENT_RULE_INVALID with details.path), nothing is written.
 */
export async function previewDraftRule(
  db: Kysely<Database>,
  storeId: string,
  input: unknown,
  at: AsOf,
  limit: number,
): Promise<{ asOf: string; count: number; customers: { customerId: string; externalId: string }[] }> {
  const rule = parseSegmentRule(input);
  const preview = await previewRule(db, storeId, rule, context(at), limit);
  return { asOf: at.instant, count: preview.count, customers: preview.customers };
}

/** A page of the segment's members at its last refresh, by customer id (cursor: nextCursor of the previous page). */
export async function segmentMembers(
  db: Kysely<Database>,
  storeId: string,
  segmentId: string,
  page: { readonly limit: number; readonly cursor?: string },
  now: string,
): Promise<{ segmentId: string; members: SegmentMember[]; nextCursor: string | null }> {
  const segment = await segmentOfStore(db, storeId, segmentId, now);
  const { members, nextCursor } = await listSegmentMembers(db, storeId, segment.id, page);
  return { segmentId: segment.id, members, nextCursor };
}

export interface SegmentExplanation {
  readonly segmentId: string;
  readonly name: string;
  readonly customerId: string;
  readonly asOf: string;
  /** Whether the rule holds now. */
  readonly holds: boolean;
  /** Whether the customer was a member at the segment's last refresh. */
  readonly member: boolean;
  readonly enteredAt: string | null;
  readonly explanation: RuleExplanation;
}

/** Why the customer (external id) is or is not in the segment: the rule's tree with each condition's actual value. */
export async function explainSegment(
  db: Kysely<Database>,
  storeId: string,
  segmentId: string,
  externalId: string,
  at: AsOf,
  now: string,
): Promise<SegmentExplanation> {
  const [segment, customer] = await Promise.all([
    segmentOfStore(db, storeId, segmentId, now),
    customerByReference(db, storeId, externalId),
  ]);
  const [facts, memberships] = await Promise.all([
    loadCustomerFacts(db, storeId, customer.id, at),
    segmentIdsOfCustomer(db, storeId, customer.id),
  ]);
  if (!facts)
    throw new RegularsError('CUSTOMER_NOT_FOUND', `no customer ${externalId} in this store`, { id: externalId });
  const explanation = explainRule(segment.rule, facts, context(at));
  return {
    segmentId: segment.id,
    name: segment.name,
    customerId: customer.externalId,
    asOf: at.instant,
    holds: explanation.held,
    member: memberships.has(segment.id),
    enteredAt: memberships.get(segment.id) ?? null,
    explanation,
  };
}

/** The segments the customer is a member of (at their last refresh), each with its explanation now. */
export async function segmentsOfCustomer(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
  at: AsOf,
  now: string,
): Promise<{ customerId: string; segments: SegmentExplanation[] }> {
  const customer = await customerByReference(db, storeId, externalId);
  const [segments, memberships, facts] = await Promise.all([
    segmentsOfStore(db, storeId, now),
    segmentIdsOfCustomer(db, storeId, customer.id),
    loadCustomerFacts(db, storeId, customer.id, at),
  ]);
  if (!facts)
    throw new RegularsError('CUSTOMER_NOT_FOUND', `no customer ${externalId} in this store`, { id: externalId });
  const explained = segments
    .filter((s) => memberships.has(s.id))
    .map((s) => {
      const explanation = explainRule(s.rule, facts, context(at));
      return {
        segmentId: s.id,
        name: s.name,
        customerId: customer.externalId,
        asOf: at.instant,
        holds: explanation.held,
        member: true,
        enteredAt: memberships.get(s.id) ?? null,
        explanation,
      };
    });
  return { customerId: customer.externalId, segments: explained };
}
