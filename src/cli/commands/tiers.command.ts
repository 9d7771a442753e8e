import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars tiers ...: tier settings and evaluation; referrals.
export function registerTiersCommand(_program: Command): void {}
