import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import type { MessagingConfig } from '../../platform/config.js';
import type { FlowSources } from '../flows/index.js';
import {
  isBlocked,
  lintTemplate,
  loadTemplate,
  type Mailer,
  renderMessage,
  scoreTemplates,
  type SpamCheck,
  type TemplateReport,
} from '../messaging/index.js';
import { readShopProfile, shopTemplateData } from '../stores/index.js';
import { listStaffUsers } from '../console/index.js';
import { CAMPAIGN_TEMPLATE, type CampaignDraftInput, campaignData } from './campaign-draft.js';

/** The copy of a campaign being composed: what preview, lint and test send take. */
export type CampaignCopy = Pick<CampaignDraftInput, 'subject' | 'preheader' | 'body'>;

/**
 * The data the newsletter renders with for a preview or a test send: the template's sample (a
 * sample customer, sample unsubscribe links), the store's own shop profile over the sample shop
 * where it has a value, and the campaign's copy.
 */
async function previewData(
  db: Kysely<Database>,
  storeId: string,
  sample: Record<string, unknown>,
  copy: CampaignCopy,
): Promise<Record<string, unknown>> {
  const shop: Record<string, unknown> = { ...(sample.shop as Record<string, unknown>) };
  for (const [key, value] of Object.entries(shopTemplateData(await readShopProfile(db, storeId))))
    if (value !== '' && value !== null) shop[key] = value;
  return { ...sample, shop, ...campaignData({ ...copy, body: copy.body }) };
}

export interface CampaignPreview {
  readonly subject: string;
  readonly preheader: string;
  readonly html: string;
  readonly text: string;
  /** Who the preview is rendered for: the template's sample customer. */
  readonly customer: Readonly<Record<string, unknown>>;
}

/**
 * Renders the copy in the newsletter template with renderMessage, the function the delivery
 * worker renders every message with (composeEmail), for the sample customer. A Liquid mistake in
 * the body is TEMPLATE_SYNTAX_ERROR or TEMPLATE_RENDER_FAILED, naming the line.
 */
export async function previewCampaign(
  db: Kysely<Database>,
  storeId: string,
  copy: CampaignCopy,
  sources: FlowSources,
): Promise<CampaignPreview> {
  const template = await loadTemplate(sources.templatesDir, CAMPAIGN_TEMPLATE);
  const data = await previewData(db, storeId, template.sample ?? {}, copy);
  const message = await renderMessage(template, data);
  return {
    ...message,
    preheader: (copy.preheader ?? '').trim(),
    customer: (data.customer as Record<string, unknown> | undefined) ?? {},
  };
}

export interface CampaignLint {
  readonly template: string;
  readonly findings: TemplateReport['findings'];
  /** Why it did not render (a Liquid mistake), which blocks like a blocking finding. */
  readonly error: TemplateReport['error'];
  /** True when scheduling would be refused for the copy (CAMPAIGN_COPY_BLOCKED). */
  readonly blocked: boolean;
  /** The SpamAssassin score of the whole message, or why it was not scored. */
  readonly spamCheck: SpamCheck;
  /** True when the score is above the limit (SPAM_SCORE_TOO_HIGH at schedule). */
  readonly overSpamLimit: boolean;
}

/**
 * The checks scheduling will make of the copy, made now so they are seen first: the content lint
 * of the copy in its template (lintTemplate, as enableFlow's copy gate runs it) and the
 * SpamAssassin score of the full message (scoreTemplates, as the spam gate runs it). A copy that
 * does not render is not scored.
 */
export async function lintCampaign(copy: CampaignCopy, sources: FlowSources): Promise<CampaignLint> {
  const data = campaignData({ ...copy, body: copy.body });
  const report = await lintTemplate(sources.templatesDir, CAMPAIGN_TEMPLATE, { data, channel: 'email' });
  const spamCheck: SpamCheck =
    report.error !== null
      ? { scored: false, reason: `the copy does not render: ${report.error.message}` }
      : await scoreTemplates(sources.templatesDir, [CAMPAIGN_TEMPLATE], sources.spamCheck, {
          data,
          from: sources.mail?.from ?? null,
          unsubscribeMailto: sources.mail?.unsubscribeMailto ?? null,
        });
  return {
    template: report.template,
    findings: report.findings,
    error: report.error,
    blocked: isBlocked(report),
    spamCheck,
    overSpamLimit: spamCheck.scored && spamCheck.templates.some((t) => t.score > t.limit),
  };
}

export interface TestSendRequest {
  readonly copy: CampaignCopy;
  /** The staff address to send to; the signed-in user's when left out. */
  readonly to: string | null;
  readonly signedInEmail: string | null;
}

/** The mail settings a test send needs, or SMTP_NOT_CONFIGURED naming what is missing. */
export function testSendSettings(messaging: MessagingConfig): { smtpUrl: string; from: string } {
  const missing = [
    ...(messaging.smtpUrl === null ? ['REGULARS_SMTP_URL'] : []),
    ...(messaging.mailFrom === null ? ['REGULARS_MAIL_FROM'] : []),
  ];
  if (missing.length > 0)
    throw new RegularsError(
      'SMTP_NOT_CONFIGURED',
      `a test send needs the server's mail settings: set ${missing.join(' and ')} and restart the server`,
      { missing },
    );
  return { smtpUrl: messaging.smtpUrl!, from: messaging.mailFrom! };
}

/**
 * Sends the copy, rendered as the preview is (sample customer, the store's shop), to one staff
 * address through the configured SMTP server, with "[Test]" before the subject. Only the store's
 * staff addresses are allowed (TEST_SEND_NOT_STAFF): a test send must not be a way to mail anyone.
 * It is not a campaign message: no customer, no outbox, no consent to check.
 */
export async function testSendCampaign(
  db: Kysely<Database>,
  storeId: string,
  request: TestSendRequest,
  sources: FlowSources,
  mail: { readonly mailer: Mailer; readonly from: string },
): Promise<{ to: string; messageId: string; subject: string }> {
  const to = (request.to ?? request.signedInEmail ?? '').trim();
  if (to === '')
    throw new RegularsError('INVALID_ARGUMENT', 'to is required: the staff address to send the test to', {
      field: 'to',
    });
  const staff = await listStaffUsers(db, storeId);
  if (!staff.some((user) => user.email.toLowerCase() === to.toLowerCase()))
    throw new RegularsError(
      'TEST_SEND_NOT_STAFF',
      `${to} is not the address of a staff user of this store: a test send goes to staff only (regulars users list)`,
      { to, field: 'to' },
    );
  const preview = await previewCampaign(db, storeId, request.copy, sources);
  const template = await loadTemplate(sources.templatesDir, CAMPAIGN_TEMPLATE);
  const unsubscribeUrl = template.sample?.unsubscribe_url;
  const subject = `[Test] ${preview.subject}`;
  const sent = await mail.mailer.send({
    from: mail.from,
    to,
    subject,
    html: preview.html,
    text: preview.text,
    idempotencyKey: `campaign-test:${storeId}:${randomUUID()}`,
    unsubscribe:
      typeof unsubscribeUrl === 'string'
        ? { url: unsubscribeUrl, mailto: sources.mail?.unsubscribeMailto ?? null }
        : null,
  });
  return { to, messageId: sent.messageId, subject };
}
