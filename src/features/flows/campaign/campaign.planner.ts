import { resolveTimeZone } from '../../delivery/index.js';
import { RegularsError } from '../../../platform/errors.js';
import { campaignReason, type CampaignSettings, campaignTiming, parseCampaignSettings } from './campaign.js';
import { BUILT_IN_SEGMENTS } from '../../segments/index.js';
import type { SegmentRule } from '../../segments/index.js';
import { campaignRecipients } from './campaign.query.js';
import { findSegment } from '../../segments/index.js';
import { asOfNow } from '../../segments/index.js';
import type { FlowCandidate, FlowContext, FlowPlanner } from '../engine/flow-planner.js';

/** The audience: a built-in segment by key, the store's segment by id, or everyone (null). */
async function audience(
  ctx: FlowContext,
  segment: string | null,
): Promise<{ rule: SegmentRule | null; name: string | null }> {
  if (segment === null) return { rule: null, name: null };
  const builtIn = BUILT_IN_SEGMENTS.find((b) => b.key === segment);
  if (builtIn) return { rule: builtIn.rule, name: builtIn.name };
  const found = await findSegment(ctx.db, ctx.storeId, segment);
  // A missing segment stops the run loudly: sending to nobody (or everybody) would be silent.
  if (!found) {
    throw new RegularsError(
      'SEGMENT_NOT_FOUND',
      `flow ${ctx.flow}: settings.segment ${segment} is neither a segment of this store nor a built-in key (${BUILT_IN_SEGMENTS.map((b) => b.key).join(', ')})`,
      {
        id: segment,
        flow: ctx.flow,
      },
    );
  }
  return { rule: found.rule, name: found.name };
}

/**
 * Campaign: a newsletter or announcement to a segment at sendAt (docs/flows.md). Membership is the
 * segment's rule evaluated as of the send instant (or the window's end, if earlier), in one query.
 * Every candidate shares one data object and one reason string, so a million stay cheap.
 */
export const campaignFlow: FlowPlanner<CampaignSettings> = {
  kind: 'campaign',
  summary: "Sends a newsletter or announcement (settings.data) to a segment's members at settings.sendAt",
  purpose: 'marketing',
  priority: 35,
  templates: ['newsletter'],
  templatesFor: (settings) => [settings.template],
  copyOf: (settings) => settings.data,
  enableProblem: (settings, now) =>
    Date.parse(settings.sendAt) <= Date.parse(now)
      ? {
          field: 'settings.sendAt',
          message: `settings.sendAt ${settings.sendAt} has passed: a flow plans from the moment it is enabled, so this campaign would never go out; give it a time to come`,
        }
      : null,
  parseSettings: parseCampaignSettings,
  async plan(ctx, settings) {
    const timing = campaignTiming(settings, ctx.timeZone, ctx.window);
    if (!timing.possible) return [];
    const { rule, name } = await audience(ctx, settings.segment);
    const asOf = asOfNow(Date.parse(settings.sendAt) < Date.parse(ctx.window.to) ? settings.sendAt : ctx.window.to);
    const recipients = await campaignRecipients(ctx.db, ctx.storeId, rule, { asOf: asOf.instant, asOfDay: asOf.day });
    const reason = campaignReason(name, settings.sendAt, ctx.timeZone);
    const triggerKey = `campaign:${ctx.flow}`;
    const candidates: FlowCandidate[] = [];
    for (const r of recipients) {
      const sendAt = timing.sendAtIn(settings.localTime ? resolveTimeZone(r.timeZone, ctx.timeZone) : ctx.timeZone);
      if (sendAt === null) continue;
      candidates.push({
        customerId: r.customerId,
        externalId: r.externalId,
        triggerKey,
        sendAt,
        reason,
        template: settings.template,
        data: settings.data,
      });
    }
    return candidates;
  },
};
