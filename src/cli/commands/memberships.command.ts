import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars memberships ... and subscription offers.
export function registerMembershipsCommand(_program: Command): void {}
