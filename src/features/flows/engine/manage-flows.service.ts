import type { Kysely } from 'kysely';
import { RegularsError } from '../../../platform/errors.js';
import type { FlowDefinition } from './flow-definition.js';
import { missingForMarketing } from '../../stores/index.js';
import type { LintFinding, SpamCheck, TemplateReport } from '../../messaging/index.js';
import type { SpamCheckConfig } from '../../../platform/config.js';
import { findStoredFlow, listStoredFlows, saveFlowDefinition, setFlowEnabled } from './flow.repository.js';
import type { Database } from '../../../platform/database/database.table.js';
import { inTransaction } from '../../../platform/database/transaction.js';
import { isBlocked, lintTemplate, overSpamLimit, scoreTemplates } from '../../messaging/index.js';
import { readShopProfile } from '../../stores/index.js';
import type { FlowFile } from './flow-files.reader.js';
import type { FlowPlanner } from './flow-planner.js';
import type { PlannerRegistry } from './flow-planners.registry.js';

/** Where flow definitions and templates come from for the management use cases. */
export interface FlowSources {
  readonly registry: PlannerRegistry;
  readonly builtIns: readonly FlowFile[];
  /** A folder's definitions (--flows DIR), preferred over the built-ins when enabling. */
  readonly files?: readonly FlowFile[];
  /** The templates folder the worker sends from (the lint gate checks these). */
  readonly templatesDir: string;
  /** The SpamAssassin gate: REGULARS_SPAMASSASSIN and REGULARS_SPAM_LIMIT (config.ts spamCheck). */
  readonly spamCheck: SpamCheckConfig;
  /** REGULARS_MAIL_FROM and REGULARS_UNSUBSCRIBE_MAILTO, so the scored message has the headers sent ones have. */
  readonly mail?: { readonly from: string | null; readonly unsubscribeMailto: string | null };
}

/** A flow as `regulars flows list` and GET /v1/flows show it. */
export interface FlowListing {
  readonly name: string;
  readonly kind: string;
  readonly description: string;
  /** The kind's one line: what it does. */
  readonly summary: string;
  readonly enabled: boolean;
  /** 'built-in' (not yet stored by the store), or where the stored definition came from. */
  readonly source: string;
  readonly stored: boolean;
  readonly channel: string;
  readonly purpose: string;
  readonly templates: readonly string[];
  readonly plannedUntil: string | null;
  /** The settings in effect: the definition's, completed with the kind's defaults. */
  readonly settings: unknown;
}

export function plannerOf(sources: FlowSources, definition: FlowDefinition): FlowPlanner {
  return sources.registry[definition.kind] as FlowPlanner;
}

export function templatesOf(planner: FlowPlanner, definition: FlowDefinition, settings: unknown): string[] {
  return (planner.templatesFor?.(settings) ?? planner.templates).map((t) => definition.templates[t] ?? t);
}

function listing(
  sources: FlowSources,
  definition: FlowDefinition,
  state: { enabled: boolean; source: string; stored: boolean; plannedUntil: string | null },
): FlowListing {
  const planner = plannerOf(sources, definition);
  const settings = planner.parseSettings(definition.settings, `flow ${definition.name}`);
  return {
    name: definition.name,
    kind: definition.kind,
    description: definition.description,
    summary: planner.summary,
    ...state,
    channel: definition.channel,
    purpose: planner.purpose,
    templates: templatesOf(planner, definition, settings),
    settings,
  };
}

/** The folder's or built-in flows alone (no store): what can be loaded and enabled. */
export function listAvailableFlows(sources: FlowSources): FlowListing[] {
  const files = new Map<string, FlowFile>();
  for (const file of [...sources.builtIns, ...(sources.files ?? [])]) files.set(file.definition.name, file);
  return [...files.values()]
    .map((f) => listing(sources, f.definition, { enabled: false, source: f.source, stored: false, plannedUntil: null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A store's flows: the ones it stored, and the built-ins it has not, which are off. */
export async function listFlows(db: Kysely<Database>, storeId: string, sources: FlowSources): Promise<FlowListing[]> {
  const byName = new Map<string, FlowListing>();
  for (const file of sources.builtIns)
    byName.set(
      file.definition.name,
      listing(sources, file.definition, { enabled: false, source: file.source, stored: false, plannedUntil: null }),
    );
  for (const flow of await listStoredFlows(db, storeId)) {
    byName.set(
      flow.definition.name,
      listing(sources, flow.definition, {
        enabled: flow.enabled,
        source: flow.source,
        stored: true,
        plannedUntil: flow.plannedUntil,
      }),
    );
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The gate on a flow's own copy (a campaign's subject and text, written in its settings rather
 * than in a template file): rendered in each template it fills, over the template's sample data,
 * it must pass the same content lint a template passes; CAMPAIGN_COPY_BLOCKED lists the blocking
 * findings. Returns the reports (their warnings are shown), or null for a flow without copy.
 */
export async function checkCopy(
  sources: FlowSources,
  definition: FlowDefinition,
  settings: unknown,
  where: string,
): Promise<TemplateReport[] | null> {
  const planner = plannerOf(sources, definition);
  const copy = planner.copyOf?.(settings) ?? null;
  if (copy === null) return null;
  const reports = await Promise.all(
    templatesOf(planner, definition, settings).map((template) =>
      lintTemplate(sources.templatesDir, template, { data: copy, channel: definition.channel }),
    ),
  );
  const blocked = reports.filter(isBlocked);
  if (blocked.length > 0) {
    const findings = blocked.flatMap((r) => r.findings.filter((f) => f.severity === 'blocking'));
    throw new RegularsError(
      'CAMPAIGN_COPY_BLOCKED',
      `${where}: the copy of flow ${definition.name} (settings.data) does not pass the content lint in template ${blocked.map((r) => r.template).join(', ')}: ${
        findings.map((f) => `${f.rule} (${f.where}): ${f.message}`).join('; ') ||
        blocked.map((r) => r.error?.message ?? '').join('; ')
      }`,
      {
        flow: definition.name,
        where,
        templates: blocked.map((r) => ({
          template: r.template,
          error: r.error,
          findings: r.findings.filter((f) => f.severity === 'blocking'),
        })),
      },
    );
  }
  return reports;
}

/**
 * The SpamAssassin gate, after the content lint: each of an email flow's templates, rendered with
 * its sample data (and a campaign's copy over it) into the full message, scores at most the limit,
 * or SPAM_SCORE_TOO_HIGH lists the templates above it with their score and rules. SpamAssassin off
 * or missing lets the flow through, and the answer says it was not scored and why.
 */
async function checkSpam(
  sources: FlowSources,
  definition: FlowDefinition,
  settings: unknown,
  where: string,
): Promise<SpamCheck> {
  if (definition.channel !== 'email')
    return {
      scored: false,
      reason: `flow ${definition.name} sends by ${definition.channel}: SpamAssassin scores email`,
    };
  const planner = plannerOf(sources, definition);
  const copy = planner.copyOf?.(settings) ?? undefined;
  const templates = [...new Set(templatesOf(planner, definition, settings))];
  const check = await scoreTemplates(sources.templatesDir, templates, sources.spamCheck, {
    data: copy,
    from: sources.mail?.from ?? null,
    unsubscribeMailto: sources.mail?.unsubscribeMailto ?? null,
  });
  const over = overSpamLimit(check);
  if (over.length > 0) {
    throw new RegularsError(
      'SPAM_SCORE_TOO_HIGH',
      `${where}: the email of flow ${definition.name} scores above the SpamAssassin limit ${over[0]!.limit} (REGULARS_SPAM_LIMIT): ${over
        .map((t) => `template ${t.template} scores ${t.score} (rules ${t.rules.join(', ') || 'none'})`)
        .join('; ')}`,
      { flow: definition.name, where, templates: over },
    );
  }
  return check;
}

/**
 * Checks every file's settings with its kind and a campaign's copy with the content lint, then
 * scores a campaign's copy with SpamAssassin (checkSpam), then stores them all (one transaction):
 * `regulars flows load DIR`. The copy is checked here too, as a load replaces the definition of a
 * flow that may already be enabled.
 */
export async function loadFlows(
  db: Kysely<Database>,
  storeId: string,
  files: readonly FlowFile[],
  sources: FlowSources,
  now: string,
): Promise<LoadOutcome> {
  const spamChecks: { flow: string; spamCheck: SpamCheck }[] = [];
  for (const file of files) {
    const settings = plannerOf(sources, file.definition).parseSettings(file.definition.settings, file.source);
    if ((await checkCopy(sources, file.definition, settings, file.source)) !== null)
      spamChecks.push({
        flow: file.definition.name,
        spamCheck: await checkSpam(sources, file.definition, settings, file.source),
      });
  }
  await inTransaction(db, async (trx) => {
    for (const file of files) await saveFlowDefinition(trx, storeId, file.definition, file.source, now);
  });
  return { count: files.length, spamChecks };
}

export interface LoadOutcome {
  /** How many definitions were stored. */
  readonly count: number;
  /** The SpamAssassin check of each campaign's copy (flows without copy are scored when enabled). */
  readonly spamChecks: readonly { readonly flow: string; readonly spamCheck: SpamCheck }[];
}

export interface EnableOutcome {
  readonly flow: string;
  /** False when it was already enabled (nothing changed). */
  readonly changed: boolean;
  /** Lint warnings of its templates: shown, not blocking. */
  readonly warnings: readonly (LintFinding & { readonly template: string })[];
  /** The SpamAssassin scores of its email, or why it was not scored (SpamAssassin off or not installed). */
  readonly spamCheck: SpamCheck;
}

/** The definition a flow is enabled with: the folder's (--flows), else the store's, else the built-in; FLOW_NOT_FOUND. */
export async function chooseDefinition(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  sources: FlowSources,
): Promise<FlowFile & { readonly enabled: boolean }> {
  const fromFiles = sources.files?.find((f) => f.definition.name === name);
  const stored = await findStoredFlow(db, storeId, name);
  const builtIn = sources.builtIns.find((f) => f.definition.name === name);
  const chosen = fromFiles ?? (stored === null ? builtIn : { definition: stored.definition, source: stored.source });
  if (chosen === undefined)
    throw new RegularsError('FLOW_NOT_FOUND', `there is no flow named ${name} (regulars flows list shows them)`, {
      flow: name,
    });
  return { ...chosen, enabled: stored?.enabled ?? false };
}

/**
 * Enables a flow after its gates: its settings are valid (and, for a campaign, its time has not
 * passed: planning starts now, so it would never go out); each of its templates renders with its
 * sample data and has no blocking lint finding (TEMPLATE_LINT_BLOCKED lists them; a flow on the
 * webhook channel needs each template's SMS part, which fits one SMS); a campaign's
 * copy passes the same lint in the template it fills (CAMPAIGN_COPY_BLOCKED); an email flow
 * needs the shop's web and postal address (SHOP_PROFILE_INCOMPLETE), and its messages, rendered,
 * must score at most the SpamAssassin limit (SPAM_SCORE_TOO_HIGH; checkSpam). The definition is the folder's
 * (--flows) when it has one by that name, else the store's, else the built-in; it is stored as it
 * is enabled, and planning starts from now (flow.repository.ts setFlowEnabled).
 */
export async function enableFlow(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  sources: FlowSources,
  now: string,
): Promise<EnableOutcome> {
  const chosen = await chooseDefinition(db, storeId, name, sources);
  const { definition } = chosen;
  const planner = plannerOf(sources, definition);
  const settings = planner.parseSettings(definition.settings, chosen.source);
  const problem = planner.enableProblem?.(settings, now) ?? null;
  if (problem !== null)
    throw new RegularsError('INVALID_FLOW', `${chosen.source}: ${problem.message}`, {
      field: problem.field,
      where: chosen.source,
    });

  const reports = await Promise.all(
    templatesOf(planner, definition, settings).map((template) =>
      lintTemplate(sources.templatesDir, template, { channel: definition.channel }),
    ),
  );
  const blocked = reports.filter(isBlocked);
  if (blocked.length > 0) {
    throw new RegularsError(
      'TEMPLATE_LINT_BLOCKED',
      `flow ${name} cannot be enabled: template ${blocked.map((r) => r.template).join(', ')} has blocking findings`,
      {
        flow: name,
        templates: blocked.map((r) => ({
          template: r.template,
          error: r.error,
          findings: r.findings.filter((f) => f.severity === 'blocking'),
        })),
      },
    );
  }
  const copyReports = await checkCopy(sources, definition, settings, chosen.source);
  if (definition.channel === 'email') {
    const missing = missingForMarketing(await readShopProfile(db, storeId));
    if (missing.length > 0) {
      throw new RegularsError(
        'SHOP_PROFILE_INCOMPLETE',
        `flow ${name} sends email, and every email carries the shop's ${missing.join(' and ')}: set them first (regulars stores profile ${storeId} --url ... --address ...)`,
        { missing },
      );
    }
  }
  // Last: one SpamAssassin run costs a second or two, the gates above a few milliseconds.
  const spamCheck = await checkSpam(sources, definition, settings, chosen.source);
  const changed = await inTransaction(db, async (trx) => {
    await saveFlowDefinition(trx, storeId, definition, chosen.source, now);
    return setFlowEnabled(trx, storeId, name, true, now);
  });
  return {
    flow: name,
    changed,
    warnings: (copyReports ?? reports).flatMap((r) =>
      r.findings.filter((f) => f.severity === 'warning').map((f) => ({ ...f, template: r.template })),
    ),
    spamCheck,
  };
}

export async function disableFlow(db: Kysely<Database>, storeId: string, name: string, now: string): Promise<boolean> {
  if ((await findStoredFlow(db, storeId, name)) === null)
    throw new RegularsError('FLOW_NOT_FOUND', `store ${storeId} has no stored flow named ${name}`, { flow: name });
  return setFlowEnabled(db, storeId, name, false, now);
}
