export { registerDemoCommand } from './demo.command.js';
export { registerGenerateCommand } from './generate.command.js';
export { demoMailRoutes } from './demo-mail.route.js';
export type { DemoMailbox } from './mail-catcher.adapter.js';
export type { CaughtMail } from './caught-mail.js';
