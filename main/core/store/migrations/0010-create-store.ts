import { FIELD_CATALOG } from '../../../../shared/catalog/field-catalog.js';
import { EVENT_COLUMNS, filterColumn, quoteIdentifier } from '../event-columns.js';
import type { Migration } from './migration.js';

/** Events with a typed column per catalog token, the raw record, the tailer's checkpoints and the quarantine. */
export const createStore: Migration = {
  version: 10,
  name: 'create-store',
  up(db) {
    const columns = EVENT_COLUMNS.map((c) => `${quoteIdentifier(c.name)} ${c.sqlType}${c.collate ? ` COLLATE ${c.collate}` : ''}`);
    db.exec(`
      CREATE TABLE source_file (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        dev TEXT,
        ino TEXT,
        head_len INTEGER NOT NULL DEFAULT 0,
        head_hash TEXT,
        encoding TEXT,
        format TEXT,
        inside_array INTEGER NOT NULL DEFAULT 0,
        generation INTEGER NOT NULL DEFAULT 0,
        "offset" INTEGER NOT NULL DEFAULT 0,
        guard_len INTEGER NOT NULL DEFAULT 0,
        guard_hash TEXT,
        prefix_crc INTEGER,
        elements_done INTEGER NOT NULL DEFAULT 0,
        size_seen INTEGER NOT NULL DEFAULT 0,
        mtime_seen INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'active',
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
      CREATE INDEX source_file_path ON source_file(path);
      CREATE INDEX source_file_identity ON source_file(dev, ino);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES source_file(id),
        generation INTEGER,
        byte_offset INTEGER,
        shape TEXT NOT NULL,
        degraded TEXT,
        ingested_at INTEGER NOT NULL,
        raw TEXT NOT NULL,
        ${columns.join(',\n        ')}
      );
      -- one index for both jobs: eventId is unique (re-reading is harmless) and the same event always has
      -- the same time, so (eventTime, eventId) is as unique as eventId alone; led by time, new events land
      -- at the right edge of the tree instead of at random places (random UUID inserts cost ~10 µs each)
      -- and time ranges and newest-first pages use it directly
      CREATE UNIQUE INDEX events_time_event_id ON events("eventTime", "eventId");
      CREATE INDEX events_source ON events(source_id, byte_offset);
    `);
    for (const field of FIELD_CATALOG) {
      if (!field.indexed || field.name === 'eventTime') continue;
      const column = filterColumn(field);
      // partial: rows without the token (most rows, for many tokens) cost nothing to index
      db.exec(`CREATE INDEX ${quoteIdentifier(`events_${column}`)} ON events(${quoteIdentifier(column)}, "eventTime") WHERE ${quoteIdentifier(column)} IS NOT NULL`);
    }
    const fullText = FIELD_CATALOG.filter((f) => f.fullText).map((f) => quoteIdentifier(f.name));
    db.exec(`
      CREATE VIRTUAL TABLE events_fts USING fts5(${fullText.join(', ')}, content='events', content_rowid='id', tokenize='trigram', columnsize=0);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES source_file(id),
        path TEXT NOT NULL,
        generation INTEGER NOT NULL,
        byte_offset INTEGER NOT NULL,
        byte_length INTEGER NOT NULL,
        reason TEXT NOT NULL,
        error TEXT NOT NULL,
        sample BLOB,
        created_at INTEGER NOT NULL,
        UNIQUE (source_id, generation, byte_offset)
      );
      CREATE INDEX quarantine_reason ON quarantine(reason);

      CREATE TABLE lost_bytes (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES source_file(id),
        path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
