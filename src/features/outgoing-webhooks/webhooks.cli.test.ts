import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { verifyMessage } from './standard-webhooks.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regulars webhooks add|list|test|log|remove (SQLite)', () => {
  const db = join(dir, 'hooks.db');
  let receiver: WebhookReceiver;
  let store: string;
  const cli = (...args: string[]) => runCli(['webhooks', ...args, '--store', store, '--db', db]);
  beforeAll(async () => {
    receiver = await startWebhookReceiver('unused', '/hooks');
    const created = await runCli(['stores', 'create', 'Hooks Shop', '--json', '--db', db]);
    store = (JSON.parse(created.stdout) as { id: string }).id;
  });
  afterAll(() => receiver.close());

  it('adds an endpoint printing its secret once, sends a signed test event, logs it, and removes it', async () => {
    const added = await cli('add', '--url', receiver.url, '--event', 'order.recorded', 'points.changed', '--json');
    expect(added.stderr).toBe('');
    const { id, secret } = JSON.parse(added.stdout) as { id: string; secret: string };
    expect(id).toMatch(/^whe_/);
    expect(secret).toMatch(/^whsec_/);

    const listed = await cli('list');
    expect(listed.stdout).toContain(`${id}  ${receiver.url}  order.recorded,points.changed  enabled`);
    expect(listed.stdout).not.toContain(secret);

    const tested = await cli('test', id);
    const messageId = /^delivered (\S+): the endpoint answered 202/.exec(tested.stdout)?.[1];
    expect(messageId, tested.stdout + tested.stderr).toBeDefined();
    const delivery = receiver.received.at(-1)!;
    const headers = {
      id: String(delivery.headers['webhook-id']),
      timestamp: String(delivery.headers['webhook-timestamp']),
      signature: String(delivery.headers['webhook-signature']),
    };
    expect(headers.id).toBe(messageId);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyMessage(secret, headers, delivery.body, now)).toBe(true);
    expect(verifyMessage(secret, headers, `${delivery.body} `, now)).toBe(false);

    const log = await cli('log', id);
    expect(log.stdout).toContain(messageId);

    const bad = await cli('add', '--url', 'ftp://example.com/hook', '--event', 'order.recorded');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('WEBHOOK_ENDPOINT_INVALID');
    const unknownEvent = await cli('add', '--url', receiver.url, '--event', 'order.exploded');
    expect(unknownEvent.stderr).toContain('WEBHOOK_ENDPOINT_INVALID');

    expect((await cli('remove', id)).stdout).toBe(`endpoint ${id} removed\n`);
    expect((await cli('list')).stdout).toBe('no webhook endpoints\n');
    expect((await cli('remove', id)).stderr).toContain('WEBHOOK_ENDPOINT_NOT_FOUND');
  });
});
