import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

describe('regulars templates', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'regulars-cli-templates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, content: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  };

  it('lint passes the built-in templates', async () => {
    const run = await runCli(['templates', 'lint']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('order-confirmation: ok');
    expect(run.stdout.trim().split('\n')).toHaveLength(18);
  });

  it('lint exits 2 with TEMPLATE_LINT_BLOCKED on blocking findings, and lists warnings too', async () => {
    write('shouty/subject.liquid', 'BIG NEWS FOR YOU');
    write(
      'shouty/body.html.liquid',
      '<p>Hello {{ name }}, act now!!!</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>',
    );
    write('shouty/body.text.liquid', 'Hello {{ name }}\nUnsubscribe: {{ unsubscribe_url }}');
    write('shouty/sample.json', '{"name": "Ann", "unsubscribe_url": "https://x.example/u/1"}');
    write('broken/subject.liquid', 'Hi {{ name }');
    write('broken/body.html.liquid', 'x');
    write('broken/sample.json', '{}');
    const run = await runCli(['templates', 'lint', dir]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('blocking SUBJECT_ALL_CAPS (subject)');
    expect(run.stdout).toContain('warning HYPE_WORDS (html)');
    expect(run.stdout).toContain('warning EXCESSIVE_PUNCTUATION (html)');
    expect(run.stdout).toContain('blocking TEMPLATE_SYNTAX_ERROR: broken/subject.liquid line 1');
    expect(run.stderr).toMatch(/^error TEMPLATE_LINT_BLOCKED: 2 of 2 templates have blocking findings: broken, shouty/);

    const json = await runCli(['templates', 'lint', dir, '--json']);
    expect(json.status).toBe(2);
    const reports = JSON.parse(json.stdout) as {
      template: string;
      findings: { rule: string; severity: string }[];
      error: unknown;
    }[];
    expect(reports.map((r) => r.template)).toEqual(['broken', 'shouty']);
    expect(reports[1]!.findings).toContainEqual(
      expect.objectContaining({ rule: 'SUBJECT_ALL_CAPS', severity: 'blocking', where: 'subject' }),
    );
  });

  it('render prints a built-in template with its sample data, or with --data', async () => {
    const run = await runCli(['templates', 'render', 'birthday']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Subject: Happy birthday, Alice\n\n--- text ---\nHi Alice,/);
    expect(run.stdout).toContain('--- html ---\n<!DOCTYPE html>');
    expect(run.stdout).toMatch(
      /--- sms ---\nSunny Beans Coffee: Happy birthday, Alice! We added 200 points to your account\.\nReply STOP to opt out\n$/,
    );

    write('data.json', JSON.stringify({ name: 'Bea', unsubscribe_url: 'https://x.example/u/2' }));
    const json = await runCli([
      'templates',
      'render',
      'shouty',
      '--dir',
      dir,
      '--data',
      path.join(dir, 'data.json'),
      '--json',
    ]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      subject: 'BIG NEWS FOR YOU',
      html: '<p>Hello Bea, act now!!!</p><a href="https://x.example/u/2">Unsubscribe</a>\n',
      text: 'Hello Bea\nUnsubscribe: https://x.example/u/2\n',
      sms: null,
    });
  });

  it('render names an unknown template or variable', async () => {
    expect((await runCli(['templates', 'render', 'nope'])).stderr).toMatch(
      /^error TEMPLATE_NOT_FOUND: no template nope in /,
    );
    write('empty.json', '{}');
    const missing = await runCli([
      'templates',
      'render',
      'shouty',
      '--dir',
      dir,
      '--data',
      path.join(dir, 'empty.json'),
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /^error TEMPLATE_RENDER_FAILED: shouty\/body\.(html|text)\.liquid line 1: unknown variable name/,
    );
    expect(
      (
        await runCli([
          'templates',
          'render',
          'shouty',
          '--dir',
          dir,
          '--data',
          path.join(dir, 'empty.json'),
          '--lenient',
        ])
      ).status,
    ).toBe(0);
  });

  it('copy writes the built-in templates into a folder a store can edit, and never overwrites without --force', async () => {
    const copy = path.join(dir, 'copied');
    const run = await runCli(['templates', 'copy', copy]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`copied 18 templates and the shared layout into ${copy}\n`);
    expect(readdirSync(copy)).toEqual(
      expect.arrayContaining(['_layout.html.liquid', '_layout.text.liquid', 'newsletter', 'win-back-1']),
    );
    const lint = await runCli(['templates', 'lint', copy]);
    expect(lint.status).toBe(0);
    expect(lint.stdout.trim().split('\n')).toHaveLength(18);

    writeFileSync(path.join(copy, 'win-back-1', 'subject.liquid'), 'Our own subject');
    const again = await runCli(['templates', 'copy', copy]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^error FILE_EXISTS: .* already has README\.md, _layout\.html\.liquid, .*win-back-1/);
    expect(readFileSync(path.join(copy, 'win-back-1', 'subject.liquid'), 'utf8')).toBe('Our own subject');
    expect((await runCli(['templates', 'copy', copy, '--force'])).status).toBe(0);

    const notAFolder = path.join(dir, 'a-file.txt');
    writeFileSync(notAFolder, 'not a folder');
    const refused = await runCli(['templates', 'copy', notAFolder]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^error INVALID_ARGUMENT: cannot copy the templates into .*a-file\.txt: /);
    expect(readFileSync(path.join(copy, 'win-back-1', 'subject.liquid'), 'utf8')).not.toBe('Our own subject');
  });
});
