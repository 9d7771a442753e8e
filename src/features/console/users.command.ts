import { type Command, Option } from 'commander';
import { addDatabaseOption, type DatabaseFlags } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import { RegularsError } from '../../platform/errors.js';
import { MIN_PASSWORD_LENGTH, ROLES, type Role, type StaffUser } from './staff.js';

/**
 * The password from standard input, never from an argument: arguments show in `ps`, in shell
 * history and in CI logs. One trailing line break (what `echo` and a typed Enter add) is not part of it.
 */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter and Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function listing(user: StaffUser) {
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
}

export function registerUsersCommand(program: Command): void {
  const users = program
    .command('users')
    .description("create, list and remove the console's staff users of a store (docs/console.md)");

  addDatabaseOption(
    users
      .command('create')
      .description(
        `create a staff user who signs in at /login; the password (${MIN_PASSWORD_LENGTH} characters or more) is read from standard input`,
      )
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--email <email>', 'the email the user signs in with')
      .addOption(
        new Option(
          '--role <role>',
          'owner: everything; marketer: campaigns, segments, flows, offers; viewer: reads only',
        )
          .choices([...ROLES])
          .default('owner'),
      )
      .option(
        '--password-stdin',
        'read the password from standard input (e.g. printf %s "$PASS" | regulars users create ...)',
        false,
      )
      .option('--json', 'print the user as JSON', false),
  ).action(
    async (
      flags: DatabaseFlags & { store: string; email: string; role: Role; passwordStdin: boolean; json: boolean },
    ) => {
      if (!flags.passwordStdin)
        throw new RegularsError(
          'INVALID_ARGUMENT',
          'give --password-stdin and pipe the password in: a password in an argument would show in ps and shell history',
        );
      const password = await readPasswordFromStdin();
      const [{ withDatabase }, { createStaffUser }, { nowIso }] = await Promise.all([
        import('../../platform/cli/database-session.js'),
        import('./staff-users.service.js'),
        import('../../platform/ids.js'),
      ]);
      const user = await withDatabase(flags, (db) =>
        createStaffUser(db, { storeId: flags.store, email: flags.email, role: flags.role, password }, nowIso()),
      );
      if (flags.json) {
        printJson(listing(user));
        return;
      }
      process.stdout.write(
        `created ${user.role} ${user.email} (${user.id}) of store ${user.storeId}; sign in at /login\n`,
      );
    },
  );

  addDatabaseOption(
    users
      .command('list')
      .description("list the store's staff users (never a password or its hash)")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the list as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const [{ withDatabase }, { listStaffUsers }] = await Promise.all([
      import('../../platform/cli/database-session.js'),
      import('./staff-users.service.js'),
    ]);
    const list = await withDatabase(flags, (db) => listStaffUsers(db, flags.store));
    if (flags.json) {
      printJson(list.map(listing));
      return;
    }
    if (list.length === 0) {
      process.stdout.write(
        `store ${flags.store} has no staff users; create one with: regulars users create --store ${flags.store} --email EMAIL --password-stdin\n`,
      );
      return;
    }
    process.stdout.write(list.map((u) => `${u.id}  ${u.email}  ${u.role}  (created ${u.createdAt})\n`).join(''));
  });

  addDatabaseOption(
    users
      .command('remove')
      .description('remove a staff user; their open sessions end at once')
      .requiredOption('--store <id>', 'the store')
      .requiredOption('--email <email>', 'the user to remove')
      .option('--json', 'print the removed user as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; email: string; json: boolean }) => {
    const [{ withDatabase }, { removeStaffUser }] = await Promise.all([
      import('../../platform/cli/database-session.js'),
      import('./staff-users.service.js'),
    ]);
    const user = await withDatabase(flags, (db) => removeStaffUser(db, flags.store, flags.email));
    if (flags.json) {
      printJson(listing(user));
      return;
    }
    process.stdout.write(`removed ${user.role} ${user.email} (${user.id}) of store ${user.storeId}\n`);
  });
}
