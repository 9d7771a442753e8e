import { RegularsError } from '../../platform/errors.js';
import { type LintFinding, lintMessage, lintTemplateSource } from './content-lint.js';
import { loadTemplate, renderMessage, renderSms } from './templates.adapter.js';

/** A template's lint: its findings, or why it could not be rendered with its sample data (which blocks). */
export interface TemplateReport {
  readonly template: string;
  readonly findings: readonly LintFinding[];
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface LintTemplateOptions {
  /**
   * Data that replaces the sample's variables of the same name: a campaign's own copy
   * (`campaign.subject`, `campaign.intro`...), linted in the template it fills. The sample still
   * gives the shop, the customer and the unsubscribe link.
   */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The channel the template is sent on: 'webhook' and 'sms' require its SMS part. */
  readonly channel?: 'email' | 'webhook' | 'sms';
}

/** A template rendered for a preview, with its lint: what the console shows before a flow is enabled. */
export interface TemplatePreview extends TemplateReport {
  /** The rendered message, or null when it could not be rendered (error says why). */
  readonly message: { readonly subject: string; readonly html: string; readonly text: string } | null;
  /** The rendered SMS part, or null when the template has none. */
  readonly sms: string | null;
}

/**
 * Renders template `name` of `dir` with its sample.json (and options.data over it) and runs the
 * content lint, keeping the rendered message: lintTemplate's report, plus what it rendered.
 */
export async function previewTemplate(
  dir: string,
  name: string,
  options: LintTemplateOptions = {},
): Promise<TemplatePreview> {
  try {
    const template = await loadTemplate(dir, name);
    if (template.sample === null) {
      return {
        template: name,
        findings: [],
        message: null,
        sms: null,
        error: {
          code: 'TEMPLATE_RENDER_FAILED',
          message: `${name}/sample.json is missing: the lint renders each template with its sample data`,
        },
      };
    }
    const data = { ...template.sample, ...options.data };
    const message = await renderMessage(template, data);
    const sms = template.sms == null ? null : await renderSms(template, data);
    const unsubscribeUrl = typeof template.sample.unsubscribe_url === 'string' ? template.sample.unsubscribe_url : null;
    const findings = [
      ...lintTemplateSource({ subject: template.subject, html: template.html, text: template.text, sms: template.sms }),
      ...lintMessage({
        ...message,
        unsubscribeUrl,
        sms,
        smsRequired: options.channel === 'webhook' || options.channel === 'sms',
      }),
    ];
    return { template: name, findings, error: null, message, sms };
  } catch (error) {
    if (!(error instanceof RegularsError)) throw error;
    return {
      template: name,
      findings: [],
      error: { code: error.code, message: error.message },
      message: null,
      sms: null,
    };
  }
}

/**
 * Renders template `name` of `dir` with its sample.json (and options.data over it) and runs the
 * content lint: what `regulars templates lint` prints for each template and what gates enabling a
 * flow.
 */
export async function lintTemplate(
  dir: string,
  name: string,
  options: LintTemplateOptions = {},
): Promise<TemplateReport> {
  const { template, findings, error } = await previewTemplate(dir, name, options);
  return { template, findings, error };
}

export function isBlocked(report: TemplateReport): boolean {
  return report.error !== null || report.findings.some((f) => f.severity === 'blocking');
}
