import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/database.table.js';
import { previewTemplate, type TemplatePreview } from '../../messaging/index.js';
import { chooseDefinition, type FlowSources, plannerOf, templatesOf } from './manage-flows.service.js';

export interface FlowPreview {
  readonly flow: string;
  readonly channel: string;
  readonly templates: readonly TemplatePreview[];
}

/**
 * A flow's messages as its templates render them for the sample customer of each template's
 * sample.json (a campaign's copy over it), with the content lint's findings: exactly what the
 * enable gate checks, shown before enabling. Reads only.
 */
export async function previewFlow(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  sources: FlowSources,
): Promise<FlowPreview> {
  const { definition } = await chooseDefinition(db, storeId, name, { ...sources, files: undefined });
  const planner = plannerOf(sources, definition);
  const settings = planner.parseSettings(definition.settings, `flow ${name}`);
  const copy = planner.copyOf?.(settings) ?? undefined;
  const templates = [...new Set(templatesOf(planner, definition, settings))];
  return {
    flow: name,
    channel: definition.channel,
    templates: await Promise.all(
      templates.map((template) =>
        previewTemplate(sources.templatesDir, template, { data: copy, channel: definition.channel }),
      ),
    ),
  };
}
