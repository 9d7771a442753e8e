export { registerDemoCommand } from './demo.command.js';
export { registerGenerateCommand } from './generate.command.js';
