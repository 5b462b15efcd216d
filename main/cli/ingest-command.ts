import { basename } from 'node:path';
import { DbIpGeoLookup } from '../core/enrich/geo-lookup.js';
import { ingestOnce } from '../core/ingest/ingest-run.js';
import { normalizerThread } from '../worker/normalizer-thread.js';
import type { CommandIo } from './normalize-command.js';
import { parseByteSizeOption, parseTimeZoneOption } from './normalize-command.js';
import { formatBytes, ProgressLine } from './progress-line.js';
import { updateRetention } from '../core/store/retention.js';
import { openStoreForWriting, parseRetentionOptions } from './store-options.js';
import { EXIT_FAILURE, EXIT_OK } from './usage-error.js';

export interface IngestCommandOptions {
  readonly db?: string;
  readonly customerId?: string;
  readonly sourceTz?: string;
  readonly maxRecordBytes?: string;
  readonly retentionDays?: string;
  readonly retentionMaxMb?: string;
}

/** `xdr-tail ingest <file-or-folder>… --db <file>`: one pass, then counts. */
export async function runIngest(paths: readonly string[], options: IngestCommandOptions, io: CommandIo): Promise<number> {
  const sourceTimeZone = parseTimeZoneOption(options.sourceTz);
  const maxRecordBytes = parseByteSizeOption('--max-record-bytes', options.maxRecordBytes);
  const retention = parseRetentionOptions(options);
  const db = openStoreForWriting(options.db);
  updateRetention(db, retention);
  const progress = new ProgressLine(io.stderr);
  const customer = options.customerId !== undefined ? { customerId: options.customerId } : {};
  // records are normalized in a second thread while this one writes the previous batch
  const normalizer = normalizerThread({ sourceTimeZone, geo: true, ...customer });
  try {
    const totals = await ingestOnce(db, paths, {
      normalize: { sourceTimeZone, geo: new DbIpGeoLookup(), ...customer },
      normalizer,
      ...(maxRecordBytes !== undefined && { maxRecordBytes }),
      onFileProgress: (file, consumed, size) => {
        progress.update(`${basename(file)}  ${formatBytes(consumed)} / ${formatBytes(size)}`);
      },
    });
    progress.clear();
    for (const problem of totals.unreadable) io.stderr.write(`${problem.path}: cannot read: ${problem.error}\n`);
    const lines = [
      `files        ${totals.files.length}`,
      `stored       ${totals.stored}`,
      `duplicates   ${totals.duplicates}`,
      `quarantined  ${totals.quarantined}`,
      ...(totals.removedByRetention > 0 ? [`removed      ${totals.removedByRetention} (retention)`] : []),
      ...(totals.pendingBytes > 0 ? [`pending      ${totals.pendingBytes} bytes (an incomplete last record, still being written?)`] : []),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return totals.unreadable.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    progress.clear();
    await normalizer.close();
    db.close();
  }
}
