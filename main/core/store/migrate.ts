import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Brings the database to the latest schema: checks the list is strictly increasing, reads
 * `user_version`, refuses a database written by newer code, applies each pending step in its
 * own transaction and records the version with it.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  for (let i = 1; i < migrations.length; i++) {
    if ((migrations[i]?.version ?? 0) <= (migrations[i - 1]?.version ?? 0)) throw new Error('migrations must be strictly increasing');
  }
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = latestSchemaVersion(migrations);
  if (from > latest) {
    throw new SchemaTooNewError(`this database has schema version ${from}, newer than this version of XDR Tail understands (${latest}); open it with a newer XDR Tail`);
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  if (from !== latest) db.pragma('optimize');
  return { from, to: latest };
}
