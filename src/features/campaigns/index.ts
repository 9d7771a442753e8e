export { campaignRoutes } from './campaigns.route.js';
