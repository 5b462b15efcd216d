import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_CATALOG } from '../../../../../shared/catalog/field-catalog.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { EVENT_COLUMNS } from '../../../../../main/core/store/event-columns.js';
import { latestSchemaVersion, migrate, SchemaTooNewError } from '../../../../../main/core/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/core/store/migrations/index.js';
import type { Migration } from '../../../../../main/core/store/migrations/migration.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const dir = tempFolder('migrate');

describe('store schema and migrations', () => {
  it('creates a typed column for every catalog token, WAL, and the full-text table over exactly the full-text tokens', () => {
    const db = openWriter(join(dir, 'fresh.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    const columns = db.prepare<[], { name: string; type: string }>('SELECT name, type FROM pragma_table_info(\'events\')').all();
    for (const column of EVENT_COLUMNS) expect(columns.find((c) => c.name === column.name)?.type, column.name).toBe(column.sqlType);
    for (const field of FIELD_CATALOG) expect(EVENT_COLUMNS.some((c) => c.token === field.name), field.name).toBe(true);
    const fts = db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'events_fts\')').all().map((c) => c.name).sort();
    expect(fts).toEqual(FIELD_CATALOG.filter((f) => f.fullText).map((f) => f.name).sort());
    expect(db.prepare('SELECT sql FROM sqlite_master WHERE name = \'events_fts\'').pluck().get()).toMatch(/trigram/);
    db.close();
  });

  it('moves a version-10 store to the latest version: full-text segments merge 16 at a time, rows kept', () => {
    const path = join(dir, 'version-10.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 10));
    old.exec(`INSERT INTO setting (key, value) VALUES ('kept', 'yes')`);
    expect(old.prepare(`SELECT v FROM events_fts_config WHERE k = 'automerge'`).pluck().get()).toBeUndefined();
    old.close();
    const db = openWriter(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.prepare(`SELECT v FROM events_fts_config WHERE k = 'automerge'`).pluck().get()).toBe(16);
    expect(db.prepare(`SELECT value FROM setting WHERE key = 'kept'`).pluck().get()).toBe('yes');
    db.close();
  });

  it('migrates a database written by an older schema version, keeping its rows', () => {
    const path = join(dir, 'older.db');
    const old = new Database(path);
    migrate(old, MIGRATIONS);
    old.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('customerId', 'c-1');
    old.close();
    const next: Migration = { version: latestSchemaVersion() + 10, name: 'add-note', up: (db) => db.exec('ALTER TABLE setting ADD COLUMN note TEXT') };
    const db = new Database(path);
    expect(migrate(db, [...MIGRATIONS, next])).toEqual({ from: latestSchemaVersion(), to: next.version });
    expect(db.pragma('user_version', { simple: true })).toBe(next.version);
    expect(db.prepare('SELECT value, note FROM setting').get()).toEqual({ value: 'c-1', note: null });
    db.close();
  });

  it('refuses a database newer than the code, with a clear message, and leaves it untouched', () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openWriter(path)).toThrow(SchemaTooNewError);
    expect(() => openWriter(path)).toThrow(/schema version 999, newer than this version of XDR Tail understands/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    expect(again.prepare('SELECT count(*) FROM sqlite_master').pluck().get()).toBe(0);
    again.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(join(dir, 'failing.db'));
    migrate(db, MIGRATIONS);
    const broken: Migration = { version: latestSchemaVersion() + 10, name: 'broken', up: (d) => { d.exec('CREATE TABLE half (x)'); d.exec('SELECT * FROM nowhere'); } };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = \'half\'').pluck().get()).toBe(0);
    db.close();
  });
});
