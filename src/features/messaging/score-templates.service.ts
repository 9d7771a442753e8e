import type { SpamCheckConfig } from '../../platform/config.js';
import { buildRawEmail } from './email-message.adapter.js';
import { scoreWithSpamAssassin } from './spamassassin.adapter.js';
import { loadTemplate, renderMessage } from './templates.adapter.js';

/** One template's score, and the limit it was held to. */
export interface TemplateSpamScore {
  readonly template: string;
  readonly score: number;
  readonly limit: number;
  readonly rules: readonly string[];
}

/** What the SpamAssassin check found, or why the messages were not scored (SpamAssassin off or missing). */
export type SpamCheck =
  | { readonly scored: true; readonly limit: number; readonly templates: readonly TemplateSpamScore[] }
  | { readonly scored: false; readonly reason: string };

export interface ScoreTemplatesOptions {
  /** Data over each template's sample: a campaign's own copy. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The From header (REGULARS_MAIL_FROM); without one, the sample shop's name and support address. */
  readonly from?: string | null;
  /** REGULARS_UNSUBSCRIBE_MAILTO, which adds the mailto form to List-Unsubscribe. */
  readonly unsubscribeMailto?: string | null;
  readonly timeoutMs?: number;
}

/** A fixed Date keeps the score of the same copy the same from one enable to the next. */
const SCORED_DATE = new Date('2026-03-03T09:00:00Z');

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function addressOf(person: unknown, fallback: string): string {
  const p = (person ?? {}) as Record<string, unknown>;
  const email = text(p.email) ?? text(p.support_email) ?? fallback;
  const name = text(p.name) ?? [text(p.first_name), text(p.last_name)].filter((s) => s !== null).join(' ');
  return name === '' ? email : `"${name.replace(/["\\]/g, '')}" <${email}>`;
}

/**
 * Renders each template of `dir` with its sample data (and options.data over it) into the full
 * message Regulars would send (buildRawEmail: headers, both parts, List-Unsubscribe) and scores them
 * all in one SpamAssassin run. A template that does not render is an error: the content lint, which
 * runs first, refuses it.
 */
export async function scoreTemplates(
  dir: string,
  names: readonly string[],
  config: SpamCheckConfig,
  options: ScoreTemplatesOptions = {},
): Promise<SpamCheck> {
  if (config.spamAssassin === null) return { scored: false, reason: 'REGULARS_SPAMASSASSIN is off' };
  const raws = await Promise.all(
    names.map(async (name, i) => {
      const template = await loadTemplate(dir, name);
      const sample = template.sample ?? {};
      const message = await renderMessage(template, { ...sample, ...options.data });
      const unsubscribeUrl = text(sample.unsubscribe_url);
      return buildRawEmail({
        from: options.from ?? addressOf(sample.shop, 'shop@regulars.invalid'),
        to: addressOf(sample.customer, 'customer@regulars.invalid'),
        ...message,
        idempotencyKey: `spam-check:${i}:${name}`,
        unsubscribe:
          unsubscribeUrl === null ? null : { url: unsubscribeUrl, mailto: options.unsubscribeMailto ?? null },
        date: SCORED_DATE,
      });
    }),
  );
  const result = await scoreWithSpamAssassin(raws, { binary: config.spamAssassin, timeoutMs: options.timeoutMs });
  if (!result.available) return { scored: false, reason: result.reason };
  return {
    scored: true,
    limit: config.limit,
    templates: names.map((template, i) => ({ template, limit: config.limit, ...result.scores[i]! })),
  };
}

/** The templates scoring above the limit (a score equal to it passes). */
export function overSpamLimit(check: SpamCheck): TemplateSpamScore[] {
  return check.scored ? check.templates.filter((t) => t.score > t.limit) : [];
}
