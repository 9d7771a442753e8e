import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

describe.each(dialects)('regulars stores settings on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('shows the delivery settings in force, changes them by flags and by --set, and refuses bad values by name', async () => {
    const { db, target } = database();
    const { store } = await createStore(db, { name: 'Settings shop' });
    const { args, env } = dbArgs(target);
    const cli = (...more: string[]) => runCli(['stores', 'settings', '--store', store.id, ...more, ...args], { env });
    const json = async (...more: string[]) => {
      const run = await cli(...more, '--json');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return JSON.parse(run.stdout);
    };

    const shown = await cli();
    expect(shown.stdout).toBe(
      'time zone: UTC (not set)\nquiet hours: 21:00-08:00\n' +
        'frequency cap: minHoursBetween=16,maxPerWindow=3,windowDays=7,postponeMinPriority=50\n' +
        'holdout share: 0.1\nmax attempts: 5\nreply-to: none (replies go to the From)\n',
    );

    const changed = await json(
      '--time-zone',
      'Europe/Ljubljana',
      '--quiet-hours',
      '21:30-8:00',
      '--frequency-cap',
      'maxPerWindow=2,windowDays=10',
      '--holdout-share',
      '0.2',
    );
    expect(changed).toEqual({
      timeZone: 'Europe/Ljubljana',
      quietHours: { start: '21:30', end: '08:00' },
      frequencyCap: { minHoursBetween: 16, maxPerWindow: 2, windowDays: 10, postponeMinPriority: 50 },
      holdoutShare: 0.2,
      flowHoldoutShares: {},
      maxAttempts: 5,
      replyTo: null,
      flowReplyTo: {},
    });
    const set = await json('--set', '{"flowHoldoutShares":{"campaign":0.05},"maxAttempts":3}');
    expect(set).toEqual({ ...changed, flowHoldoutShares: { campaign: 0.05 }, maxAttempts: 3 });
    expect(await json()).toEqual(set);
    expect((await cli()).stdout).toContain('time zone: Europe/Ljubljana\nquiet hours: 21:30-08:00\n');
    expect((await json('--quiet-hours', 'off')).quietHours).toBeNull();
    expect((await json('--reply-to', 'Help <help@shop.example>')).replyTo).toBe('Help <help@shop.example>');
    expect((await cli()).stdout).toContain('reply-to: Help <help@shop.example>\n');
    expect((await json('--reply-to', 'none')).replyTo).toBeNull();

    for (const [flags, message] of [
      [['--time-zone', 'Mars/Olympus'], 'timeZone must be an IANA time zone'],
      [['--quiet-hours', '9pm-8am'], '--quiet-hours: "9pm-8am" is not HH:MM-HH:MM'],
      [['--frequency-cap', 'perDay=1'], '--frequency-cap: "perDay=1" is not NAME=VALUE'],
      [['--holdout-share', 'lots'], '--holdout-share: "lots" is not a number'],
      [['--set', '{"sendHours":1}'], 'unknown setting sendHours'],
      [['--set', '{nope'], '--set: not JSON'],
    ] as const) {
      const refused = await cli(...flags);
      expect(refused.status, flags.join(' ')).toBe(2);
      expect(refused.stderr).toContain('error INVALID_ARGUMENT: ');
      expect(refused.stderr).toContain(message);
    }
    expect((await json()).timeZone).toBe('Europe/Ljubljana');

    const unknown = await runCli(['stores', 'settings', '--store', 'sto_nope', ...args], { env });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error STORE_NOT_FOUND');
  });

  it('takes the store as its argument, as `stores profile ID` does, and the change is what the API answers', async () => {
    const { db, target } = database();
    const { store } = await createStore(db, { name: 'Argument shop' });
    const { args, env } = dbArgs(target);
    const changed = await runCli(
      ['stores', 'settings', store.id, '--quiet-hours', '22:00-07:00', '--holdout-share', '0.25', '--json', ...args],
      { env },
    );
    expect(changed.stderr).toBe('');
    expect(JSON.parse(changed.stdout)).toMatchObject({
      quietHours: { start: '22:00', end: '07:00' },
      holdoutShare: 0.25,
    });
    const shown = await runCli(['stores', 'settings', store.id, ...args], { env });
    expect(shown.stdout).toContain('quiet hours: 22:00-07:00\n');
    expect(shown.stdout).toContain('holdout share: 0.25\n');

    const none = await runCli(['stores', 'settings', ...args], { env });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('which store?');
    const two = await runCli(['stores', 'settings', store.id, '--store', 'sto_other', ...args], { env });
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('two stores given');
  });
});
