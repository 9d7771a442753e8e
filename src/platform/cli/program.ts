import { Command } from 'commander';
import { registerAnalyzeCommand } from '../../analytics/analyze.command.js';
import { registerChallengesCommand } from '../../features/challenges/index.js';
import { registerCouponsCommand } from '../../features/coupons/index.js';
import { registerDemoCommand } from '../../features/demo/index.js';
import { registerFitCommand } from '../../analytics/fit.command.js';
import { registerFlowsCommand } from '../../features/flows/index.js';
import { registerGenerateCommand } from '../../features/demo/index.js';
import { registerImportCommand } from '../../features/orders/index.js';
import { registerLoyaltyCommand } from '../../features/loyalty/index.js';
import { registerMembershipsCommand } from '../../features/memberships/index.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerRewardsCommand } from '../../features/rewards/index.js';
import { registerSegmentsCommand } from '../../features/segments/index.js';
import { registerServeCommand } from './serve.command.js';
import { registerStoresCommand } from '../../features/stores/index.js';
import { registerSummaryCommand } from '../../analytics/summary.command.js';
import { registerTemplatesCommand } from '../../features/messaging/index.js';
import { registerTiersCommand } from '../../features/tiers/index.js';
import { registerReferralsCommand } from '../../features/referrals/index.js';
import { registerWorkerCommand } from '../../features/delivery/index.js';

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
  registerReferralsCommand(program);
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
