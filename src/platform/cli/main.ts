#!/usr/bin/env node
import { CommanderError } from 'commander';
import { RegularsError } from '../errors.js';
import { buildProgram } from './program.js';

/** Entry point of the `regulars` binary: the only place that calls process.exit. */
async function main(): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or its own error message.
      process.exit(error.exitCode);
    }
    if (error instanceof RegularsError) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}

await main();
