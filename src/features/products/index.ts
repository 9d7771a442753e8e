export type { ProductTable } from './product.table.js';
export { productRoutes } from './products.route.js';
