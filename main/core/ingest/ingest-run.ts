/** One pass over files and folders: each file read from its checkpoint to its end, then done. */
import type Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { failpoint } from '../failpoint.js';
import type { BatchNormalizer } from '../normalize/batch-normalizer.js';
import type { NormalizeOptions } from '../normalize/normalizer.js';
import { EventStore } from '../store/event-store.js';
import { readRetention, RetentionEnforcer } from '../store/retention.js';
import type { FileIngestResult } from './file-ingestor.js';
import type { PlannedFile } from './file-ingestor.js';
import { ingestFile, planFile } from './file-ingestor.js';
import { expandSources } from './source-files.js';
import { SourceRegistry } from './source-registry.js';

/** A file unchanged for this long is complete (tailing.md §7 settle rule). */
export const SETTLE_MS = 2000;

export interface IngestRunOptions {
  readonly normalize: NormalizeOptions;
  /** who normalizes the batches (default: this thread) */
  readonly normalizer?: BatchNormalizer;
  readonly maxRecordBytes?: number;
  readonly batchRecords?: number;
  readonly batchBytes?: number;
  readonly onFileProgress?: (file: string, consumed: number, size: number) => void;
  readonly now?: () => number;
}

export interface IngestTotals {
  readonly files: readonly FileIngestResult[];
  readonly unreadable: readonly { path: string; error: string }[];
  readonly stored: number;
  readonly duplicates: number;
  readonly quarantined: number;
  readonly pendingBytes: number;
  /** events removed by the retention settings after this pass */
  readonly removedByRetention: number;
}

export async function ingestOnce(db: Database.Database, paths: readonly string[], options: IngestRunOptions): Promise<IngestTotals> {
  const store = new EventStore(db);
  const registry = new SourceRegistry(db);
  const { files, missing } = await expandSources(paths);
  const results: FileIngestResult[] = [];
  const unreadable = [...missing];
  const now = options.now ?? Date.now;
  const plans = new Map<string, PlannedFile>();
  for (const file of files) {
    try {
      failpoint('scan.classify');
      plans.set(file, await planFile(file, registry));
    } catch {
      // reported when it is read
    }
  }
  for (const file of files) {
    try {
      const { mtimeMs } = await stat(file);
      results.push(await ingestFile(file, store, registry, {
        normalize: options.normalize,
        ...(options.normalizer !== undefined && { normalizer: options.normalizer }),
        final: now() - mtimeMs >= SETTLE_MS,
        ...(options.maxRecordBytes !== undefined && { maxRecordBytes: options.maxRecordBytes }),
        ...(options.batchRecords !== undefined && { batchRecords: options.batchRecords }),
        ...(options.batchBytes !== undefined && { batchBytes: options.batchBytes }),
        ...(options.onFileProgress !== undefined && { onProgress: (consumed: number, size: number) => options.onFileProgress?.(file, consumed, size) }),
      }, plans.get(file)));
    } catch (error) {
      unreadable.push({ path: file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const removedByRetention = new RetentionEnforcer(db).enforce(readRetention(db), Date.now());
  const sum = (pick: (r: FileIngestResult) => number): number => results.reduce((total, r) => total + pick(r), 0);
  return {
    files: results, unreadable, removedByRetention,
    stored: sum((r) => r.stored), duplicates: sum((r) => r.duplicates), quarantined: sum((r) => r.quarantined), pendingBytes: sum((r) => r.pendingBytes),
  };
}
