import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-bounces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regulars bounces configure and list (SQLite)', () => {
  const db = join(dir, 'shop.db');

  it('connects feeds without ever printing a secret, disconnects one, and refuses bad options with a code', async () => {
    const created = await runCli(['stores', 'create', 'Bounce Shop', '--json', '--db', db]);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const configure = (...args: string[]) => runCli(['bounces', 'configure', '--store', id, ...args, '--db', db]);
    const set = await configure(
      '--ses-topic-arn',
      'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
      '--postmark-user',
      'hooks',
      '--postmark-password',
      'pm_s3cret',
      '--mailgun-signing-key',
      'mg_s3cret',
      '--sendgrid-unsigned',
      '--json',
    );
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toEqual({
      ses: { topicArns: ['arn:aws:sns:eu-west-1:123456789012:ses-bounces'] },
      postmark: { username: 'hooks' },
      sendgrid: { signed: false },
      mailgun: { configured: true },
    });
    expect(set.stdout).not.toMatch(/s3cret/);
    const off = await configure('--disable', 'mailgun');
    expect(off.stdout).toContain('mailgun  not connected');
    expect(off.stdout).toContain('sendgrid UNSIGNED posts accepted');
    expect(off.stdout).not.toMatch(/s3cret/);
    const badArn = await configure('--ses-topic-arn', 'arn:aws:sqs:eu-west-1:123456789012:q');
    expect(badArn.status).toBe(2);
    expect(badArn.stderr).toContain('INVALID_ARGUMENT');
    const half = await configure('--postmark-user', 'hooks');
    expect(half.stderr).toContain('--postmark-password');
    const unknown = await runCli(['bounces', 'configure', '--store', 'sto_missing', '--db', db]);
    expect(unknown.stderr).toContain('STORE_NOT_FOUND');
    const list = await runCli(['bounces', 'list', '--store', id, '--db', db]);
    expect(list.stdout).toBe('no bounces recorded\n');
  });
});
