#!/usr/bin/env node
import { runProgram } from './program.js';

/** Entry point of the `regulars` binary: the only place that calls process.exit. */
const exitCode = await runProgram(process.argv);
// A command that ran to its end leaves the process to exit when its work is done (serve keeps running).
if (exitCode !== undefined) process.exit(exitCode);
