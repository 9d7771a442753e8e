export { registerShopperCommand } from './shopper.command.js';
export { DEFAULT_SHOPPER_RATE_LIMIT_PER_MINUTE, shopperRoutes } from './shopper.route.js';
export { accountPageRoutes } from './account-page.route.js';
export { shopperProgramRoutes } from './shopper-program.route.js';
export { widgetScriptRoutes } from './widget-script.route.js';
export { thankYouScriptRoutes } from './thank-you-script.route.js';
export { mintShopperToken } from './shopper-secret.service.js';
