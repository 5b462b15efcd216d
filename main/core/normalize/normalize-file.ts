/** A whole exported file → normalized events and per-record errors, in file order, streamed. */
import { readFileRecordBatches } from '../read/read-records.js';
import type { NormalizedRecord, NormalizeOptions } from './normalizer.js';
import { normalizeRecord } from './normalizer.js';

export type FileItem =
  | { readonly kind: 'event'; readonly offset: number; readonly length: number; readonly record: NormalizedRecord }
  | { readonly kind: 'error'; readonly offset: number; readonly length: number; readonly reason: string; readonly message: string };

export interface FileNormalizeOptions extends NormalizeOptions {
  readonly maxRecordBytes?: number;
}

/** Normalized items in file order, one array per chunk read (see readFileRecordBatches). */
export async function* normalizeFile(path: string, options: FileNormalizeOptions): AsyncGenerator<FileItem[]> {
  const readOptions = options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes };
  for await (const batch of readFileRecordBatches(path, readOptions)) {
    yield batch.map((item) => item.kind === 'error'
      ? { kind: 'error', offset: item.offset, length: item.length, reason: item.reason, message: item.message }
      : normalizeText(item.text, item.offset, item.length, options));
  }
}

export function normalizeText(text: string, offset: number, length: number, options: NormalizeOptions): FileItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'error', offset, length, reason: 'invalid_json', message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = normalizeRecord(value, options);
  if (!result.ok) return { kind: 'error', offset, length, reason: 'normalize_failed', message: result.reason };
  return { kind: 'event', offset, length, record: result };
}
