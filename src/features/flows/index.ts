export type { FlowTable } from './engine/flow.table.js';
export { registerFlowsCommand } from './flows.command.js';
export { flowsPlanJob } from './engine/flows.job.js';
export { flowRoutes } from './flows.route.js';
export { enableFlow } from './engine/manage-flows.service.js';
export { builtInFlowSources } from './engine/flow-sources.reader.js';
export type { FlowSources } from './engine/manage-flows.service.js';
export { parseFlowDefinition } from './engine/flow-definition.js';
