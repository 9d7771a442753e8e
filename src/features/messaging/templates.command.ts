import { cp, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { RegularsError } from '../../platform/errors.js';
import type { TemplateReport } from './lint-template.service.js';
import { printJson } from '../../platform/cli/command-output.js';

/**
 * `regulars templates lint [DIR]`, `render NAME` and `copy DIR`: the message templates a store keeps
 * as files (docs/messaging.md). Lint renders every template with its sample.json and
 * runs the content lint; blocking findings end with TEMPLATE_LINT_BLOCKED (exit 2), so CI can gate
 * a templates folder. The template modules load only when a templates command runs.
 */
async function lintFolder(dir: string): Promise<TemplateReport[]> {
  const [{ listTemplateNames }, { lintTemplate }] = await Promise.all([
    import('./templates.adapter.js'),
    import('./lint-template.service.js'),
  ]);
  const reports: TemplateReport[] = [];
  for (const name of await listTemplateNames(dir)) reports.push(await lintTemplate(dir, name));
  return reports;
}

function printReports(reports: readonly TemplateReport[]): void {
  for (const report of reports) {
    if (report.error === null && report.findings.length === 0) {
      process.stdout.write(`${report.template}: ok\n`);
      continue;
    }
    process.stdout.write(`${report.template}:\n`);
    if (report.error !== null) process.stdout.write(`  blocking ${report.error.code}: ${report.error.message}\n`);
    for (const f of report.findings) {
      process.stdout.write(
        `  ${f.severity} ${f.rule} (${f.where}): ${f.message}${f.excerpt === undefined ? '' : ` [${f.excerpt}]`}\n`,
      );
    }
  }
}

async function readData(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${file}: ${(error as Error).message}`, { file });
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw new Error('the data must be a JSON object');
    return data as Record<string, unknown>;
  } catch (error) {
    throw new RegularsError('INVALID_ARGUMENT', `${file}: ${(error as Error).message}`, { field: 'data' });
  }
}

/**
 * Copies the built-in templates into `dir` for a store to edit, keep beside its flows and pass as
 * `--templates DIR`. Nothing is written when an entry exists already, unless `force`: a store's
 * edited template is never replaced by accident.
 */
async function copyBuiltInTemplates(dir: string, force: boolean): Promise<string[]> {
  const { builtInTemplatesDir } = await import('./templates.adapter.js');
  const from = builtInTemplatesDir();
  const entries = (await readdir(from)).sort();
  let present: Set<string>;
  try {
    await mkdir(dir, { recursive: true });
    present = new Set(await readdir(dir));
  } catch (error) {
    throw new RegularsError('INVALID_ARGUMENT', `cannot copy the templates into ${dir}: ${(error as Error).message}`, {
      field: 'dir',
      dir,
    });
  }
  const clashes = entries.filter((entry) => present.has(entry));
  if (clashes.length > 0 && !force) {
    throw new RegularsError(
      'FILE_EXISTS',
      `${dir} already has ${clashes.join(', ')}: choose an empty folder or pass --force`,
      {
        dir,
        entries: clashes,
      },
    );
  }
  for (const entry of entries)
    await cp(path.join(from, entry), path.join(dir, entry), { recursive: true, force: true });
  return entries;
}

export function registerTemplatesCommand(program: Command): void {
  const templates = program
    .command('templates')
    .description('Render and lint message templates (Liquid; docs/messaging.md)');

  templates
    .command('lint')
    .description(
      'Render every template of DIR with its sample.json and run the content lint; exits 2 on blocking findings',
    )
    .argument('[dir]', 'the templates folder (default: the built-in templates)')
    .option('--json', 'print the findings as JSON')
    .action(async (dirArgument: string | undefined, flags: { json?: boolean }) => {
      const { builtInTemplatesDir } = await import('./templates.adapter.js');
      const dir = path.resolve(dirArgument ?? builtInTemplatesDir());
      const reports = await lintFolder(dir);
      if (flags.json) printJson(reports);
      else printReports(reports);
      const { isBlocked } = await import('./lint-template.service.js');
      const blocked = reports.filter(isBlocked);
      if (reports.length === 0) throw new RegularsError('TEMPLATE_NOT_FOUND', `no templates in ${dir}`, { dir });
      if (blocked.length > 0) {
        throw new RegularsError(
          'TEMPLATE_LINT_BLOCKED',
          `${blocked.length} of ${reports.length} templates have blocking findings: ${blocked.map((r) => r.template).join(', ')}`,
          {
            templates: blocked.map((r) => r.template),
          },
        );
      }
    });

  templates
    .command('render')
    .description('Render template NAME with its sample.json (or --data) and print the subject, text, HTML and SMS part')
    .argument('<name>', 'the template, e.g. order-confirmation')
    .option('--dir <dir>', 'the templates folder (default: the built-in templates)')
    .option('--data <file>', 'a JSON object to render with instead of the sample data')
    .option('--lenient', 'render unknown variables as empty instead of failing')
    .option('--json', 'print { subject, html, text, sms } as JSON (sms null without an SMS part)')
    .action(async (name: string, flags: { dir?: string; data?: string; lenient?: boolean; json?: boolean }) => {
      const { builtInTemplatesDir, loadTemplate, renderMessage, renderSms } = await import('./templates.adapter.js');
      const dir = path.resolve(flags.dir ?? builtInTemplatesDir());
      const template = await loadTemplate(dir, name);
      const data = flags.data !== undefined ? await readData(flags.data) : template.sample;
      if (data === null)
        throw new RegularsError('INVALID_ARGUMENT', `${name} has no sample.json: pass --data FILE.json`, {
          field: 'data',
        });
      const message = await renderMessage(template, data, { strict: !flags.lenient });
      const sms = template.sms == null ? null : await renderSms(template, data, { strict: !flags.lenient });
      if (flags.json) {
        printJson({ ...message, sms });
        return;
      }
      process.stdout.write(
        `Subject: ${message.subject}\n\n--- text ---\n${message.text}\n--- html ---\n${message.html}${sms === null ? '' : `\n--- sms ---\n${sms}\n`}`,
      );
    });

  templates
    .command('copy')
    .description(
      'Copy the built-in templates into DIR to edit them (then pass --templates DIR to the worker and flows)',
    )
    .argument('<dir>', 'the folder to copy into (created if missing)')
    .option('--force', 'overwrite templates DIR already has')
    .action(async (dirArgument: string, flags: { force?: boolean }) => {
      const dir = path.resolve(dirArgument);
      const entries = await copyBuiltInTemplates(dir, flags.force === true);
      const templates = entries.filter((entry) => !entry.startsWith('_') && !entry.includes('.'));
      process.stdout.write(`copied ${templates.length} templates and the shared layout into ${dir}\n`);
    });
}
