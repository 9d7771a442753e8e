import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { readDeliverySettings, resolveTimeZone } from '../delivery/index.js';
import { enableFlow, type FlowSources } from '../flows/index.js';
import { asOfNow, BUILT_IN_SEGMENTS, findSegment, listSegments, type SegmentRule } from '../segments/index.js';
import type { LintFinding, SpamCheck } from '../messaging/index.js';
import {
  type CampaignDraftInput,
  campaignDefinition,
  type CampaignStatus,
  campaignStatus,
  resolveSendAt,
  sendSpan,
  zoneOffsetMs,
} from './campaign-draft.js';
import {
  cancelCampaignRow,
  type CampaignRow,
  countAudience,
  deleteCampaignDraft,
  insertCampaignDraft,
  listCampaignRows,
  outboxCounts,
  updateCampaignDraft,
} from './campaigns.repository.js';

/** A campaign as the console lists and edits it. */
export interface Campaign {
  readonly name: string;
  readonly status: CampaignStatus;
  readonly subject: string;
  readonly preheader: string;
  readonly body: string;
  readonly segment: string | null;
  /** The segment's name ('VIP'), or null for every customer (or a segment since deleted). */
  readonly segmentName: string | null;
  readonly sendAt: string;
  readonly localTime: boolean;
  /** When it was scheduled (null: never). */
  readonly scheduledAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Its outbox messages by status: planned, held_out, sent, skipped, failed... */
  readonly messages: Readonly<Record<string, number>>;
}

/** The store's time zone (delivery settings), or UTC: what a send time without an offset is read in. */
export async function storeTimeZone(db: Kysely<Database>, storeId: string): Promise<string> {
  return resolveTimeZone(null, (await readDeliverySettings(db, storeId)).timeZone);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

async function segmentName(db: Kysely<Database>, storeId: string, segment: string | null): Promise<string | null> {
  if (segment === null) return null;
  const builtIn = BUILT_IN_SEGMENTS.find((b) => b.key === segment);
  if (builtIn) return builtIn.name;
  return (await findSegment(db, storeId, segment))?.name ?? null;
}

function toCampaign(
  row: CampaignRow,
  zone: string,
  counts: Record<string, number>,
  name: string | null,
  now: string,
): Campaign {
  const definition = JSON.parse(row.definition) as { settings: Record<string, unknown> };
  const settings = definition.settings;
  const copy = ((settings.data as Record<string, unknown> | undefined)?.campaign ?? {}) as Record<string, unknown>;
  const sendAt = new Date(Date.parse(text(settings.sendAt))).toISOString();
  const localTime = settings.localTime === true;
  const pending = (counts.planned ?? 0) + (counts.postponed ?? 0) + (counts.sending ?? 0);
  return {
    name: row.name,
    status: campaignStatus(
      { enabled: row.enabled, enabledAt: row.enabledAt, plannedUntil: row.plannedUntil, pending },
      sendSpan(sendAt, localTime, zoneOffsetMs(sendAt, zone)),
      now,
    ),
    subject: text(copy.subject),
    preheader: text(copy.preheader),
    body: text(copy.body) || text(copy.intro),
    segment: typeof settings.segment === 'string' ? settings.segment : null,
    segmentName: name,
    sendAt,
    localTime,
    scheduledAt: row.enabledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    messages: counts,
  };
}

/** The store's campaigns, newest first, with how many are in each status. */
export async function listCampaigns(db: Kysely<Database>, storeId: string, now: string) {
  const [rows, zone] = await Promise.all([listCampaignRows(db, storeId), storeTimeZone(db, storeId)]);
  const counts = await outboxCounts(
    db,
    storeId,
    rows.map((r) => r.name),
  );
  const names = new Map<string, string | null>();
  const campaigns: Campaign[] = [];
  for (const row of rows) {
    const segment = (JSON.parse(row.definition) as { settings: { segment?: unknown } }).settings.segment;
    const key = typeof segment === 'string' ? segment : null;
    if (key !== null && !names.has(key)) names.set(key, await segmentName(db, storeId, key));
    campaigns.push(toCampaign(row, zone, counts.get(row.name) ?? {}, key === null ? null : names.get(key)!, now));
  }
  const byStatus: Record<CampaignStatus, number> = { draft: 0, scheduled: 0, sending: 0, sent: 0, cancelled: 0 };
  for (const c of campaigns) byStatus[c.status] += 1;
  return { campaigns, counts: byStatus, timeZone: zone };
}

export async function getCampaign(db: Kysely<Database>, storeId: string, name: string, now: string): Promise<Campaign> {
  const [row] = await listCampaignRows(db, storeId, name);
  if (row === undefined)
    throw new RegularsError('CAMPAIGN_NOT_FOUND', `this store has no campaign named ${name}`, { campaign: name });
  const zone = await storeTimeZone(db, storeId);
  const counts = (await outboxCounts(db, storeId, [name])).get(name) ?? {};
  const settings = (JSON.parse(row.definition) as { settings: { segment?: unknown } }).settings;
  const segment = typeof settings.segment === 'string' ? settings.segment : null;
  return toCampaign(row, zone, counts, await segmentName(db, storeId, segment), now);
}

/** A segment key or id the campaign can go to: a built-in's key, or one of the store's own segments' ids. */
async function audienceRule(
  db: Kysely<Database>,
  storeId: string,
  segment: string | null,
): Promise<SegmentRule | null> {
  if (segment === null) return null;
  const builtIn = BUILT_IN_SEGMENTS.find((b) => b.key === segment);
  if (builtIn) return builtIn.rule;
  const found = await findSegment(db, storeId, segment);
  if (found === null)
    throw new RegularsError(
      'SEGMENT_NOT_FOUND',
      `segment ${segment} is neither a segment of this store nor a built-in key (${BUILT_IN_SEGMENTS.map((b) => b.key).join(', ')})`,
      { id: segment, field: 'segment' },
    );
  return found.rule;
}

async function definitionFor(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  input: CampaignDraftInput,
  sources: FlowSources,
  now: string,
): Promise<string> {
  await audienceRule(db, storeId, input.segment ?? null);
  const sendAt = resolveSendAt(input.sendAt, await storeTimeZone(db, storeId), now);
  const raw = campaignDefinition(name, input, sendAt);
  // The campaign planner's own parser checks what it will send (campaign.ts).
  sources.registry.campaign.parseSettings(raw.settings as Record<string, unknown>, `campaign ${name}`);
  return JSON.stringify({ ...raw, consentChannel: null, priority: null, templates: {} });
}

export async function createCampaign(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  input: CampaignDraftInput,
  sources: FlowSources,
  now: string,
): Promise<Campaign> {
  const definition = await definitionFor(db, storeId, name, input, sources, now);
  // A built-in flow's name is taken too: the list of flows would show two of one name.
  if (
    sources.builtIns.some((f) => f.definition.name === name) ||
    !(await insertCampaignDraft(db, storeId, name, definition, now))
  )
    throw new RegularsError('CAMPAIGN_NAME_TAKEN', `this store already has a flow or campaign named ${name}`, {
      campaign: name,
    });
  return getCampaign(db, storeId, name, now);
}

async function notEditable(db: Kysely<Database>, storeId: string, name: string, now: string): Promise<never> {
  const current = await getCampaign(db, storeId, name, now);
  throw new RegularsError(
    'CAMPAIGN_NOT_EDITABLE',
    `campaign ${name} is ${current.status}: only a draft can be changed, scheduled or deleted`,
    { campaign: name, status: current.status },
  );
}

export async function updateCampaign(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  input: CampaignDraftInput,
  sources: FlowSources,
  now: string,
): Promise<Campaign> {
  const definition = await definitionFor(db, storeId, name, input, sources, now);
  if (!(await updateCampaignDraft(db, storeId, name, definition, now))) await notEditable(db, storeId, name, now);
  return getCampaign(db, storeId, name, now);
}

export async function deleteCampaign(db: Kysely<Database>, storeId: string, name: string, now: string): Promise<void> {
  if (!(await deleteCampaignDraft(db, storeId, name))) await notEditable(db, storeId, name, now);
}

/** The audiences a campaign can go to, with how many customers each holds now. */
export async function listAudiences(db: Kysely<Database>, storeId: string, now: string) {
  const at = asOfNow(now);
  const context = { asOf: at.instant, asOfDay: at.day };
  const own = (await listSegments(db, storeId)).filter((s) => s.builtInKey === null);
  const choices = [
    { segment: null, name: null, builtIn: true, rule: null },
    ...BUILT_IN_SEGMENTS.map((b) => ({ segment: b.key, name: b.name, builtIn: true, rule: b.rule })),
    ...own.map((s) => ({ segment: s.id, name: s.name, builtIn: false, rule: s.rule })),
  ];
  const audiences = [];
  for (const choice of choices)
    audiences.push({
      segment: choice.segment,
      name: choice.name,
      builtIn: choice.builtIn,
      members: await countAudience(db, storeId, choice.rule, context),
    });
  return { audiences, asOf: at.instant };
}

export interface ScheduleOutcome {
  readonly campaign: Campaign;
  readonly audience: number;
  readonly warnings: readonly (LintFinding & { readonly template: string })[];
  readonly spamCheck: SpamCheck;
}

/**
 * Schedules a draft: its send time is still to come (for each customer's local time, in the
 * first zone to reach it), its audience has members, and then the flow gates of enableFlow (the
 * copy's content lint, the shop profile, the SpamAssassin score). Enabling the campaign's flow is
 * the schedule: the campaign planner plans it in the window that holds its send time, and the
 * delivery worker sends each message through consent, suppression, caps, quiet hours and holdout.
 */
export async function scheduleCampaign(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  sources: FlowSources,
  now: string,
): Promise<ScheduleOutcome> {
  const current = await getCampaign(db, storeId, name, now);
  if (current.status !== 'draft') await notEditable(db, storeId, name, now);
  const zone = await storeTimeZone(db, storeId);
  const span = sendSpan(current.sendAt, current.localTime, zoneOffsetMs(current.sendAt, zone));
  if (span.first <= Date.parse(now))
    throw new RegularsError(
      'CAMPAIGN_SEND_AT_PASSED',
      current.localTime
        ? `campaign ${name} goes out at ${current.sendAt} local time in each customer's zone; the first zone (UTC+14) reaches it at ${new Date(span.first).toISOString()}, which has passed: give a later time`
        : `campaign ${name} would go out at ${current.sendAt}, which has passed: give a later time`,
      { campaign: name, sendAt: current.sendAt, firstSendAt: new Date(span.first).toISOString(), now },
    );
  const at = asOfNow(now);
  const audience = await countAudience(db, storeId, await audienceRule(db, storeId, current.segment), {
    asOf: at.instant,
    asOfDay: at.day,
  });
  if (audience === 0)
    throw new RegularsError(
      'CAMPAIGN_AUDIENCE_EMPTY',
      `campaign ${name} goes to ${current.segmentName ?? current.segment ?? 'every customer'}, which has no member now: it would send nothing`,
      { campaign: name, segment: current.segment },
    );
  const enabled = await enableFlow(db, storeId, name, sources, now);
  return {
    campaign: await getCampaign(db, storeId, name, now),
    audience,
    warnings: enabled.warnings,
    spamCheck: enabled.spamCheck,
  };
}

/** Cancels a scheduled (or sending) campaign: nothing more is planned, and what waits in the outbox is withdrawn. */
export async function cancelCampaign(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  now: string,
): Promise<{ campaign: Campaign; changed: boolean; withdrawn: number }> {
  const current = await getCampaign(db, storeId, name, now);
  if (current.status === 'cancelled') return { campaign: current, changed: false, withdrawn: 0 };
  if (current.status !== 'scheduled' && current.status !== 'sending')
    throw new RegularsError(
      'CAMPAIGN_NOT_SCHEDULED',
      `campaign ${name} is ${current.status}: only a scheduled or sending campaign can be cancelled`,
      { campaign: name, status: current.status },
    );
  const withdrawn = await inTransaction(db, (trx) => cancelCampaignRow(trx, storeId, name, now));
  return {
    campaign: await getCampaign(db, storeId, name, now),
    changed: withdrawn !== null,
    withdrawn: withdrawn ?? 0,
  };
}
