import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { openReader, openWriter, type ReaderOptions } from '../core/store/database.js';
import { SchemaTooNewError } from '../core/store/migrate.js';
import { UsageError } from './usage-error.js';

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** --db must be given and its folder must exist (bad usage otherwise). */
export function requireDatabasePath(path: string | undefined): string {
  if (path === undefined || path === '') throw new UsageError('--db <file> is required');
  if (!existsSync(dirname(path) || '.')) throw new UsageError(`--db: the folder of ${path} does not exist`);
  return path;
}

/** The writer connection for --db; a missing folder is bad usage, an unreadable or too-new database an error. */
export function openStoreForWriting(given: string | undefined): Database.Database {
  const path = requireDatabasePath(given);
  try {
    return openWriter(path);
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw new StoreOpenError(error.message);
    throw new StoreOpenError(`cannot open the database ${path}: ${describe(error)}`);
  }
}

export function openStoreForReading(path: string | undefined, options: ReaderOptions = {}): Database.Database {
  if (path === undefined || path === '') throw new UsageError('--db <file> is required');
  if (!existsSync(path)) throw new StoreOpenError(`no database at ${path}`);
  try {
    const db = openReader(path, options);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) {
      db.close();
      throw new StoreOpenError(`${path} is not an XDR Tail database`);
    }
    return db;
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`cannot open the database ${path}: ${describe(error)}`);
  }
}

/** --retention-days / --retention-max-mb: limits to store in the database's settings (0 removes one). */
export function parseRetentionOptions(options: { readonly retentionDays?: string; readonly retentionMaxMb?: string }): { maxAgeDays?: number; maxBytes?: number } {
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new UsageError(`${name} must be a number ≥ 0 (0 removes the limit), got "${value}"`);
    return parsed;
  };
  const days = number('--retention-days', options.retentionDays);
  const mb = number('--retention-max-mb', options.retentionMaxMb);
  return { ...(days !== undefined && { maxAgeDays: days }), ...(mb !== undefined && { maxBytes: Math.round(mb * 1024 * 1024) }) };
}
