import type { Command } from 'commander';

// PLACEHOLDER (scaffolding): regulars worker (the delivery loop) and regulars outbox ... commands.
export function registerWorkerCommand(_program: Command): void {}
