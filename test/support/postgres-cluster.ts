import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { withAdminClient } from './template-databases.js';

const run = promisify(execFile);

/** Every cluster these tests make is named so; the creating process's pid follows, to clean up after a killed run. */
const CLUSTER_PREFIX = 'regularsfault_';
/** Ports the throw-away clusters may take: away from the shared server on 5432. */
const FIRST_PORT = 5460;
const LAST_PORT = 5499;

/**
 * A PostgreSQL cluster of the test's own (Debian's pg_createcluster), which it may stop and restart
 * at will: the shared server on 5432 must never be. Trust authentication on 127.0.0.1, fsync off
 * (nothing here needs to survive a power cut). drop() stops and deletes it.
 */
export interface ThrowAwayCluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** `pg_ctlcluster ... restart -m fast`: ends every connection, returns once the server accepts them again. */
  restart(): Promise<void>;
  drop(): Promise<void>;
}

/** The installed PostgreSQL major version (Debian keeps one folder per version under /etc/postgresql). */
function postgresVersion(): string {
  const versions = readdirSync('/etc/postgresql').filter((v) => /^\d+$/.test(v));
  if (versions.length === 0) throw new Error('no PostgreSQL under /etc/postgresql: apt-get install postgresql');
  return versions.sort((a, b) => Number(b) - Number(a))[0];
}

interface ListedCluster {
  readonly name: string;
  readonly port: number;
}

async function listClusters(version: string): Promise<ListedCluster[]> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[0] === version)
    .map((fields) => ({ name: fields[1], port: Number(fields[2]) }));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Drops the clusters left by runs that were killed before their afterAll: their process is gone. */
async function dropAbandonedClusters(version: string): Promise<void> {
  for (const cluster of await listClusters(version)) {
    if (!cluster.name.startsWith(CLUSTER_PREFIX)) continue;
    const pid = Number(cluster.name.slice(CLUSTER_PREFIX.length).split('_')[0]);
    if (Number.isInteger(pid) && !processAlive(pid))
      await run('pg_dropcluster', ['--stop', version, cluster.name]).catch(() => {});
  }
}

async function freePort(version: string): Promise<number> {
  const taken = new Set((await listClusters(version)).map((c) => c.port));
  for (let port = FIRST_PORT; port <= LAST_PORT; port++) if (!taken.has(port) && (await portFree(port))) return port;
  throw new Error(`no free port from ${FIRST_PORT} to ${LAST_PORT} for a throw-away PostgreSQL cluster`);
}

/** Creates and starts a cluster; on any failure it is dropped again before the error is thrown. */
export async function createThrowAwayCluster(): Promise<ThrowAwayCluster> {
  const version = postgresVersion();
  await dropAbandonedClusters(version);
  const name = `${CLUSTER_PREFIX}${process.pid}_${randomBytes(3).toString('hex')}`;
  const port = await freePort(version);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const drop = async () => void (await run('pg_dropcluster', ['--stop', version, name]));
  try {
    await run('pg_createcluster', [
      version,
      name,
      '--port',
      String(port),
      // Never started by the machine's boot: it belongs to this run only.
      '--start-conf',
      'manual',
      '-o',
      'fsync=off',
      '--',
      '--auth=trust',
    ]);
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start']);
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return {
    version,
    name,
    port,
    url,
    async createDatabase(database: string) {
      await withAdminClient(url('postgres'), (client) => client.query(`CREATE DATABASE ${database}`));
      return url(database);
    },
    async restart() {
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'restart', '-m', 'fast']);
    },
    drop,
  };
}
