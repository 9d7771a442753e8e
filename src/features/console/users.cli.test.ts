import { describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { login, sessionOf } from './console-auth.fixtures.js';

const PASSWORD = 'a long enough passphrase';

describe.each(dialects)('regulars users on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('creates a user from a password on stdin, lists and removes them; the removed user is signed out', async () => {
    const { db, target } = database();
    const { args, env } = dbArgs(target);
    const { store } = await createStore(db, { name: 'Corner Coffee' });
    const cli = (more: string[], stdin?: string) => runCli(['users', ...more, ...args], { env, stdin });

    const created = await cli(
      [
        'create',
        '--store',
        store.id,
        '--email',
        'Ana@Corner.example',
        '--role',
        'marketer',
        '--password-stdin',
        '--json',
      ],
      `${PASSWORD}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: 'Ana@Corner.example',
      role: 'marketer',
      createdAt: expect.any(String),
    });
    const row = await db.selectFrom('staff_users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(row.password_hash).not.toContain(PASSWORD);

    const plain = await cli(
      ['create', '--store', store.id, '--email', 'bo@corner.example', '--password-stdin'],
      PASSWORD,
    );
    expect(plain.stdout).toMatch(
      /^created owner bo@corner\.example \(usr_\w+\) of store sto_\w+; sign in at \/login\n$/,
    );

    const listed = await cli(['list', '--store', store.id, '--json']);
    expect(JSON.parse(listed.stdout).map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([
      ['Ana@Corner.example', 'marketer'],
      ['bo@corner.example', 'owner'],
    ]);
    expect(listed.stdout).not.toMatch(/scrypt|password/i);

    // The password typed at sign-in is the one piped in (the line break is not part of it).
    const app = await buildApp({ db, dialect });
    try {
      const signedIn = await login(app, { email: 'ana@corner.example', password: PASSWORD });
      expect(signedIn.response.statusCode).toBe(303);
      expect((await sessionOf(app, signedIn.cookie)).response.json().user.role).toBe('marketer');

      const removed = await cli(['remove', '--store', store.id, '--email', 'ANA@corner.example']);
      expect(removed.stdout).toMatch(/^removed marketer Ana@Corner\.example/);
      expect((await sessionOf(app, signedIn.cookie)).response.statusCode).toBe(401);
    } finally {
      await app.close();
    }
    expect(JSON.parse((await cli(['list', '--store', store.id, '--json'])).stdout)).toHaveLength(1);
  });

  it('refuses a short or missing password, a password in an argument, a taken email and unknown users', async () => {
    const { db, target } = database();
    const { args, env } = dbArgs(target);
    const { store } = await createStore(db, { name: 'Second Shop' });
    const cli = (more: string[], stdin?: string) => runCli(['users', ...more, ...args], { env, stdin });
    const create = ['create', '--store', store.id, '--email', 'cy@second.example', '--password-stdin'];

    const short = await cli(create, 'short\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/^error PASSWORD_TOO_SHORT: the password has 5 characters; use at least 12/);
    expect((await cli(create, '')).stderr).toMatch(/PASSWORD_TOO_SHORT/);

    const noStdin = await cli(['create', '--store', store.id, '--email', 'cy@second.example']);
    expect(noStdin.status).toBe(2);
    expect(noStdin.stderr).toMatch(/error INVALID_ARGUMENT: give --password-stdin/);
    // There is no option that takes the password itself.
    expect((await cli([...create, '--password', PASSWORD], PASSWORD)).status).not.toBe(0);

    expect((await cli(create, PASSWORD)).status).toBe(0);
    const taken = await cli(
      ['create', '--store', store.id, '--email', 'CY@second.example', '--password-stdin'],
      PASSWORD,
    );
    expect(taken.stderr).toMatch(/^error STAFF_EMAIL_TAKEN/);
    expect((await cli([...create.slice(0, 5), '--role', 'admin', '--password-stdin'], PASSWORD)).status).not.toBe(0);
    expect((await cli(['remove', '--store', store.id, '--email', 'nobody@second.example'])).stderr).toMatch(
      /^error STAFF_USER_NOT_FOUND/,
    );
    expect((await cli(['list', '--store', 'sto_missing'])).stderr).toMatch(/^error STORE_NOT_FOUND/);
  });
});
