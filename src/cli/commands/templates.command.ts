import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars templates ...: render and lint message templates.
export function registerTemplatesCommand(_program: Command): void {}
