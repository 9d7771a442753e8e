import { type Command, InvalidArgumentError } from 'commander';
import { addDatabaseOption, type DatabaseFlags } from '../database-options.js';
import { positiveInteger } from '../shared-options.js';

interface ServeFlags extends DatabaseFlags {
  port: number;
  host: string;
  rateLimit: number;
  logLevel: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return n;
}

function nonNegativeInteger(value: string): number {
  return value === '0' ? 0 : positiveInteger(value);
}

export function registerServeCommand(program: Command): void {
  addDatabaseOption(
    program
      .command('serve')
      .description('run the HTTP API and the Shopify webhook receiver (migrates the database first)')
      .option('--port <n>', 'port to listen on (0 picks a free one)', port, 8080)
      .option('--host <address>', 'address to listen on; 0.0.0.0 for every interface', '127.0.0.1')
      .option('--rate-limit <n>', 'requests per API key per minute; 0 turns the limit off', nonNegativeInteger, 60_000)
      .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', 'info'),
  ).action(async (flags: ServeFlags) => {
    const [
      { withDatabase },
      { buildApp },
      { loggerOptions },
      { deleteIdempotencyKeysBefore, IDEMPOTENCY_KEY_RETENTION_MS },
      { startRewardsScheduler },
      { ORDER_REWARD_HANDLERS, SCHEDULED_JOBS },
    ] = await Promise.all([
      import('../database-session.js'),
      import('../../http/build-app.js'),
      import('../../http/logging.js'),
      import('../../store/repositories/idempotency-key.repository.js'),
      import('../../app/rewards-scheduler.js'),
      import('../../app/rewards-registry.js'),
    ]);
    await withDatabase(flags, async (db, { target }) => {
      const app = await buildApp({ db, dialect: target.kind, logger: loggerOptions(flags.logLevel), rateLimitPerMinute: flags.rateLimit });
      const address = await app.listen({ port: flags.port, host: flags.host });
      const { describeTarget } = await import('../../store/database.js');
      // One line a script can wait for and read the address from (tests start the server with --port 0).
      process.stdout.write(`regulars listening on ${address} (${describeTarget(target)})\n`);

      const sweep = setInterval(() => {
        deleteIdempotencyKeysBefore(db, new Date(Date.now() - IDEMPOTENCY_KEY_RETENTION_MS).toISOString()).catch((error: unknown) =>
          app.log.error({ err: error }, 'could not delete expired idempotency keys'),
        );
      }, 3600 * 1000);
      sweep.unref();
      const rewards = startRewardsScheduler(db, { handlers: ORDER_REWARD_HANDLERS, jobs: SCHEDULED_JOBS, log: app.log });

      // Stop on Ctrl-C or a service manager's TERM: finish the requests in flight, then close the database.
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          clearInterval(sweep);
          // Requests first (they may write orders), then the rewards run in progress, then the database.
          void app
            .close()
            .then(() => rewards.stop())
            .then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stdout.write('regulars stopped\n');
    });
  });
}
