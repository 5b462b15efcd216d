/** Messages between the main thread and the ingest worker. Plain data only (structured clone). */
export interface IngestWorkerData {
  readonly dbPath: string;
  readonly folders: readonly string[];
  readonly customerId?: string;
  readonly sourceTimeZone: string;
  readonly maxRecordBytes?: number;
  readonly scanIntervalMs?: number;
  /** poll every folder instead of watching it */
  readonly polling?: boolean;
  readonly finalLineSettleMs?: number;
  readonly retention?: { readonly maxAgeDays?: number; readonly maxBytes?: number };
}

export type ToIngestWorker = { readonly type: 'stop' };

export interface FileProgress {
  readonly path: string;
  readonly decision: string;
  readonly stored: number;
  readonly duplicates: number;
  readonly quarantined: number;
}

export type FromIngestWorker =
  | { readonly type: 'started' }
  | { readonly type: 'file'; readonly file: FileProgress }
  | { readonly type: 'problem'; readonly path: string; readonly message: string }
  | { readonly type: 'health'; readonly health: 'ok' | 'degraded'; readonly reason: string }
  | { readonly type: 'watch-mode'; readonly folder: string; readonly mode: 'watcher' | 'folder-events' | 'polling'; readonly reason: string }
  | { readonly type: 'stopped'; readonly stored: number; readonly duplicates: number; readonly quarantined: number }
  | { readonly type: 'failed'; readonly message: string };
