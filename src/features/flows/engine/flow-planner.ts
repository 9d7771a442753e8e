import type { Kysely } from 'kysely';
import type { MessagePurpose } from '../../delivery/index.js';
import type { FlowKind } from './flow-definition.js';
import type { FlowGift } from './flow-gift.js';
import type { Database } from '../../../platform/database/database.table.js';

/**
 * The contract between the flow engine (plan-flows.ts) and each kind of flow (docs/flows.md).
 * A planner reads the facts it needs for a planning window and answers the messages it would send
 * (FlowCandidate); the engine decides holdout, creates gifts, records the messages in the outbox
 * in one transaction, or, for a dry run, only lists them. Planners never write.
 */

/** Half-open: triggers whose send instant is in [from, to) are planned by this run. */
export interface PlanningWindow {
  /** ISO instant (UTC, 'Z'). */
  readonly from: string;
  /** ISO instant (UTC, 'Z'); also the as-of instant: only facts recorded before it count. */
  readonly to: string;
}

/** Links a message can carry, built from the store's profile and REGULARS_PUBLIC_URL. */
export interface FlowLinks {
  /** The shop's own page: shop.url + path ('/cart', '/account'); the shop's home for ''. */
  shop(path?: string): string;
  /** A product's page on the shop (shop.url/products/<handle>), or the shop's home page when its handle is unknown. */
  product(sku: string): string;
  /**
   * A one-click answer link (GET /feedback?t=...): signed, it records the answer as the customer's
   * event (a rating as review_submitted, others as custom 'feedback') and shows a thank-you page.
   * question: 'rating', 'checkout_easy', 'cart_reason'; answer: '5', 'yes', 'price'; subject: what
   * it is about (a SKU, an order id).
   */
  feedback(customerId: string, question: string, answer: string, subject: string): string;
  /**
   * A one-click survey answer link (GET /survey?t=..., the same signed token as feedback's): the
   * hosted survey page records the answer once (docs/surveys.md) and offers a "why?" box.
   * question: 'nps' (answer '0'..'10'), 'csat' ('1'..'5'), 'rating' ('1'..'5'), 'checkout_easy' ('yes' | 'no').
   */
  survey(customerId: string, question: string, answer: string, subject: string): string;
}

export interface FlowContext {
  /** The engine's transaction (live) or the database (dry run): read only. */
  readonly db: Kysely<Database>;
  readonly storeId: string;
  /** The flow's name (a campaign's own name, not 'campaign'). */
  readonly flow: string;
  readonly window: PlanningWindow;
  /**
   * When the flow was enabled (a live run), or null (a dry run plans as if it always had been): a
   * follow-up step whose first step fell before it is not sent, as the customer never got the first.
   */
  readonly activeSince: string | null;
  /** The store's IANA zone (delivery setting), 'UTC' without one: day-based triggers send at a local hour. */
  readonly timeZone: string;
  /** The store's currency for amounts when the flow's settings name none (null: unknown). */
  readonly currency: string | null;
  readonly links: FlowLinks;
}

/** One message a flow would send, with the sentence a dry run shows. */
export interface FlowCandidate {
  /** Regulars' id 'cus_...'. */
  readonly customerId: string;
  /** The store's own id for the customer: what the dry run prints. */
  readonly externalId: string;
  /** Unique within the flow and customer: planning it again has no effect ('order:ord_...', 'sku:BEAN-1:2026-03-01:step-1'). */
  readonly triggerKey: string;
  /** ISO instant within the window. */
  readonly sendAt: string;
  /** A human sentence: "buys SKU-1 every 56 days; last on 2026-03-01". */
  readonly reason: string;
  readonly template: string;
  /** The template's own variables (the engine adds shop; the worker adds customer and the unsubscribe links). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Overrides the kind's purpose (a review request is marketing, an order confirmation transactional). */
  readonly purpose?: MessagePurpose;
  /** Overrides the flow's priority (win-back step 2 below step 1). */
  readonly priority?: number;
  /** Made when the message is planned for a customer not held out: a coupon or points; its fields go into data[gift.dataKey]. */
  readonly gift?: FlowGift;
  /** The worker skips the message if the customer ordered after this instant (replenishment, win-back, abandoned cart). */
  readonly stopOnOrderAfter?: string;
}

export interface FlowPlanner<Settings = unknown> {
  readonly kind: FlowKind;
  /** One line for `regulars flows list`. */
  readonly summary: string;
  readonly purpose: MessagePurpose;
  /** 0-100 (DEFAULT_PRIORITY 50: over the cap it is postponed; below it is dropped). */
  readonly priority: number;
  /** The templates its messages use (the lint gate checks them before the flow is enabled). */
  readonly templates: readonly string[];
  /**
   * How late its facts may be recorded after the instant they carry (an event posted, or derived
   * by the rewards sync, minutes after its occurred_at). A live run then also looks this far back
   * before its window: triggers already planned come back as duplicates, and late ones are caught.
   * Absent: facts are on time (day-based triggers read history, which a late write cannot skip).
   */
  readonly lateFactsMs?: number;
  /** The templates a flow with these settings sends, when they depend on them (a campaign names its own). */
  templatesFor?(settings: Settings): readonly string[];
  /**
   * The copy a flow with these settings writes into its templates (a campaign's `data`), or null:
   * it is linted in those templates, as a template is, when the flow is loaded or enabled.
   */
  copyOf?(settings: Settings): Readonly<Record<string, unknown>> | null;
  /** Why a flow with these settings cannot be enabled at `now` (a campaign whose time has passed), or null. */
  enableProblem?(settings: Settings, now: string): { readonly field: string; readonly message: string } | null;
  /** Checks a definition's settings and fills in defaults; INVALID_FLOW naming 'settings.<field>'. */
  parseSettings(raw: Readonly<Record<string, unknown>>, where: string): Settings;
  plan(ctx: FlowContext, settings: Settings): Promise<FlowCandidate[]>;
}
