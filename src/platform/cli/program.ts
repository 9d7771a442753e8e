import { Command } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze.command.js';
import { registerChallengesCommand } from './commands/challenges.command.js';
import { registerCouponsCommand } from './commands/coupons.command.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerFitCommand } from './commands/fit.command.js';
import { registerFlowsCommand } from './commands/flows.command.js';
import { registerGenerateCommand } from './commands/generate.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerLoyaltyCommand } from './commands/loyalty.command.js';
import { registerMembershipsCommand } from './commands/memberships.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerRewardsCommand } from './commands/rewards.command.js';
import { registerSegmentsCommand } from './commands/segments.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { registerStoresCommand } from './commands/stores.command.js';
import { registerSummaryCommand } from './commands/summary.command.js';
import { registerTemplatesCommand } from './commands/templates.command.js';
import { registerTiersCommand } from './commands/tiers.command.js';
import { registerWorkerCommand } from './commands/worker.command.js';

/** The `regulars` command line, without running it (main.ts runs it). */
export function buildProgram(): Command {
  const program = new Command()
    .name('regulars')
    .description('Regulars: turn one-time buyers into regulars. Retention analytics and automation for online stores.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  registerAnalyzeCommand(program);
  registerSummaryCommand(program);
  registerFitCommand(program);
  registerGenerateCommand(program);
  registerDemoCommand(program);
  registerMigrateCommand(program);
  registerStoresCommand(program);
  registerCouponsCommand(program);
  registerLoyaltyCommand(program);
  registerTiersCommand(program);
  registerChallengesCommand(program);
  registerMembershipsCommand(program);
  registerRewardsCommand(program);
  registerSegmentsCommand(program);
  registerTemplatesCommand(program);
  registerFlowsCommand(program);
  registerWorkerCommand(program);
  registerImportCommand(program);
  registerServeCommand(program);
  return program;
}
