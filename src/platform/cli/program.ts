import { Command } from 'commander';
import { registerAnalyzeCommand } from '../../analytics/analyze.command.js';
import { registerChallengesCommand } from '../../features/challenges/challenges.command.js';
import { registerCouponsCommand } from '../../features/coupons/coupons.command.js';
import { registerDemoCommand } from '../../features/demo/demo.command.js';
import { registerFitCommand } from '../../analytics/fit.command.js';
import { registerFlowsCommand } from '../../features/flows/flows.command.js';
import { registerGenerateCommand } from '../../features/demo/generate.command.js';
import { registerImportCommand } from '../../features/orders/import.command.js';
import { registerLoyaltyCommand } from '../../features/loyalty/loyalty.command.js';
import { registerMembershipsCommand } from '../../features/memberships/memberships.command.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerRewardsCommand } from '../../features/rewards/rewards.command.js';
import { registerSegmentsCommand } from '../../features/segments/segments.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerStoresCommand } from '../../features/stores/stores.command.js';
import { registerSummaryCommand } from '../../analytics/summary.command.js';
import { registerTemplatesCommand } from '../../features/messaging/templates.command.js';
import { registerTiersCommand } from '../../features/tiers/tiers.command.js';
import { registerWorkerCommand } from '../../features/delivery/worker.command.js';

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
