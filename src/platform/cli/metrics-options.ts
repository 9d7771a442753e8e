import type { Command } from 'commander';
import { port } from './shared-options.js';

export interface MetricsFlags {
  metricsPort?: number;
  metricsHost: string;
}

/**
 * GET /metrics on a port of its own, off unless asked for, and on the loopback interface unless
 * told otherwise: the metrics name routes, jobs and volumes, which the internet need not see
 * (docs/operations.md).
 */
export function addMetricsOptions(command: Command): Command {
  return command
    .option(
      '--metrics-port <n>',
      'serve GET /metrics (Prometheus) on this port (0 picks a free one); off by default',
      port,
    )
    .option(
      '--metrics-host <address>',
      'address the metrics port listens on; keep it private (a firewall) when not 127.0.0.1',
      '127.0.0.1',
    );
}
