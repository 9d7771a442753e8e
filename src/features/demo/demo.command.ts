import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { dayFromIso, ymdFromDay } from '../../analytics/day.js';
import { loadStoreLayer } from '../../platform/cli/database-options.js';
import { runAnalyze } from '../../analytics/analyze.command.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { dateText, port, positiveInteger } from '../../platform/cli/shared-options.js';
import type { ServeFlags } from '../../platform/cli/serve.command.js';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { GENERATE_DEFAULTS, runGenerate } from './generate.command.js';
import type { MailCatcher } from './mail-catcher.adapter.js';
import { DEMO_HISTORY_DAYS, DEMO_MAIL_FROM, DEMO_OWNER_EMAIL, DEMO_STORE, DEMO_TIME_ZONE } from './demo-store.js';

const DEMO_HOLDOUT_WEEKS = 26;
const DEMO_PORT = 8080;
const DEMO_HOST = '127.0.0.1';

interface DemoFlags {
  out: string;
  customers: number;
  today?: string;
  serve: boolean;
  port: number;
}

/** The store's date now: its history ends today where the shop is, not where the clock's UTC is. */
function todayInStoreZone(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE }).format(now);
}

/** Whether something listens on the port already (the demo then takes a free one, and says so). */
function portIsFree(portNumber: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(portNumber, DEMO_HOST, () => probe.close(() => resolve(true)));
  });
}

/**
 * The demo enables its flows without the SpamAssassin gate: a run costs seconds of CPU per flow,
 * and the demo enables built-in templates, which the test suite scores. The other gates (the
 * template lint, the shop profile) are checked as for any store.
 */
function withoutSpamAssassin(config: Config): Config {
  return { ...config, spamCheck: { ...config.spamCheck, spamAssassin: null } };
}

/** What the demo found or made in DIR/regulars.db. */
interface DemoDatabase {
  readonly storeId: string;
  /** Shown once, when the store is made (as `stores create` does). */
  readonly apiKey: string | null;
  /** The owner's console login; the password is null when DIR/owner-login.txt is gone. */
  readonly owner: { readonly email: string; readonly password: string | null };
}

/**
 * The owner's password is drawn when the store is made and kept beside the database it opens, so
 * that every later demo in the folder can print it again (the store keeps only its hash).
 */
const ownerLoginFile = (out: string) => join(out, 'owner-login.txt');

async function readOwnerPassword(out: string): Promise<string | null> {
  const text = await readFile(ownerLoginFile(out), 'utf8').catch(() => null);
  return text?.split('\n')[1]?.trim() || null;
}

/**
 * Generates the store's history up to `today`, reports on it, loads it into DIR/regulars.db and
 * brings the store to life (living-store.service.ts). A store made by an earlier demo in the same
 * folder is reused as it is: nothing is generated or written again.
 */
async function prepareDemo(flags: DemoFlags, file: string, now: Date): Promise<DemoDatabase> {
  const [{ withDatabase, createStore, listStores }, orders, living, flows, config] = await Promise.all([
    loadStoreLayer(),
    import('../orders/index.js'),
    import('./living-store.service.js'),
    import('../flows/index.js'),
    import('../../platform/config.js'),
  ]);
  const existing = await withDatabase({ db: file }, async (db) => {
    const store = (await listStores(db)).find((s) => s.name === DEMO_STORE);
    return store !== undefined && (await living.isStoreLiving(db, store.id)) ? store : null;
  });
  if (existing !== null) {
    process.stderr.write(
      `reusing the demo store ${existing.id} in ${file} as it is (delete ${flags.out} for a fresh one whose history ends today)\n`,
    );
    return { storeId: existing.id, apiKey: null, owner: { email: DEMO_OWNER_EMAIL, password: await readOwnerPassword(flags.out) } };
  }

  const today = flags.today ?? todayInStoreZone(now);
  const lastDay = dayFromIso(today);
  const ordersFile = join(flags.out, 'orders.csv');
  const started = performance.now();
  const generated = await runGenerate({
    customers: flags.customers,
    seed: GENERATE_DEFAULTS.seed,
    start: ymdFromDay(lastDay - DEMO_HISTORY_DAYS + 1),
    days: DEMO_HISTORY_DAYS,
    out: ordersFile,
  });
  process.stderr.write(
    `generated ${generated.customers.toLocaleString('en-US')} customers, ${generated.orders.toLocaleString('en-US')} orders up to ${today} into ${ordersFile} ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  // The demo shows the predictions with a backtest: the models learn from all but the last 26
  // weeks of the store's history and are tested on those weeks.
  await runAnalyze(ordersFile, {
    format: 'generic',
    strict: false,
    asOf: today,
    calibrationEnd: ymdFromDay(lastDay - DEMO_HOLDOUT_WEEKS * 7),
    holdoutEnd: today,
    json: join(flags.out, 'report.json'),
    html: join(flags.out, 'report.html'),
  });

  return withDatabase({ db: file }, async (db) => {
    let store = (await listStores(db)).find((s) => s.name === DEMO_STORE);
    let apiKey: string | null = null;
    if (!store) {
      const created = await createStore(db, { name: DEMO_STORE, shopifySecret: null });
      store = created.store;
      apiKey = created.apiKey.plaintext;
    }
    const result = await orders.importOrderFile(
      { db, readOrderExport: orders.readOrderExport },
      { path: ordersFile, storeId: store.id, format: 'generic', strict: false },
    );
    process.stderr.write(
      `loaded ${(result.orders.created + result.orders.updated + result.orders.unchanged).toLocaleString('en-US')} orders into ${file} (store ${store.id})\n`,
    );
    const owner = { email: DEMO_OWNER_EMAIL, password: randomBytes(12).toString('base64url') };
    const bar = createProgressBar('bringing the store to life');
    const summary = await living
      .makeStoreLiving(db, store.id, {
        customers: generated.customers,
        seed: GENERATE_DEFAULTS.seed,
        now: now.toISOString(),
        publicUrl: `http://${DEMO_HOST}:${DEMO_PORT}`,
        flowSources: await flows.builtInFlowSources(withoutSpamAssassin(config.loadConfig())),
        owner,
        onProgress: (done, total) => bar.update(done, total),
      })
      .finally(() => bar.finish());
    process.stderr.write(
      `the store is running: names and time zones for ${summary.customers.toLocaleString('en-US')} customers, ` +
        `${summary.signedUp.toLocaleString('en-US')} newsletter sign-ups, ${summary.unsubscribed.toLocaleString('en-US')} unsubscribes, ` +
        `a loyalty program, tiers, and the flows ${summary.flows.join(', ')}\n`,
    );
    await writeFile(ownerLoginFile(flags.out), `${owner.email}\n${owner.password}\n`, { mode: 0o600 });
    return { storeId: store.id, apiKey, owner };
  });
}

/**
 * The delivery worker (`regulars worker`) in this process, sending to the mail catcher: the
 * messages the flows plan are sent for real, over SMTP, and nothing leaves the machine.
 */
async function startDemoWorker(db: Kysely<Database>, catcher: MailCatcher, publicUrl: string) {
  const [delivery, messaging] = await Promise.all([import('../delivery/index.js'), import('../messaging/index.js')]);
  const mailer = messaging.createSmtpMailer({ host: DEMO_HOST, port: catcher.port, secure: false, pool: true, maxConnections: 2 });
  const clock = () => new Date().toISOString();
  const controller = new AbortController();
  const running = delivery.runDeliveryWorker(
    {
      db,
      channels: {
        email: delivery.createEmailChannel({
          db,
          mailer,
          templatesDir: messaging.builtInTemplatesDir(),
          from: DEMO_MAIL_FROM,
          publicUrl,
          clock,
        }),
      },
      suppression: delivery.suppressionList,
      workerId: `demo:${process.pid}`,
      clock,
      leaseMs: 300_000,
    },
    {
      concurrency: 4,
      signal: controller.signal,
      onError: (error, id) =>
        process.stderr.write(`message ${id}: ${error instanceof Error ? error.message : String(error)}\n`),
      onRoundError: (error, retryInMs) =>
        process.stderr.write(
          `delivery round failed: ${error instanceof Error ? error.message : String(error)} (trying again in ${retryInMs / 1000} s)\n`,
        ),
    },
  );
  return {
    async stop() {
      controller.abort();
      await running.catch(() => {});
      await mailer.close();
    },
  };
}

/** Serves the demo store until Ctrl-C: the API, the background jobs, the worker and the mail catcher. */
async function serveDemo(flags: DemoFlags, file: string, demo: DemoDatabase, portNumber: number): Promise<void> {
  const [{ runServer }, { startMailCatcher }] = await Promise.all([
    import('../../platform/cli/serve.command.js'),
    import('./mail-catcher.adapter.js'),
  ]);
  const mailDir = join(flags.out, 'mail');
  const catcher = await startMailCatcher(mailDir);
  // The console's test sends read the server's mail settings: in the demo they go to the catcher
  // too, whatever the environment says, so nothing the demo sends leaves the machine.
  process.env.REGULARS_SMTP_URL = `smtp://${DEMO_HOST}:${catcher.port}`;
  process.env.REGULARS_MAIL_FROM = DEMO_MAIL_FROM;
  const serveFlags: ServeFlags = {
    db: file,
    port: portNumber,
    host: DEMO_HOST,
    rateLimit: 0,
    logLevel: 'warn',
    workers: 1,
    trustProxy: false,
    jobs: true,
    metricsHost: '127.0.0.1',
  };
  try {
    await runServer(serveFlags, {
      app: { demoMailbox: catcher },
      alongside: (db, address) => startDemoWorker(db, catcher, address),
      announce: (address) => {
        process.stdout.write(
          `\nThe demo store ${DEMO_STORE} (${demo.storeId}) is open at ${address}/  — Ctrl-C stops it\n` +
            `  API: ${address}/v1 (reference at ${address}/docs)` +
            (demo.apiKey === null
              ? `; the API key was shown when the store was made (regulars stores keys create --store ${demo.storeId} --db ${file} makes another)\n`
              : `, API key (shown once): ${demo.apiKey}\n`) +
            (demo.owner.password === null
              ? `  console: ${address}/login as ${demo.owner.email} (its password was in ${ownerLoginFile(flags.out)}; ` +
                `regulars users create --store ${demo.storeId} --db ${file} --email ... --password-stdin adds a user)\n`
              : `  console: ${address}/login as ${demo.owner.email}, password ${demo.owner.password}\n`) +
            `  mail: the worker delivers to an in-process catcher, nothing leaves this machine; ` +
            `caught messages are in ${mailDir}/ and at ${address}/v1/demo/mail\n`,
        );
      },
    });
  } finally {
    await catcher.close();
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'make the demo store (a coffee shop whose history ends today), report on it, load it into DIR/regulars.db, then serve it with its flows, worker and a mail catcher until Ctrl-C (--no-serve: stop after loading)',
    )
    .option('--out <dir>', 'folder to write into: orders.csv, report.json, report.html, regulars.db, mail/', 'demo')
    .option('--customers <n>', 'customers in the generated store', positiveInteger, GENERATE_DEFAULTS.customers)
    .option('--today <date>', "the history's last day (default: today in the store's time zone)", dateText)
    .option('--port <n>', `port to serve on (default ${DEMO_PORT}, or a free one if it is taken; 0 picks a free one)`, port, DEMO_PORT)
    .option('--no-serve', 'stop after loading (scripts and CI)')
    .action(async (flags: DemoFlags, command: Command) => {
      await mkdir(flags.out, { recursive: true });
      const file = join(flags.out, 'regulars.db');
      // The clock is read here, once: everything below takes its time as an argument.
      const demo = await prepareDemo(flags, file, new Date());
      if (!flags.serve) {
        process.stderr.write(
          `serve it: regulars serve --db ${file}${demo.apiKey ? `   (API key, shown once: ${demo.apiKey})` : ''}\n` +
            `open ${join(flags.out, 'report.html')} in a browser to see the charts\n`,
        );
        return;
      }
      let portNumber = flags.port;
      if (command.getOptionValueSource('port') === 'default' && !(await portIsFree(portNumber))) {
        process.stderr.write(`port ${portNumber} is taken: serving on a free one instead\n`);
        portNumber = 0;
      }
      process.stderr.write(`the charts are in ${join(flags.out, 'report.html')}\n`);
      await serveDemo(flags, file, demo, portNumber);
    });
}
