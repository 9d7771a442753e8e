import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImportResult } from './import-order-file.service.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { createProgressBar, type Progress, PROGRESS_MIN_BYTES } from '../../platform/cli/progress-bar.js';
import { addInputOptions, type InputFlags, printRejections } from '../../platform/cli/shared-options.js';

// ---------------------------------------------------------------------------------------------
// `regulars import FILE --store ID`

interface ImportFlags extends InputFlags, DatabaseFlags {
  store: string;
  json: boolean;
}

export function registerImportCommand(program: Command): void {
  addDatabaseOption(
    addInputOptions(
      program
        .command('import')
        .description(
          'load an order export into a store of the database; running it again changes nothing (docs/import.md)',
        )
        .argument(
          '<file>',
          'order export (generic CSV, Shopify export CSV or CDNOW log, as `regulars analyze` reads it; or WooCommerce order export CSV with --format woocommerce)',
        )
        .requiredOption('--store <id>', 'the store to import into (sto_..., from `regulars stores list`)')
        .option('--json', 'print the result as JSON', false),
      ['woocommerce'],
    ),
  ).action(async (file: string, flags: ImportFlags) => {
    if ((flags.format as string) === 'woocommerce') {
      await importWooCommerceFile(file, flags);
      return;
    }
    const [{ withDatabase }, { importOrderFile }, { readOrderExport }] = await Promise.all([
      loadStoreLayer(),
      import('./import-order-file.service.js'),
      import('./order-export.reader.js'),
    ]);
    const size = await stat(file).then(
      (s) => s.size,
      () => 0, // the reader reports the missing file with its code
    );
    // Bars as analyze draws them: on a terminal, for files over 4 MB; reading first, then writing.
    const big = size >= PROGRESS_MIN_BYTES;
    const bars: { reading: Progress | null; writing: Progress | null } = {
      reading: big ? createProgressBar(`reading ${file}`) : null,
      writing: null,
    };
    const result = await withDatabase(flags, (db) =>
      importOrderFile(
        {
          db,
          readOrderExport,
          onProgress: (done, total) => {
            if (!big) return;
            if (!bars.writing) {
              bars.reading?.finish();
              bars.writing = createProgressBar(`importing into ${flags.store}`);
            }
            bars.writing.update(done, total);
          },
        },
        {
          path: file,
          storeId: flags.store,
          format: flags.format,
          currency: flags.currency,
          strict: flags.strict,
          dateFormat: flags.dateFormat,
          maxRejectedShare: flags.maxRejectedShare,
          onReadProgress: bars.reading ? (done, total) => bars.reading?.update(done, total) : undefined,
        },
      ).finally(() => (bars.writing ?? bars.reading)?.finish()),
    );
    if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(describeImport(result));
    printRejections(result.rejectedRows, result.rejections);
  });
}

/** WooCommerce's order CSV: through the WooCommerce feature, which maps it as its webhooks (docs/integrations.md). */
async function importWooCommerceFile(file: string, flags: ImportFlags): Promise<void> {
  const [{ withDatabase }, { importWooCommerceCsv }] = await Promise.all([
    loadStoreLayer(),
    import('../woocommerce/index.js'),
  ]);
  const result = await withDatabase(flags, (db) =>
    importWooCommerceCsv(db, { path: file, storeId: flags.store, currency: flags.currency ?? null }),
  );
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    process.stdout.write(
      `imported ${file} (woocommerce): ${n(result.rowsRead)} rows, ${n(result.orders.processed)} orders recorded` +
        (result.orders.stale > 0 ? `, ${n(result.orders.stale)} kept as a webhook stored them` : '') +
        (result.orders.rejected > 0 ? `, ${n(result.orders.rejected)} orders rejected` : '') +
        '\n',
    );
  printRejections(result.rejectedRows, result.rejections);
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function describeImport(r: ImportResult): string {
  const head = `imported ${r.file} into store ${r.storeId} (${r.format}, ${r.currency}): ${n(r.rowsRead)} rows read, ${n(r.rejectedRows)} rejected\n`;
  const total = r.orders.created + r.orders.updated + r.orders.unchanged + r.orders.stale;
  const customers = r.customers.created + r.customers.updated + r.customers.unchanged;
  const lines = [
    `  customers: ${n(r.customers.created)} created, ${n(r.customers.updated)} updated, ${n(r.customers.unchanged)} unchanged`,
    `  orders:    ${n(r.orders.created)} created, ${n(r.orders.updated)} updated, ${n(r.orders.unchanged)} unchanged` +
      (r.orders.stale > 0
        ? `, ${n(r.orders.stale)} kept (the database has a newer version from webhooks or the API)`
        : ''),
  ];
  const stated = r.consent.granted + r.consent.revoked + r.consent.unchanged;
  if (stated > 0)
    lines.push(
      `  consent:   ${n(r.consent.granted)} granted and ${n(r.consent.revoked)} revoked recorded (source import), ${n(r.consent.unchanged)} already on record`,
    );
  if (r.unchanged) {
    const newer =
      r.orders.stale > 0 ? ` (${n(r.orders.stale)} of the orders in a newer version)` : ' as the file has them';
    lines.push(`nothing changed: the store already held all ${n(customers)} customers and ${n(total)} orders${newer}`);
  }
  return `${head}${lines.join('\n')}\n`;
}
