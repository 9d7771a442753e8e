export { registerAudiencesCommand } from './audiences.command.js';
export { audiencesSyncJob } from './audiences.job.js';
