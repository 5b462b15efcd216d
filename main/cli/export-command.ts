import { join } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, MANIFEST_NAME } from '../core/export/batch-naming.js';
import { ExportCancelledError, exportEvents } from '../core/export/export-service.js';
import { SCAN_CACHE_KIB } from '../core/store/database.js';
import { readerThreads } from '../worker/export-reader-pool.js';
import type { CommandIo } from './normalize-command.js';
import { ProgressLine } from './progress-line.js';
import { parseCountOption, parseFieldsOption, parseOrReport } from './query-command.js';
import { openStoreForReading } from './store-options.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

export interface ExportCommandOptions {
  readonly db?: string;
  readonly out?: string;
  readonly format?: string;
  readonly batchSize?: string;
  readonly fields?: string;
  readonly customerId?: string;
  readonly force?: boolean;
}

function parseFormat(value: string | undefined): ExportFormat {
  const format = value ?? 'jsonl';
  const known = EXPORT_FORMATS.find((f) => f === format);
  if (known === undefined) throw new UsageError(`--format must be ${EXPORT_FORMATS.join(', ')}; got "${format}"`);
  return known;
}

/** `xdr-tail export "<qql>" --db <file> --out <folder>`: batch files and a manifest (design.md §5). */
export async function runExport(text: string, options: ExportCommandOptions, io: CommandIo): Promise<number> {
  const format = parseFormat(options.format);
  const batchSize = parseCountOption('--batch-size', options.batchSize, 10_000);
  const fields = parseFieldsOption(options.fields);
  if (options.out === undefined || options.out === '') throw new UsageError('--out <folder> is required');
  const query = parseOrReport(text, io);
  if (query === undefined) return EXIT_USAGE;

  const db = openStoreForReading(options.db, { cacheKib: SCAN_CACHE_KIB });
  const progress = new ProgressLine(io.stderr);
  // Ctrl-C cancels between chunks, so no .partial file is left behind
  const cancel = new AbortController();
  const stop = (): void => {
    cancel.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const manifest = await exportEvents(db, {
      query,
      queryText: text,
      folder: options.out,
      format,
      batchSize,
      ...(fields !== undefined && { fields }),
      ...(options.customerId !== undefined && { customerId: options.customerId }),
      force: options.force === true,
    }, {
      signal: cancel.signal,
      readers: readerThreads(),
      onProgress: (p) => {
        progress.update(`exported ${p.events} / ${p.total} events, ${p.files} files`);
      },
    });
    progress.clear();
    io.stdout.write(`events    ${manifest.events}\nfiles     ${manifest.files.length}\nmanifest  ${join(options.out, MANIFEST_NAME)}\n`);
    return EXIT_OK;
  } catch (error) {
    progress.clear();
    if (error instanceof ExportCancelledError) {
      io.stderr.write('xdr-tail: export cancelled; the files of this export were removed\n');
      return EXIT_FAILURE;
    }
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    db.close();
  }
}
