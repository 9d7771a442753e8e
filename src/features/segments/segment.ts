import type { SegmentRule } from './rule.js';

/** A segment: a named rule over customers, and its members at the last refresh. */
export interface Segment {
  /** 'seg_...' */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly rule: SegmentRule;
  /** Built-in segments are always present and read-only. */
  readonly builtIn: boolean;
  /** 'vip', 'rfm-champions', ...; null for the store's own segments. */
  readonly builtInKey: string | null;
  /** Members at the last refresh. */
  readonly members: number;
  readonly refreshedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SegmentInput {
  readonly name: string;
  readonly description?: string | null;
  /** Unchecked JSON: parsed by parseSegmentRule. */
  readonly rule: unknown;
}

/** The most members one page of a segment's member list holds. */
export const MAX_MEMBER_PAGE = 1000;
