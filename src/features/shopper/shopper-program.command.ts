import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';

interface ProgramFlags extends DatabaseFlags {
  store: string;
  joinUrl?: string;
  title?: string;
  joinText?: string;
  json: boolean;
}

/**
 * `regulars shopper program`: what the public program description (and so the widget's guest view)
 * says beyond the program's rules: where to join, the title and the invitation.
 */
export function registerShopperProgramCommand(shopper: Command): void {
  addDatabaseOption(
    shopper
      .command('program')
      .description("show or change what the widget's guest view offers: where to join, its title and invitation")
      .requiredOption('--store <id>', 'the store')
      .option('--join-url <url>', 'where a guest signs up (default: the shop\'s address); "" for the default')
      .option('--title <text>', 'the title of the guest view (default: translated "Rewards"); "" for the default')
      .option('--join-text <text>', 'the invitation to join (default: a translated text); "" for the default')
      .option('--json', 'print the settings as JSON', false),
  ).action(async (flags: ProgramFlags) => {
    const [layer, program, ids] = await Promise.all([
      loadStoreLayer(),
      import('./shopper-program.service.js'),
      import('../../platform/ids.js'),
    ]);
    const changes = {
      ...(flags.joinUrl === undefined ? {} : { joinUrl: flags.joinUrl }),
      ...(flags.title === undefined ? {} : { title: flags.title }),
      ...(flags.joinText === undefined ? {} : { joinText: flags.joinText }),
    };
    const settings = await layer.withDatabase(flags, async (db) => {
      await layer.getStore(db, flags.store);
      return Object.keys(changes).length === 0
        ? program.readProgramSettings(db, flags.store)
        : program.changeProgramSettings(db, flags.store, changes, ids.nowIso());
    });
    if (flags.json) {
      printJson(settings);
      return;
    }
    process.stdout.write(
      `join URL: ${settings.joinUrl ?? "(the shop's address)"}\ntitle: ${settings.title ?? '(default)'}\njoin text: ${settings.joinText ?? '(default)'}\n`,
    );
  });
}
