import { readBuiltInFlows } from './flow-files.reader.js';
import { FLOW_PLANNERS } from './flow-planners.registry.js';
import type { FlowSources } from './manage-flows.service.js';
import { builtInTemplatesDir } from '../../messaging/index.js';
import type { Config } from '../../../platform/config.js';

/**
 * The built-in flows and the gates' settings from the configuration: what `regulars flows`,
 * the flows routes and the demo enable flows against. `templatesDir` is the folder the worker
 * sends from (the built-in templates when left out).
 */
export async function builtInFlowSources(config: Config, templatesDir?: string): Promise<FlowSources> {
  return {
    registry: FLOW_PLANNERS,
    builtIns: await readBuiltInFlows(),
    templatesDir: templatesDir ?? builtInTemplatesDir(),
    spamCheck: config.spamCheck,
    mail: { from: config.messaging.mailFrom, unsubscribeMailto: config.messaging.unsubscribeMailto },
  };
}
