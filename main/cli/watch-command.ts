import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from '../worker/ingest-protocol.js';
import type { CommandIo } from './normalize-command.js';
import { parseByteSizeOption, parseTimeZoneOption } from './normalize-command.js';
import { parseRetentionOptions, requireDatabasePath } from './store-options.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage-error.js';

export interface WatchCommandOptions {
  readonly db?: string;
  readonly customerId?: string;
  readonly sourceTz?: string;
  readonly maxRecordBytes?: string;
  readonly scanInterval?: string;
  readonly poll?: boolean;
  readonly finalLineSettle?: string;
  readonly retentionDays?: string;
  readonly retentionMaxMb?: string;
}

const WATCH_MODE_TEXT = {
  watcher: 'watching its files',
  'folder-events': 'watching the folder',
  polling: 'polling every 2 s',
} as const;

/**
 * `xdr-tail watch <folder>… --db <file>`: tails the folders in a worker thread until SIGINT or
 * SIGTERM, which stop it at a batch boundary; a second run resumes from the checkpoints.
 */
export async function runWatch(folders: readonly string[], options: WatchCommandOptions, io: CommandIo): Promise<number> {
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  }
  const scanSeconds = options.scanInterval === undefined ? 10 : Number(options.scanInterval);
  if (!Number.isFinite(scanSeconds) || scanSeconds < 0.1 || scanSeconds > 3600) throw new UsageError('--scan-interval must be between 0.1 and 3600 seconds');
  const settleSeconds = options.finalLineSettle === undefined ? 30 : Number(options.finalLineSettle);
  if (!Number.isFinite(settleSeconds) || settleSeconds < 0 || settleSeconds > 86_400) throw new UsageError('--final-line-settle must be between 0 and 86400 seconds');
  const maxRecordBytes = parseByteSizeOption('--max-record-bytes', options.maxRecordBytes);
  const settings: IngestWorkerData = {
    dbPath: options.db ?? '',
    folders,
    sourceTimeZone: parseTimeZoneOption(options.sourceTz),
    scanIntervalMs: Math.round(scanSeconds * 1000),
    ...(options.poll === true && { polling: true }),
    finalLineSettleMs: Math.round(settleSeconds * 1000),
    retention: parseRetentionOptions(options),
    ...(options.customerId !== undefined && { customerId: options.customerId }),
    ...(maxRecordBytes !== undefined && { maxRecordBytes }),
  };
  // the database itself is opened (and migrated) by the worker: the main thread runs no SQL
  requireDatabasePath(options.db);

  const worker = new Worker(new URL('../worker/ingest.worker.js', import.meta.url), { workerData: settings });
  return new Promise<number>((resolve) => {
    let exitCode = EXIT_OK;
    const stop = (): void => {
      io.stderr.write('xdr-tail: stopping…\n');
      worker.postMessage({ type: 'stop' } satisfies ToIngestWorker);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    worker.on('message', (message: FromIngestWorker) => {
      switch (message.type) {
        case 'started':
          io.stderr.write(`xdr-tail: watching ${folders.join(', ')} (Ctrl+C to stop)\n`);
          break;
        case 'file':
          io.stdout.write(`${message.file.path}: ${message.file.stored} stored, ${message.file.duplicates} duplicates, ${message.file.quarantined} quarantined\n`);
          break;
        case 'health':
          io.stderr.write(`xdr-tail: health ${message.health}: ${message.reason}\n`);
          break;
        case 'watch-mode':
          io.stderr.write(`xdr-tail: ${message.folder}: ${WATCH_MODE_TEXT[message.mode]} (${message.reason})\n`);
          break;
        case 'problem':
          io.stderr.write(`${message.path}: ${message.message}\n`);
          break;
        case 'stopped':
          io.stdout.write(`stored       ${message.stored}\nduplicates   ${message.duplicates}\nquarantined  ${message.quarantined}\n`);
          break;
        case 'failed':
          io.stderr.write(`xdr-tail: ${message.message}\n`);
          exitCode = EXIT_FAILURE;
          break;
      }
    });
    worker.on('error', (error) => {
      io.stderr.write(`xdr-tail: ingest worker failed: ${error.message}\n`);
      exitCode = EXIT_FAILURE;
    });
    worker.on('exit', () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(exitCode);
    });
  });
}
