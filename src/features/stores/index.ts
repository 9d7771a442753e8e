export { missingForMarketing, type ShopProfile, shopOrigins, shopTemplateData } from './shop-profile.js';
export { readShopProfile, updateShopProfile } from './shop-profile.service.js';
export { registerStoresCommand } from './stores.command.js';
export { storeSettingsRoutes } from './store-settings.route.js';
export { originsOfEveryShop } from './shop-origins.query.js';
