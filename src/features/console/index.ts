export type { ClvDistribution, Overview, OverviewReport } from './overview.js';
export { overviewRoutes } from './overview.route.js';
