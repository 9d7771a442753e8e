import type { Insertable, Selectable } from 'kysely';

/** flows: a store's flow definitions and whether each is enabled (docs/flows.md). */
export interface FlowTable {
  store_id: string;
  /** The flow's name, unique per store ('win-back', 'spring-sale'). */
  name: string;
  /** What it plans: one of FLOW_KINDS. */
  kind: string;
  /** JSON: the parsed definition (FlowDefinition). */
  definition: string;
  /** 'built-in' or the file it was loaded from. */
  source: string;
  /** 0 or 1 */
  enabled: number;
  enabled_at: string | null;
  planned_until: string | null;
  created_at: string;
  updated_at: string;
}

export type FlowRow = Selectable<FlowTable>;
export type NewFlowRow = Insertable<FlowTable>;
