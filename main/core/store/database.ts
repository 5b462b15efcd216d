import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export interface OpenOptions {
  /** FULL for sites where exported files may be deleted right after export (tailing.md §3.5) */
  readonly synchronous?: 'NORMAL' | 'FULL';
}

/** The single writer connection: WAL, migrated to the latest schema. */
export function openWriter(path: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(path);
  try {
    // wide event rows with their raw record fit larger pages better (measured ~20% faster inserts);
    // the page size can only be chosen before the first table exists
    if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // 32 MiB: enough for the right edges of the time-led indexes; the peak RSS stays under 300 MB (design.md §8)
    db.pragma('cache_size = -32768');
    // checkpoint when the WAL passes 64 MiB (tailing.md §3.6), not every 1000 pages: each checkpoint syncs
    db.pragma(`wal_autocheckpoint = ${Math.floor((64 * 1024 * 1024) / (db.pragma('page_size', { simple: true }) as number))}`);
    db.pragma('temp_store = MEMORY');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface ReaderOptions {
  /** page cache in KiB (default: better-sqlite3's 16 MiB); a one-pass scan such as an export needs little */
  readonly cacheKib?: number;
}

/** A read-only connection for queries; it never blocks the writer (WAL). */
export function openReader(path: string, options: ReaderOptions = {}): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('query_only = ON');
  if (options.cacheKib !== undefined) db.pragma(`cache_size = -${Math.max(64, Math.round(options.cacheKib))}`);
  return db;
}

/** Page cache for connections that read an export once, front to back. */
export const SCAN_CACHE_KIB = 2048;
