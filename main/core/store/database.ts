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
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32000');
    db.pragma('temp_store = MEMORY');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A read-only connection for queries; it never blocks the writer (WAL). */
export function openReader(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('query_only = ON');
  return db;
}
