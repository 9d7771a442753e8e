import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-sms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regulars sms configure|show|remove (SQLite)', () => {
  const db = join(dir, 'shop.db');

  it('sets the account, changes one field at a time, never prints the token, and removes it', async () => {
    const created = await runCli(['stores', 'create', 'Text Shop', '--json', '--db', db]);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const sms = (...args: string[]) => runCli(['sms', ...args, '--store', id, '--db', db]);
    const missingSender = await sms('configure', '--account-sid', 'AC123', '--auth-token', 'secret-token-1');
    expect(missingSender.stderr).toContain('INVALID_ARGUMENT');
    expect(missingSender.stderr).toContain('sms.from');
    const configured = await sms(
      'configure',
      '--account-sid',
      'AC123',
      '--auth-token',
      'secret-token-1',
      '--from',
      '+447700900000',
      '--json',
    );
    expect(configured.stderr).toBe('');
    expect(JSON.parse(configured.stdout)).toEqual({
      baseUrl: 'https://api.twilio.com',
      accountSid: 'AC123',
      from: '+447700900000',
      messagingServiceSid: null,
      maxSegments: 1,
      helpReply: null,
      authTokenSet: true,
    });
    const changed = await sms('configure', '--max-segments', '2');
    expect(changed.stdout).toBe(
      'SMS through https://api.twilio.com, account AC123 (auth token set)\n  sender: +447700900000\n  at most 2 messages per SMS\n',
    );
    expect(`${configured.stdout}${changed.stdout}`).not.toContain('secret-token-1');
    expect((await sms('remove')).stdout).toBe(`store ${id}: SMS account removed\n`);
    expect((await sms('show')).stdout).toBe('SMS is not configured\n');
  });
});
