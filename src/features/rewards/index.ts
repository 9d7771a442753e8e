export {
  type RewardsPassResult,
  type RewardsScheduler,
  type RewardsSchedulerLog,
  type RewardsSchedulerOptions,
  runRewardsPass,
  SCHEDULER_LEASE,
  startRewardsScheduler,
} from './rewards-scheduler.service.js';
export { rewardsHandled, SYNC_CONCURRENCY, syncRewards } from './sync-rewards.service.js';
export { registerRewardsCommand } from './rewards.command.js';
export { ORDER_REWARD_HANDLERS, SCHEDULED_JOBS } from './rewards.registry.js';
export { registerJobsCommand } from './jobs.command.js';
export { startBackgroundJobs } from './background-jobs.service.js';
