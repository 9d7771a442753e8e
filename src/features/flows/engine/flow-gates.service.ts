import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/database.table.js';
import { RegularsError } from '../../../platform/errors.js';
import { isBlocked, lintTemplate } from '../../messaging/index.js';
import { missingForMarketing, readShopProfile } from '../../stores/index.js';
import { checkCopy, chooseDefinition, type FlowSources, plannerOf, templatesOf } from './manage-flows.service.js';

/**
 * One condition a flow must meet, as the console explains it: 'pass', 'fail' (enabling is refused
 * with `code`), 'warn' (enabling works, but something stops the messages), or 'unchecked' (checked
 * only when the flow is enabled: a SpamAssassin run takes a second or two).
 */
export interface FlowGate {
  readonly gate: 'settings' | 'templates' | 'copy' | 'shop-profile' | 'spam-score' | 'mail-transport';
  readonly status: 'pass' | 'fail' | 'warn' | 'unchecked';
  /** The error code enabling answers when this gate fails (docs/errors.md). */
  readonly code: string | null;
  readonly message: string;
}

export interface FlowGates {
  readonly flow: string;
  readonly enabled: boolean;
  readonly purpose: string;
  readonly channel: string;
  /** Whether enabling would pass every gate checked here (the SpamAssassin score is checked at enable). */
  readonly ready: boolean;
  readonly gates: readonly FlowGate[];
}

function failure(error: unknown): { code: string; message: string } {
  if (error instanceof RegularsError) return { code: error.code, message: error.message };
  throw error;
}

/**
 * The enable gates of a flow, evaluated now without enabling it, by the checks enableFlow runs
 * (manage-flows.service.ts), in its order, each reported rather than thrown; then what would hold
 * its messages back once enabled (no mail transport configured). Reads only.
 */
export async function flowGates(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  sources: FlowSources,
  options: { readonly now: string; readonly mailTransport: boolean },
): Promise<FlowGates> {
  const chosen = await chooseDefinition(db, storeId, name, { ...sources, files: undefined });
  const { definition } = chosen;
  const planner = plannerOf(sources, definition);
  const gates: FlowGate[] = [];

  let settings: unknown = null;
  try {
    settings = planner.parseSettings(definition.settings, `flow ${name}`);
    const problem = planner.enableProblem?.(settings, options.now) ?? null;
    gates.push(
      problem === null
        ? { gate: 'settings', status: 'pass', code: null, message: 'the settings are valid for this kind of flow' }
        : { gate: 'settings', status: 'fail', code: 'INVALID_FLOW', message: `${problem.field}: ${problem.message}` },
    );
  } catch (error) {
    gates.push({ gate: 'settings', status: 'fail', ...failure(error) });
  }

  if (settings !== null) {
    const templates = templatesOf(planner, definition, settings);
    const reports = await Promise.all(
      templates.map((template) => lintTemplate(sources.templatesDir, template, { channel: definition.channel })),
    );
    const blocked = reports.filter(isBlocked);
    gates.push(
      blocked.length === 0
        ? {
            gate: 'templates',
            status: 'pass',
            code: null,
            message: `${templates.join(', ')}: rendered with sample data, no blocking lint finding`,
          }
        : {
            gate: 'templates',
            status: 'fail',
            code: 'TEMPLATE_LINT_BLOCKED',
            message: blocked
              .map(
                (r) =>
                  `${r.template}: ${
                    r.error?.message ??
                    r.findings
                      .filter((f) => f.severity === 'blocking')
                      .map((f) => `${f.rule} (${f.where})`)
                      .join(', ')
                  }`,
              )
              .join('; '),
          },
    );
    if (planner.copyOf?.(settings) != null) {
      try {
        await checkCopy(sources, definition, settings, `flow ${name}`);
        gates.push({ gate: 'copy', status: 'pass', code: null, message: 'the copy passes the content lint' });
      } catch (error) {
        gates.push({ gate: 'copy', status: 'fail', ...failure(error) });
      }
    }
  }

  if (definition.channel === 'email') {
    const missing = missingForMarketing(await readShopProfile(db, storeId));
    gates.push(
      missing.length === 0
        ? {
            gate: 'shop-profile',
            status: 'pass',
            code: null,
            message: 'the shop profile has its web and postal address',
          }
        : {
            gate: 'shop-profile',
            status: 'fail',
            code: 'SHOP_PROFILE_INCOMPLETE',
            message: `every email carries the shop's ${missing.join(' and ')}: set them in Settings`,
          },
    );
    gates.push({
      gate: 'spam-score',
      status: 'unchecked',
      code: 'SPAM_SCORE_TOO_HIGH',
      message:
        sources.spamCheck.spamAssassin === null
          ? 'SpamAssassin is off (REGULARS_SPAMASSASSIN=off): the email is not scored'
          : `scored when enabled: each template must score at most ${sources.spamCheck.limit}`,
    });
    gates.push(
      options.mailTransport
        ? { gate: 'mail-transport', status: 'pass', code: null, message: 'an SMTP server is configured' }
        : {
            gate: 'mail-transport',
            status: 'warn',
            code: null,
            message: 'no SMTP server is configured (REGULARS_SMTP_URL): messages wait in the outbox until one is',
          },
    );
  }
  return {
    flow: name,
    enabled: chosen.enabled,
    purpose: planner.purpose,
    channel: definition.channel,
    ready: gates.every((g) => g.status !== 'fail'),
    gates,
  };
}
