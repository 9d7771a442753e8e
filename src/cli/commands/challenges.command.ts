import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars challenges ...: issue this week's challenges for a segment.
export function registerChallengesCommand(_program: Command): void {}
