import { Command, CommanderError } from 'commander';
import { RegularsError } from '../errors.js';
import { registerAnalyzeCommand } from '../../analytics/analyze.command.js';
import { registerBackupCommand } from './backup.command.js';
import { registerChallengesCommand } from '../../features/challenges/index.js';
import { registerCouponsCommand } from '../../features/coupons/index.js';
import { registerCustomersCommand } from '../../features/customers/index.js';
import { registerDemoCommand } from '../../features/demo/index.js';
import { registerFitCommand } from '../../analytics/fit.command.js';
import { registerFlowsCommand } from '../../features/flows/index.js';
import { registerGenerateCommand } from '../../features/demo/index.js';
import { registerImportCommand } from '../../features/orders/index.js';
import { registerJobsCommand } from '../../features/rewards/index.js';
import { registerLoyaltyCommand } from '../../features/loyalty/index.js';
import { registerMembershipsCommand } from '../../features/memberships/index.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerRewardsCommand } from '../../features/rewards/index.js';
import { registerSegmentsCommand } from '../../features/segments/index.js';
import { registerSurveysCommand } from '../../features/surveys/index.js';
import { registerServeCommand } from './serve.command.js';
import { registerStoresCommand } from '../../features/stores/index.js';
import { registerSummaryCommand } from '../../analytics/summary.command.js';
import { registerTemplatesCommand } from '../../features/messaging/index.js';
import { registerDoctorCommand } from '../../features/messaging/index.js';
import { registerTiersCommand } from '../../features/tiers/index.js';
import { registerReferralsCommand } from '../../features/referrals/index.js';
import { registerWorkerCommand } from '../../features/delivery/index.js';
import { registerUsersCommand } from '../../features/console/index.js';
import { registerShopperCommand } from '../../features/shopper/index.js';
import { registerAudiencesCommand } from '../../features/audiences/index.js';
import { registerShopDiscountsCommand } from '../../features/shop-discounts/index.js';
import { registerWooCommerceCommand } from '../../features/woocommerce/index.js';
import { registerSmsCommand } from '../../features/sms/index.js';
import { registerBouncesCommand } from '../../features/bounces/index.js';
import { registerShopifyBackfillCommand } from '../../features/shopify/index.js';
import { registerShopifyCommand } from '../../features/shopify/index.js';
import { registerOutgoingWebhooksCommand } from '../../features/outgoing-webhooks/index.js';

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
  registerBackupCommand(program);
  registerStoresCommand(program);
  registerUsersCommand(program);
  registerCustomersCommand(program);
  registerCouponsCommand(program);
  registerLoyaltyCommand(program);
  registerTiersCommand(program);
  registerReferralsCommand(program);
  registerChallengesCommand(program);
  registerMembershipsCommand(program);
  registerShopperCommand(program);
  registerShopifyCommand(program);
  registerRewardsCommand(program);
  registerSegmentsCommand(program);
  registerAudiencesCommand(program);
  registerShopDiscountsCommand(program);
  registerSurveysCommand(program);
  registerTemplatesCommand(program);
  registerFlowsCommand(program);
  registerWorkerCommand(program);
  registerImportCommand(program);
  registerServeCommand(program);
  registerJobsCommand(program);
  registerWooCommerceCommand(program);
  registerSmsCommand(program);
  registerShopifyBackfillCommand(program);
  registerBouncesCommand(program);
  registerOutgoingWebhooksCommand(program);
  registerDoctorCommand(program);
  return program;
}

/**
 * Runs the command line (argv as process.argv: node, script, arguments) and answers the exit code
 * of a failure: commander's own (it has printed help, the version or its message), 2 for a
 * RegularsError, 1 for anything unexpected; undefined when the command ran to its end. The error is
 * written to stderr here; exiting is the caller's (main.ts; the tests run it in-process).
 */
export async function runProgram(argv: readonly string[]): Promise<number | undefined> {
  const program = buildProgram();
  // Subcommands copy the exit override when they are created, so set it on each of them too.
  const overrideExit = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExit);
  };
  overrideExit(program);
  try {
    await program.parseAsync(argv);
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof RegularsError) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
