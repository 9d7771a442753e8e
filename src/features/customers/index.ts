export type { Customer, CustomerInput } from './customer.js';
export {
  type CustomerUpsertOutcome,
  checkCustomerInput,
  CUSTOMER_DEFAULTS,
  customerToRow,
  externalIdsOf,
  findCustomer,
  findCustomerByExternalId,
  lockAndFindCustomers,
  lockCustomer,
  lockCustomerByExternalId,
  upsertCustomerByExternalId,
  upsertVersionedCustomer,
} from './customer.repository.js';
export { CUSTOMER_COLUMNS, type CustomerTable } from './customer.table.js';
export type { CustomerIdentityTable, CustomerMergeTable } from './customer-identity.table.js';
export { normalizeEmail, normalizePhone } from './customer-match.js';
export { insertIdentities, resolveIncomingCustomers } from './customer-identity.repository.js';
export { upsertWouldChange } from './customer-upsert-change.js';
export { forEachCustomerPage } from './customer-pages.query.js';
export { type CustomerRefBody, customerRefSchema } from './customer.schema.js';
export { customer360 } from './customer-360.query.js';
export { customerByReference } from './customer-lookup.service.js';
export { customerRoutes } from './customers.route.js';
export { registerCustomersCommand } from './customers.command.js';
export { recordCustomerProfiles } from './record-customer-profiles.service.js';
export type { CustomerProfile } from './customer-profiles.repository.js';
export { type Adoption, type AdoptionConflict, adoptSourceIds } from './adopt-source-ids.service.js';
