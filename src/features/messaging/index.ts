export type { LintFinding } from './content-lint.js';
export type { Mailer } from './mailer.adapter.js';
export type { WebhookSender } from './webhook-channel.adapter.js';
export { builtInTemplatesDir, renderMessage, renderSms, templateCache } from './templates.adapter.js';
export { createSmtpMailer } from './mailer.adapter.js';
export { createWebhookSender } from './webhook-channel.adapter.js';
export {
  isBlocked,
  lintTemplate,
  previewTemplate,
  type TemplatePreview,
  type TemplateReport,
} from './lint-template.service.js';
export { composeEmail } from './compose-email.service.js';
export { registerTemplatesCommand } from './templates.command.js';
export { overSpamLimit, scoreTemplates, type SpamCheck, type TemplateSpamScore } from './score-templates.service.js';
export { buildRawEmail, type OutgoingEmail } from './email-message.adapter.js';
export { loadTemplate } from './templates.adapter.js';
export { hasOptOutLine, smsSize } from './sms-segment.js';
export { registerDoctorCommand } from './doctor-mail.command.js';
