import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dayFromIso } from '../../../analytics/day.js';
import {
  DELIVERY_SETTING,
  type DeliverySettings,
  holdoutShareFor,
  parseDeliverySettings,
} from '../../delivery/index.js';
import { isHeldOut } from '../../delivery/index.js';
import { type PlannedMessage, idempotencyKey } from '../../delivery/index.js';
import { RegularsError } from '../../../platform/errors.js';
import type { FlowDefinition } from './flow-definition.js';
import { type ShopProfile, shopTemplateData } from '../../stores/index.js';
import { plusDays, sendAtOnDay } from './flow-time.js';
import { signFeedbackToken } from '../../feedback/index.js';
import { advanceFlowPlanning, listStoredFlows } from './flow.repository.js';
import { planMessages } from '../../delivery/index.js';
import { storeCurrency } from '../../orders/index.js';
import { readSetting } from '../../../platform/stores/store-settings.repository.js';
import { findUnsubscribeSecret, unsubscribeSecret } from '../../../platform/stores/store-secret.repository.js';
import type { Database } from '../../../platform/database/database.table.js';
import { inTransaction } from '../../../platform/database/transaction.js';
import { readShopProfile } from '../../stores/index.js';
import type { FlowFile } from './flow-files.reader.js';
import { makeGift } from './flow-gifts.service.js';
import type { FlowCandidate, FlowContext, FlowLinks, FlowPlanner, PlanningWindow } from './flow-planner.js';
import type { PlannerRegistry } from './flow-planners.registry.js';
import { findAllProductHandles } from '../../products/index.js';

/**
 * The flow engine (docs/flows.md "How a run works"). For each flow it builds the planning window,
 * asks the flow's planner for candidates, decides each candidate's holdout, and then either lists
 * them (a dry run: nothing is written, no coupon is made) or, in one transaction per flow, makes
 * the gifts of the customers who are not held out, records the messages in the outbox
 * (planMessages: once per idempotency key) and moves the flow's planning mark to the window's end.
 * The facts are read before that transaction, not in it: on SQLite a write transaction holds the
 * file's only write lock, and reading a large store's history under it would stall order intake;
 * reading outside is safe because what is recorded is keyed by the trigger, so a fact that changed
 * meanwhile at worst makes the next run plan what this one could not.
 */

/** A live run plans at most this far back (a planner that was down for a month catches up one week). */
export const MAX_CATCH_UP_DAYS = 7;

export interface FlowRunRequest {
  /** The clock: the live window ends here. */
  readonly now: string;
  readonly dryRun: boolean;
  /** Dry run: the first day to plan, 'YYYY-MM-DD' in the store's zone (default: the day of now). */
  readonly asOfDay?: string | null;
  /** Dry run: how many days from asOfDay, each planned as if it were today (default 1). */
  readonly days?: number;
  /** The flows to run by name; absent: the enabled ones. */
  readonly flows?: readonly string[] | null;
  /** Dry run: every defined flow, enabled or not. */
  readonly all?: boolean;
  /** Definitions from a folder (--flows DIR): they replace the store's flows of the same name. */
  readonly definitions?: readonly FlowFile[] | null;
  /** REGULARS_PUBLIC_URL, for the one-click answer links. */
  readonly publicUrl: string | null;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One line of a dry run's JSON: what would be sent, when and why. */
export interface DryRunEntry {
  readonly flow: string;
  /** The store's own id of the customer. */
  readonly customerId: string;
  readonly channel: string;
  readonly sendAt: string;
  readonly reason: string;
  /** Held out: recorded as "would have received", never sent. */
  readonly holdout: boolean;
}

export interface FlowRunResult {
  readonly flow: string;
  readonly kind: string;
  readonly window: PlanningWindow;
  /** Messages the planner proposed. */
  readonly candidates: number;
  readonly planned: number;
  readonly heldOut: number;
  /** Already in the outbox (an earlier run planned the same trigger). */
  readonly duplicates: number;
  /** Candidates left out because their gift could not be made, with why. */
  readonly giftFailures: readonly { readonly customerId: string; readonly reason: string }[];
  /** A live run that had to skip time (the planner was down longer than MAX_CATCH_UP_DAYS): from when. */
  readonly skippedFrom: string | null;
  /** How long the planner read and decided, and (live) how long recording took, in milliseconds. */
  readonly planMs: number;
  readonly recordMs: number;
}

export interface FlowsRunOutcome {
  readonly results: readonly FlowRunResult[];
  /** Dry run only, sorted by sendAt. */
  readonly entries: readonly DryRunEntry[];
  /** Dry run only: each entry's message as it would go into the outbox (the backtest forecasts its send). */
  readonly messages: readonly { readonly entry: DryRunEntry; readonly message: PlannedMessage }[];
}

interface RunnableFlow {
  readonly definition: FlowDefinition;
  readonly enabled: boolean;
  readonly enabledAt: string | null;
  readonly plannedUntil: string | null;
}

/** The flows a run covers: the store's (with the built-ins it has not stored, disabled) replaced by the folder's, filtered. */
async function runnableFlows(
  db: Kysely<Database>,
  storeId: string,
  request: FlowRunRequest,
  builtIns: readonly FlowFile[],
): Promise<RunnableFlow[]> {
  const byName = new Map<string, RunnableFlow>();
  for (const file of builtIns)
    byName.set(file.definition.name, {
      definition: file.definition,
      enabled: false,
      enabledAt: null,
      plannedUntil: null,
    });
  for (const stored of await listStoredFlows(db, storeId))
    byName.set(stored.definition.name, {
      definition: stored.definition,
      enabled: stored.enabled,
      enabledAt: stored.enabledAt,
      plannedUntil: stored.plannedUntil,
    });
  for (const file of request.definitions ?? []) {
    const stored = byName.get(file.definition.name);
    byName.set(file.definition.name, {
      definition: file.definition,
      enabled: stored?.enabled ?? false,
      enabledAt: stored?.enabledAt ?? null,
      plannedUntil: stored?.plannedUntil ?? null,
    });
  }
  if (request.flows !== undefined && request.flows !== null && request.flows.length > 0) {
    return request.flows.map((name) => {
      const flow = byName.get(name);
      if (flow === undefined)
        throw new RegularsError(
          'FLOW_NOT_FOUND',
          `store ${storeId} has no flow named ${name}; known: ${[...byName.keys()].sort().join(', ')}`,
          { flow: name },
        );
      return flow;
    });
  }
  const all = [...byName.values()].sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  return request.dryRun && request.all === true ? all : all.filter((flow) => flow.enabled);
}

export function linksFor(
  storeId: string,
  flow: string,
  shop: ShopProfile,
  publicUrl: string | null,
  secret: Buffer,
  handles: ReadonlyMap<string, string>,
): FlowLinks {
  const base = shop.url ?? '';
  return {
    shop: (path = '') => `${base}${path}`,
    // Shopify links a product by its handle; a SKU in its place is a 404. Without a known handle
    // (no products/* webhook yet) the link goes to the shop's home page rather than a guess.
    product: (sku) => {
      const handle = handles.get(sku);
      return handle === undefined ? `${base}/` : `${base}/products/${encodeURIComponent(handle)}`;
    },
    feedback: (customerId, question, answer, subject) =>
      `${publicUrl ?? ''}/feedback?t=${signFeedbackToken(secret, { storeId, customerId, flow, question, answer, subject })}`,
    survey: (customerId, question, answer, subject) =>
      `${publicUrl ?? ''}/survey?t=${signFeedbackToken(secret, { storeId, customerId, flow, question, answer, subject })}`,
  };
}

/** The windows a flow plans in this run: consecutive store-local days for a dry run; [mark, now) live. */
function windowsOf(
  flow: RunnableFlow,
  planner: FlowPlanner,
  request: FlowRunRequest,
  timeZone: string,
): { windows: PlanningWindow[]; skippedFrom: string | null } {
  if (request.dryRun) {
    const first = request.asOfDay === undefined || request.asOfDay === null ? null : dayFromIso(request.asOfDay);
    if (first !== null && Number.isNaN(first))
      throw new RegularsError('INVALID_ARGUMENT', `asOf must be a date YYYY-MM-DD, not ${request.asOfDay}`, {
        field: 'asOf',
      });
    const start = first ?? Math.floor(Date.parse(request.now) / 86_400_000);
    const windows: PlanningWindow[] = [];
    for (let day = start; day < start + (request.days ?? 1); day++)
      windows.push({ from: sendAtOnDay(day, timeZone, 0), to: sendAtOnDay(day + 1, timeZone, 0) });
    return { windows, skippedFrom: null };
  }
  const to = new Date(Date.parse(request.now)).toISOString();
  const earliest = plusDays(to, -MAX_CATCH_UP_DAYS);
  const mark = flow.plannedUntil ?? to;
  if (Date.parse(mark) >= Date.parse(to)) return { windows: [], skippedFrom: null };
  const skipped = Date.parse(mark) < Date.parse(earliest);
  // Facts recorded late are looked for again (planner.lateFactsMs): their triggers dedupe by key.
  const lookBack = Date.parse(skipped ? earliest : mark) - (planner.lateFactsMs ?? 0);
  return { windows: [{ from: new Date(lookBack).toISOString(), to }], skippedFrom: skipped ? mark : null };
}

interface Decided {
  readonly candidate: FlowCandidate;
  readonly message: PlannedMessage;
  readonly heldOut: boolean;
}

function decide(
  storeId: string,
  definition: FlowDefinition,
  planner: FlowPlanner,
  settings: DeliverySettings,
  shop: Record<string, unknown>,
  candidate: FlowCandidate,
): Decided {
  const purpose = candidate.purpose ?? planner.purpose;
  const message: PlannedMessage = {
    storeId,
    customerId: candidate.customerId,
    flow: definition.name,
    triggerKey: candidate.triggerKey,
    channel: definition.channel,
    ...(definition.consentChannel === null ? {} : { consentChannel: definition.consentChannel }),
    purpose,
    priority: candidate.priority ?? definition.priority ?? planner.priority,
    template: definition.templates[candidate.template] ?? candidate.template,
    data: { ...candidate.data, shop },
    sendAt: candidate.sendAt,
    ...(candidate.stopOnOrderAfter === undefined ? {} : { stopOnOrderAfter: candidate.stopOnOrderAfter }),
    topic: definition.topic,
  };
  const heldOut = isHeldOut(
    storeId,
    definition.name,
    candidate.customerId,
    holdoutShareFor(settings, definition.name, purpose),
  );
  return { candidate, message, heldOut };
}

/** The idempotency keys of these messages that the outbox already holds. */
async function existingKeys(db: Kysely<Database>, storeId: string, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('outbox_messages')
      .select('idempotency_key')
      .where('store_id', '=', storeId)
      .where('idempotency_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.idempotency_key);
  }
  return found;
}

/** Records one window's decided messages with their gifts and the flow's new mark, all or nothing. */
async function record(
  db: Kysely<Database>,
  storeId: string,
  flowName: string,
  decided: readonly Decided[],
  externalIds: Map<string, string>,
  window: PlanningWindow,
  settings: DeliverySettings,
  currency: string | null,
  now: string,
) {
  return inTransaction(db, async (trx) => {
    const keys = decided.map((d) => idempotencyKey(d.message.flow, d.message.customerId, d.message.triggerKey));
    const existing = await existingKeys(trx, storeId, keys);
    const messages: PlannedMessage[] = [];
    const giftFailures: { customerId: string; reason: string }[] = [];
    let duplicates = 0;
    for (const [index, d] of decided.entries()) {
      if (existing.has(keys[index])) {
        duplicates++;
        continue;
      }
      const gift = d.candidate.gift;
      if (gift === undefined || d.heldOut) {
        messages.push(d.message);
        continue;
      }
      const outcome = await makeGift(
        trx,
        storeId,
        gift,
        externalIds.get(d.message.customerId) as string,
        d.message.sendAt,
        currency,
        now,
      );
      if (!outcome.made) {
        giftFailures.push({ customerId: externalIds.get(d.message.customerId) as string, reason: outcome.reason });
        continue;
      }
      const current = d.message.data[gift.dataKey];
      const merged = { ...(current !== null && typeof current === 'object' ? current : {}), ...outcome.fields };
      messages.push({ ...d.message, data: { ...d.message.data, [gift.dataKey]: merged } });
    }
    const result = await planMessages(trx, storeId, messages, now, { settings });
    await advanceFlowPlanning(trx, storeId, flowName, window.to, now);
    return {
      planned: result.planned,
      heldOut: result.heldOut,
      duplicates: duplicates + result.duplicates,
      giftFailures,
    };
  });
}

export async function runFlows(
  db: Kysely<Database>,
  storeId: string,
  request: FlowRunRequest,
  registry: PlannerRegistry,
  builtIns: readonly FlowFile[],
): Promise<FlowsRunOutcome> {
  const flows = await runnableFlows(db, storeId, request, builtIns);
  const shopProfile = await readShopProfile(db, storeId);
  const handles = await findAllProductHandles(db, storeId);
  const settings = parseDeliverySettings(await readSetting(db, storeId, DELIVERY_SETTING));
  const timeZone = settings.timeZone ?? 'UTC';
  const currency = await storeCurrency(db, storeId);
  // A dry run signs links with a throwaway secret when the store has none yet: they are never shown.
  const secret = request.dryRun
    ? ((await findUnsubscribeSecret(db, storeId)) ?? randomBytes(32))
    : await unsubscribeSecret(db, storeId, request.now);
  const shop = shopTemplateData(shopProfile);

  const plans = flows.map((flow) => {
    const planner = registry[flow.definition.kind] as FlowPlanner;
    return { flow, planner, ...windowsOf(flow, planner, request, timeZone) };
  });
  const total = plans.reduce((sum, p) => sum + p.windows.length, 0);
  let done = 0;
  const results: FlowRunResult[] = [];
  const entries: DryRunEntry[] = [];
  const messages: { entry: DryRunEntry; message: PlannedMessage }[] = [];
  for (const { flow, planner, windows, skippedFrom } of plans) {
    const { definition } = flow;
    const flowSettings = planner.parseSettings(definition.settings, `flow ${definition.name}`);
    for (const window of windows) {
      const activeSince = request.dryRun ? null : (flow.enabledAt ?? window.from);
      const ctx: FlowContext = {
        db,
        storeId,
        flow: definition.name,
        window,
        activeSince,
        timeZone,
        currency,
        links: linksFor(storeId, definition.name, shopProfile, request.publicUrl, secret, handles),
      };
      const started = performance.now();
      const candidates = await planner.plan(ctx, flowSettings);
      const planMs = Math.round(performance.now() - started);
      const decided = candidates.map((candidate) => decide(storeId, definition, planner, settings, shop, candidate));
      const externalIds = new Map(candidates.map((c) => [c.customerId, c.externalId]));
      if (request.dryRun) {
        for (const d of decided) {
          const entry: DryRunEntry = {
            flow: definition.name,
            customerId: d.candidate.externalId,
            channel: definition.channel,
            sendAt: d.message.sendAt,
            reason: d.candidate.reason,
            holdout: d.heldOut,
          };
          entries.push(entry);
          messages.push({ entry, message: d.message });
        }
        const heldOut = decided.filter((d) => d.heldOut).length;
        results.push({
          flow: definition.name,
          kind: definition.kind,
          window,
          candidates: candidates.length,
          planned: decided.length - heldOut,
          heldOut,
          duplicates: 0,
          giftFailures: [],
          skippedFrom,
          planMs,
          recordMs: 0,
        });
      } else {
        const recording = performance.now();
        const recorded = await record(
          db,
          storeId,
          definition.name,
          decided,
          externalIds,
          window,
          settings,
          currency,
          request.now,
        );
        results.push({
          flow: definition.name,
          kind: definition.kind,
          window,
          candidates: candidates.length,
          ...recorded,
          skippedFrom,
          planMs,
          recordMs: Math.round(performance.now() - recording),
        });
      }
      request.onProgress?.(++done, total);
    }
  }
  entries.sort(
    (a, b) =>
      Date.parse(a.sendAt) - Date.parse(b.sendAt) ||
      a.flow.localeCompare(b.flow) ||
      a.customerId.localeCompare(b.customerId),
  );
  const position = new Map(entries.map((entry, index) => [entry, index]));
  messages.sort((a, b) => (position.get(a.entry) ?? 0) - (position.get(b.entry) ?? 0));
  return { results, entries, messages };
}
