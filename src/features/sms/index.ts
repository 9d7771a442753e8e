export { createSmsChannel, type SmsChannelOptions } from './deliver-sms.service.js';
export { inboundSmsRoutes } from './inbound-sms.route.js';
export { smsSettingsRoutes } from './sms-settings.route.js';
export { registerSmsCommand } from './sms.command.js';
export { SMS_COUNTRY_RULES, smsSendWindow } from './sms-country-rules.js';
export { smsParts } from './sms-parts.js';
