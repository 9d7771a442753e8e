import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintMessage } from './content-lint.js';
import { listTemplateNames, loadTemplate, type MessageTemplate, renderMessage } from './templates.adapter.js';

function inMemory(parts: Partial<MessageTemplate>): MessageTemplate {
  return {
    name: 'test',
    dir: null,
    subject: 'Hi {{ customer.first_name }}',
    html: '<p>Hi</p>',
    text: 'Hi',
    sample: null,
    ...parts,
  };
}

/** A templates folder on disk: files given relative to it. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'regulars-templates-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  made.push(dir);
  return dir;
}
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('renderMessage', () => {
  it('escapes HTML output, but not the subject or the text part', async () => {
    const template = inMemory({
      subject: 'For {{ name }}',
      html: '<p>{{ name }}</p><p>{{ trusted | raw }}</p>',
      text: 'Dear {{ name }}',
    });
    const message = await renderMessage(template, { name: 'Tom & <Jerry>', trusted: '<b>bold</b>' });
    expect(message).toEqual({
      subject: 'For Tom & <Jerry>',
      html: '<p>Tom &amp; &lt;Jerry&gt;</p><p><b>bold</b></p>\n',
      text: 'Dear Tom & <Jerry>\n',
    });
  });

  it('folds the subject to one line and tidies blank lines in the text', async () => {
    const message = await renderMessage(
      inMemory({ subject: 'A\n  {{ x }}\n', text: 'one\n\n\n\n{% if x %}two{% endif %}   \n' }),
      { x: 'b' },
    );
    expect(message.subject).toBe('A b');
    expect(message.text).toBe('one\n\ntwo\n');
  });

  it('refuses an unknown variable in strict mode, naming it and its line; lenient mode renders it empty', async () => {
    const template = inMemory({ text: 'Hi {{ customer.first_name }},\nyour code is {{ coupon.code }}' });
    const error = await renderMessage(template, { customer: { first_name: 'Alice' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TEMPLATE_RENDER_FAILED',
      details: { variable: 'coupon', line: 2, file: 'test/body.text.liquid' },
    });
    expect((error as Error).message).toContain('unknown variable coupon');
    const lenient = await renderMessage(template, { customer: { first_name: 'Alice' } }, { strict: false });
    expect(lenient.text).toBe('Hi Alice,\nyour code is\n');
  });

  it('lets {% if %} test an optional variable in strict mode', async () => {
    const message = await renderMessage(
      inMemory({ text: '{% if coupon %}code {{ coupon.code }}{% else %}no code{% endif %}' }),
      { customer: { first_name: 'A' } },
    );
    expect(message.text).toBe('no code\n');
  });

  it('reports a syntax error with its file and line', async () => {
    const template = inMemory({ html: '<p>ok</p>\n<p>\n{% if x %}never closed' });
    await expect(renderMessage(template, { customer: { first_name: 'A' }, x: 1 })).rejects.toMatchObject({
      code: 'TEMPLATE_SYNTAX_ERROR',
      details: { file: 'test/body.html.liquid', line: 3 },
    });
    await expect(
      renderMessage(inMemory({ text: '{{ x | no_such_filter }}' }), { customer: { first_name: 'A' }, x: 1 }),
    ).rejects.toMatchObject({ code: 'TEMPLATE_SYNTAX_ERROR' });
  });

  it('reads only own properties: no prototype or constructor', async () => {
    const template = inMemory({ text: '[{{ customer.constructor.name }}][{{ customer.__proto__ }}][{{ list.size }}]' });
    const message = await renderMessage(template, { customer: { first_name: 'A' }, list: [1, 2] }, { strict: false });
    expect(message.text).toBe('[][][2]\n');
  });

  it('formats integer minor units with the money filter', async () => {
    const message = await renderMessage(
      inMemory({ text: '{{ 1299 | money: "EUR" }} {{ 500 | money: "JPY" }} {{ "x" | money: "EUR" }}' }),
      { customer: { first_name: 'A' } },
    );
    expect(message.text).toBe('€12.99 ¥500 x\n');
  });

  it('is stopped by the render time limit instead of hanging', async () => {
    const template = inMemory({
      text: '{% for a in (1..3000) %}{% for b in (1..3000) %}{{ a }}{% endfor %}{% endfor %}',
    });
    await expect(renderMessage(template, { customer: { first_name: 'A' } })).rejects.toMatchObject({
      code: 'TEMPLATE_RENDER_FAILED',
    });
  }, 20_000);
});

describe('template folders', () => {
  const layout = '<html><body>{% block %}{% endblock %}<a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>';

  it('loads a store owner’s own folder with its own layout, and lists its templates', async () => {
    const dir = folder({
      '_layout.html.liquid': layout,
      'thanks/subject.liquid': 'Thanks, {{ name }}',
      'thanks/body.html.liquid': "{% layout '_layout.html.liquid' %}<p>Thanks {{ name }}</p>",
      'thanks/body.text.liquid': 'Thanks {{ name }}\nUnsubscribe: {{ unsubscribe_url }}',
      'thanks/sample.json': '{"name": "Ann", "unsubscribe_url": "https://x.example/u/1"}',
      'notes/readme.txt': 'not a template',
    });
    expect(await listTemplateNames(dir)).toEqual(['thanks']);
    const template = await loadTemplate(dir, 'thanks');
    const message = await renderMessage(template, template.sample!);
    expect(message.html).toBe(
      '<html><body><p>Thanks Ann</p><a href="https://x.example/u/1">Unsubscribe</a></body></html>\n',
    );
    expect(lintMessage({ ...message, unsubscribeUrl: 'https://x.example/u/1' })).toEqual([]);
  });

  it('refuses layouts and partials outside the folder, by ../, absolute path or symlink', async () => {
    const outside = folder({ 'secret.liquid': 'TOP SECRET' });
    const dir = folder({
      'a/subject.liquid': 's',
      'a/body.html.liquid': "{% layout '../../" + path.basename(outside) + "/secret.liquid' %}x",
      'a/body.text.liquid': 't',
      'b/subject.liquid': 's',
      'b/body.html.liquid': `{% include '${path.join(outside, 'secret.liquid')}' %}`,
      'b/body.text.liquid': 't',
      'c/subject.liquid': 's',
      'c/body.html.liquid': "{% render 'link.liquid' %}",
      'c/body.text.liquid': 't',
    });
    symlinkSync(path.join(outside, 'secret.liquid'), path.join(dir, 'link.liquid'));
    for (const name of ['a', 'b', 'c']) {
      const error = await renderMessage(await loadTemplate(dir, name), {}).catch((e: unknown) => e);
      expect(error, name).toMatchObject({ code: 'TEMPLATE_RENDER_FAILED' });
      expect(JSON.stringify(error)).not.toContain('TOP SECRET');
    }
  });

  it('refuses a template file, or a template folder, that is a symlink out of the templates folder', async () => {
    const outside = folder({
      'secret.liquid': 'TOP SECRET',
      'elsewhere/subject.liquid': 's',
      'elsewhere/body.html.liquid': 'TOP SECRET',
    });
    const dir = folder({ 'shared.liquid': 'Shared subject', 'inside/body.html.liquid': 'h' });
    for (const [k, file] of ['subject.liquid', 'body.html.liquid', 'body.text.liquid', 'sample.json'].entries()) {
      const name = `leak-${k}`;
      const files: Record<string, string> = { 'subject.liquid': 's', 'body.html.liquid': 'h', 'body.text.liquid': 't' };
      delete files[file];
      for (const [other, content] of Object.entries(files)) {
        mkdirSync(path.join(dir, name), { recursive: true });
        writeFileSync(path.join(dir, name, other), content);
      }
      symlinkSync(path.join(outside, 'secret.liquid'), path.join(dir, name, file));
      const error = await loadTemplate(dir, name).catch((e: unknown) => e);
      expect(error, file).toMatchObject({
        code: 'TEMPLATE_OUTSIDE_FOLDER',
        details: { template: name, file: `${name}/${file}` },
      });
      expect(JSON.stringify(error)).not.toContain('TOP SECRET');
    }
    symlinkSync('/etc/passwd', path.join(dir, 'inside', 'subject.liquid'));
    await expect(loadTemplate(dir, 'inside')).rejects.toMatchObject({ code: 'TEMPLATE_OUTSIDE_FOLDER' });
    symlinkSync(path.join(outside, 'elsewhere'), path.join(dir, 'linked'));
    await expect(loadTemplate(dir, 'linked')).rejects.toMatchObject({ code: 'TEMPLATE_OUTSIDE_FOLDER' });
    // A link that stays inside the folder is followed.
    mkdirSync(path.join(dir, 'kept'));
    symlinkSync(path.join(dir, 'shared.liquid'), path.join(dir, 'kept', 'subject.liquid'));
    writeFileSync(path.join(dir, 'kept', 'body.html.liquid'), 'h');
    expect((await loadTemplate(dir, 'kept')).subject).toBe('Shared subject');
  });

  it('does not take a template name that leaves the folder', async () => {
    const dir = folder({ 'ok/subject.liquid': 's', 'ok/body.html.liquid': 'h' });
    for (const name of ['../ok', 'ok/../ok', '/etc', '', 'OK']) {
      await expect(loadTemplate(dir, name)).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    }
    await expect(loadTemplate(dir, 'missing')).rejects.toMatchObject({
      code: 'TEMPLATE_NOT_FOUND',
      details: { name: 'missing' },
    });
  });

  it('loads a template without a text part so the lint can block it', async () => {
    const dir = folder({
      'html-only/subject.liquid': 'Hello there friend',
      'html-only/body.html.liquid': '<p>Hi</p><a href="https://x.example/u/1">Unsubscribe</a>',
    });
    const template = await loadTemplate(dir, 'html-only');
    const findings = lintMessage(await renderMessage(template, {}));
    expect(findings.map((f) => f.rule)).toEqual(['MISSING_TEXT_PART']);
  });
});
