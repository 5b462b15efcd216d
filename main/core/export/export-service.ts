/**
 * Export of normalized batches (design.md §5): the events matching a query, oldest first, in batch
 * files of at most `batchSize` events and a manifest.
 *
 * One read snapshot is scanned for the keys of the matches only, cut into batches (batch-plan.ts), and
 * each batch is read and written by a batch reader — on a second connection in this thread by default,
 * or in reader threads the caller provides, which is how the CLI uses both cores. A reader whose
 * snapshot no longer holds a batch's rows reports it, and that batch is written from the export's own
 * snapshot, so the files always hold exactly the snapshot's matches. Memory stays flat: only a batch's
 * key range crosses between threads, and text goes to disk in small chunks.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { QqlQuery } from '../../../shared/qql/index.js';
import { compileQuery } from '../query/compile-query.js';
import { openReader, SCAN_CACHE_KIB } from '../store/database.js';
import type { ExportFormat } from './batch-naming.js';
import { BatchPlanner, type PlannedBatch } from './batch-plan.js';
import { type ExportManifest, type ManifestFile, syncFolder, writeManifest } from './export-manifest.js';
import { prepareExportFolder } from './export-folder.js';
import { type BatchOutcome, BatchRangeReader, type BatchSource } from './range-batch.js';
import { rowFormat } from './row-format.js';

export type { ExportManifest, ManifestFile } from './export-manifest.js';

export interface ExportRequest {
  /** the parsed query, and its text as the user wrote it (for the manifest) */
  readonly query: QqlQuery;
  readonly queryText: string;
  readonly folder: string;
  readonly format: ExportFormat;
  readonly batchSize: number;
  /** only these tokens, in this order (default: every token in catalog order) */
  readonly fields?: readonly string[];
  /** for the manifest; default: the one customerId the exported events carry, if they carry one */
  readonly customerId?: string;
  /** write into a non-empty folder, replacing the files of an earlier export */
  readonly force?: boolean;
}

export interface ExportProgress {
  /** events in completed batch files, and how many match (counted in the export's snapshot) */
  readonly events: number;
  readonly total: number;
  /** batch files completed */
  readonly files: number;
}

/** What batch readers are started with: plain data, so it can be handed to other threads. */
export interface BatchReaderSetup {
  readonly dbPath: string;
  readonly source: BatchSource;
  /** set to 1 (Atomics) when the export is cancelled or failed: readers stop between chunks */
  readonly cancel: Int32Array;
}

export interface BatchReaders {
  /** Starts a batch; resolves once another may be submitted, with the outcome still to come. */
  submit(plan: PlannedBatch): Promise<{ readonly outcome: Promise<BatchOutcome> }>;
  close(): Promise<void>;
}

export type OpenBatchReaders = (setup: BatchReaderSetup) => BatchReaders;

export interface ExportControl {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** the export time written to the manifest (tests pin it) */
  readonly now?: () => Date;
  /** who reads and writes the batches (default: a second connection in this thread, one batch at a time) */
  readonly readers?: OpenBatchReaders;
}

export class ExportCancelledError extends Error {
  override readonly name = 'ExportCancelledError';
  constructor() {
    super('export cancelled');
  }
}

export function isCancelled(cancel: Int32Array): boolean {
  return Atomics.load(cancel, 0) === 1;
}

/** Batches read one after another on a second read-only connection in this thread. */
export function inThreadBatchReaders(setup: BatchReaderSetup): BatchReaders {
  const db = openReader(setup.dbPath, { cacheKib: SCAN_CACHE_KIB });
  const reader = new BatchRangeReader(db, setup.source);
  return {
    async submit(plan) {
      const outcome = await reader.write(plan, () => isCancelled(setup.cancel));
      return { outcome: Promise.resolve(outcome) };
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

interface Submitted {
  readonly plan: PlannedBatch;
  readonly outcome: Promise<BatchOutcome>;
}

export async function exportEvents(db: Database.Database, request: ExportRequest, control: ExportControl = {}): Promise<ExportManifest> {
  if (!Number.isSafeInteger(request.batchSize) || request.batchSize < 1) throw new Error(`batch size must be a whole number ≥ 1, got ${request.batchSize}`);
  const { where, params } = compileQuery(request.query);
  const fields = rowFormat(request.format, request.fields).fields;
  await prepareExportFolder(request.folder, request.force === true);

  const source: BatchSource = { where, params, format: request.format, ...(request.fields !== undefined && { fields: request.fields }), folder: request.folder };
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = (): void => {
    Atomics.store(cancel, 0, 1);
  };
  control.signal?.addEventListener('abort', onAbort);
  if (control.signal?.aborted === true) onAbort();

  const submitted: Submitted[] = [];
  const fallbackFiles: string[] = [];
  const customerIds = new Set<string>();
  const files: ManifestFile[] = [];
  let eventsDone = 0;
  let filesDone = 0;
  let total = 0;
  const report = (): void => control.onProgress?.({ events: eventsDone, total, files: filesDone });
  const tally = (outcome: BatchOutcome): BatchOutcome => {
    if (outcome.kind === 'written') {
      eventsDone += outcome.file.events;
      filesDone += 1;
      report();
    }
    return outcome;
  };

  let readers: BatchReaders | undefined;
  db.exec('BEGIN');
  try {
    // the count and the keys come from one snapshot, which stays open until every batch is written
    total = db.prepare(`SELECT count(*) FROM events AS e WHERE ${where}`).pluck().get(...params) as number;
    report();
    readers = (control.readers ?? inThreadBatchReaders)({ dbPath: db.name, source, cancel });
    const planner = new BatchPlanner(request.batchSize, request.format);
    const submit = async (plan: PlannedBatch): Promise<void> => {
      if (isCancelled(cancel)) throw new ExportCancelledError();
      const { outcome } = await (readers as BatchReaders).submit(plan);
      const tallied = outcome.then(tally);
      tallied.catch(() => undefined);
      submitted.push({ plan, outcome: tallied });
    };
    // eventId breaks ties: the order, so the batch files, depend only on the data (not on insert order)
    const keys = db.prepare(`SELECT e."eventTime", e."eventId", e.id FROM events AS e WHERE ${where} ORDER BY e."eventTime", e."eventId"`).raw(true);
    for (const [eventTime, eventId, id] of keys.iterate(...params) as IterableIterator<[number, string, number]>) {
      const plan = planner.add(eventTime, eventId, id);
      if (plan !== undefined) await submit(plan);
    }
    const last = planner.finish();
    if (last !== undefined) await submit(last);

    // batches a reader saw changed are written here, from the snapshot the plan came from
    let fallback: BatchRangeReader | undefined;
    for (const { plan, outcome } of submitted) {
      let result = await outcome;
      if (result.kind === 'changed') {
        fallback ??= new BatchRangeReader(db, source);
        result = tally(await fallback.write(plan, () => isCancelled(cancel)));
        if (result.kind === 'written') fallbackFiles.push(result.file.name);
        if (result.kind === 'changed') throw new Error(`batch ${plan.name} differs from the export's own snapshot`);
      }
      if (result.kind === 'cancelled') throw new ExportCancelledError();
      files.push(result.file);
      for (const id of result.customerIds) if (customerIds.size < 2) customerIds.add(id);
    }
    if (isCancelled(cancel)) throw new ExportCancelledError();
  } catch (error) {
    // stop every reader, then remove every file this run wrote
    Atomics.store(cancel, 0, 1);
    const outcomes = await Promise.allSettled(submitted.map((s) => s.outcome));
    const written = [...fallbackFiles, ...outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value.kind === 'written' ? [o.value.file.name] : []))];
    for (const name of written) await rm(join(request.folder, name), { force: true });
    throw error;
  } finally {
    control.signal?.removeEventListener('abort', onAbort);
    await readers?.close();
    db.exec('COMMIT');
  }

  const onlyCustomer = customerIds.size === 1 ? [...customerIds][0] : undefined;
  const manifest: ExportManifest = {
    query: request.queryText,
    format: request.format,
    customerId: request.customerId ?? onlyCustomer ?? null,
    exportedAt: (control.now?.() ?? new Date()).toISOString(),
    events: files.reduce((sum, f) => sum + f.events, 0),
    ...(request.fields !== undefined && { fields }),
    files,
  };
  try {
    await writeManifest(request.folder, manifest);
  } catch (error) {
    for (const file of files) await rm(join(request.folder, file.name), { force: true });
    throw error;
  }
  await syncFolder(request.folder);
  return manifest;
}
