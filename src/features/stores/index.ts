export { missingForMarketing, type ShopProfile, shopTemplateData } from './shop-profile.js';
export { readShopProfile } from './shop-profile.service.js';
export { registerStoresCommand } from './stores.command.js';
