/**
 * Batch file names whose lexical order is time order (design.md §5): the first event's UTC time,
 * then the batch number for batches that start in the same millisecond. No colons (Windows).
 */
export type ExportFormat = 'jsonl' | 'jsonl.gz' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'jsonl.gz', 'csv'];

export const MANIFEST_NAME = 'manifest.json';

/** A file being written: never mistaken for a batch, and cleaned up by the next export into the folder. */
export const PARTIAL_SUFFIX = '.partial';

/** `events-20210514T125405.000Z-000001.jsonl` */
export function batchFileName(firstEventTimeMs: number, sequence: number, format: ExportFormat): string {
  const time = new Date(firstEventTimeMs).toISOString().replace(/[-:]/g, '');
  return `events-${time}-${String(sequence).padStart(6, '0')}.${format}`;
}

const OWN_FILE = /^(?:events-\d{8}T\d{6}\.\d{3}Z-\d{6,}\.(?:jsonl|jsonl\.gz|csv)|manifest\.json)(?:\.partial)?$/;

/** Files an earlier export wrote (batches, manifest, leftovers of a killed run). */
export function isExportFile(name: string): boolean {
  return OWN_FILE.test(name);
}
