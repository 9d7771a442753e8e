import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars loyalty ...: program settings, sync, expiry, liability report.
export function registerLoyaltyCommand(_program: Command): void {}
