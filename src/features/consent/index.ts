export type { SuppressionTable } from './suppression.table.js';
export {
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  type ConsentChannel,
  type ConsentInput,
  type ConsentRecord,
  type ConsentStatus,
} from './consent.js';
export { CONSENT_RECORD_COLUMNS, type ConsentRecordRow, type ConsentRecordTable } from './consent-record.table.js';
export { consentInEffect, currentConsent } from './consent.repository.js';
export { recordConsent } from './record-consent.service.js';
export { type ImportedConsent, recordImportedConsent } from './record-imported-consent.service.js';
export { listSuppressions } from './suppression.repository.js';
export { unsubscribeByToken, unsubscribeLinks } from './unsubscribe.service.js';
export { unsubscribeRoutes } from './unsubscribe.route.js';
export { suppressionRoutes } from './suppressions.route.js';
export type { CustomerPreferenceTable } from './customer-preference.table.js';
export {
  DEFAULT_PREFERENCES,
  FREQUENCIES,
  FREQUENCY_LABELS,
  type Frequency,
  type PreferenceChange,
  PREFERENCE_TOPICS,
  type PreferenceTopic,
  type Preferences,
  preferenceHold,
  preferencesFromStored,
  SNOOZE_DAYS,
  TOPIC_LABELS,
} from './preferences.js';
export { changeCustomerPreferences, customerPreferences, type PreferenceUpdate } from './preferences.service.js';
export { preferenceChangeFromForm, preferenceFieldsHtml } from './preference-form.js';
export { storedPreferencesFromRow } from './preference.repository.js';
export { normalizeAddress } from './suppression.js';
export { deleteSuppression, recordSuppression } from './suppression.repository.js';
