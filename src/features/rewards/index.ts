export { startRewardsScheduler } from './rewards-scheduler.service.js';
export { SYNC_CONCURRENCY } from './sync-rewards.service.js';
export { registerRewardsCommand } from './rewards.command.js';
export { ORDER_REWARD_HANDLERS, SCHEDULED_JOBS } from './rewards.registry.js';
