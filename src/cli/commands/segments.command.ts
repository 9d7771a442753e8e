import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars segments ...: list, preview, refresh, explain.
export function registerSegmentsCommand(_program: Command): void {}
