/**
 * The writer side of the store: one transaction per batch holding the new events (INSERT OR
 * IGNORE on eventId, so re-reading is harmless), their full-text rows, the quarantined records
 * and the source file's checkpoint — so a crash can neither lose nor duplicate anything (tailing.md §3).
 */
import type Database from 'better-sqlite3';
import { failpoint } from '../failpoint.js';
import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import type { SqlValue } from './event-columns.js';
import { encodeTokens, EVENT_COLUMNS, quoteIdentifier } from './event-columns.js';

export interface StoredEvent {
  readonly tokens: readonly (TokenValue | undefined)[];
  readonly shape: string;
  readonly degraded?: string;
  readonly raw: string;
  readonly sourceId: number | null;
  readonly generation: number;
  readonly byteOffset: number;
}

export interface QuarantineRecord {
  readonly sourceId: number | null;
  readonly path: string;
  readonly generation: number;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly reason: string;
  readonly error: string;
  readonly sample: Buffer | null;
}

/** What the store keeps of a source file's reading position and identity (a `source_file` row). */
export interface SourceFileState {
  readonly path: string;
  readonly headLength: number;
  readonly headHash: string | null;
  readonly encoding: string | null;
  readonly format: string | null;
  readonly insideArray: boolean;
  readonly generation: number;
  readonly offset: number;
  readonly guardLength: number;
  readonly guardHash: string | null;
  /** CRC-32 of every byte before `offset`: catches an edit in place that leaves size, head and guard alone */
  readonly prefixCrc: number | null;
  readonly elementsDone: number;
  readonly sizeSeen: number;
  readonly mtimeSeen: number;
}

export interface SourceCheckpoint extends SourceFileState {
  readonly sourceId: number;
  readonly dev: string;
  readonly ino: string;
}

export interface BatchResult {
  readonly stored: number;
  readonly duplicates: number;
  readonly quarantined: number;
}

const FULL_TEXT_INDEXES = FIELD_CATALOG.flatMap((field, index) => (field.fullText ? [index] : []));
const EVENT_ID_INDEX = FIELD_CATALOG.findIndex((field) => field.name === 'eventId');

export class EventStore {
  /** one INSERT per set of present tokens: binding ~100 NULLs per row costs more than the row itself */
  private readonly insertBySet = new Map<string, { statement: Database.Statement; columns: readonly number[] }>();
  private readonly insertFullText: Database.Statement;
  private readonly insertQuarantine: Database.Statement;
  private readonly updateSource: Database.Statement;
  private readonly commit: (events: readonly StoredEvent[], quarantine: readonly QuarantineRecord[], checkpoint: SourceCheckpoint | undefined) => BatchResult;
  private readonly row: SqlValue[] = [];
  private readonly encoded: SqlValue[] = [];

  constructor(private readonly db: Database.Database) {
    const fullTextNames = FULL_TEXT_INDEXES.map((i) => quoteIdentifier(FIELD_CATALOG[i]?.name ?? ''));
    this.insertFullText = db.prepare(`INSERT INTO events_fts (rowid, ${fullTextNames.join(', ')}) VALUES (?, ${fullTextNames.map(() => '?').join(', ')})`);
    this.insertQuarantine = db.prepare(`INSERT OR IGNORE INTO quarantine (source_id, path, generation, byte_offset, byte_length, reason, error, sample, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updateSource = db.prepare(`UPDATE source_file SET path = ?, dev = ?, ino = ?, head_len = ?, head_hash = ?, encoding = ?, format = ?,
      inside_array = ?, generation = ?, "offset" = ?, guard_len = ?, guard_hash = ?, prefix_crc = ?, elements_done = ?, size_seen = ?, mtime_seen = ?,
      state = 'active', last_seen = ? WHERE id = ?`);
    this.commit = db.transaction((events: readonly StoredEvent[], quarantine: readonly QuarantineRecord[], checkpoint: SourceCheckpoint | undefined) =>
      this.write(events, quarantine, checkpoint));
  }

  /** Events, quarantine rows and the checkpoint that moves past them, atomically. */
  writeBatch(events: readonly StoredEvent[], quarantine: readonly QuarantineRecord[], checkpoint?: SourceCheckpoint): BatchResult {
    return this.commit(events, quarantine, checkpoint);
  }

  private write(events: readonly StoredEvent[], quarantine: readonly QuarantineRecord[], checkpoint: SourceCheckpoint | undefined): BatchResult {
    const now = Date.now();
    let stored = 0;
    for (const event of events) {
      if (event.tokens[EVENT_ID_INDEX] === undefined) throw new Error('an event without eventId cannot be stored');
      const values = encodeTokens(event.tokens, this.encoded);
      const insert = this.insertFor(values);
      const row = this.row;
      row.length = 0;
      row.push(event.sourceId, event.generation, event.byteOffset, event.shape, event.degraded ?? null, now, event.raw);
      for (const column of insert.columns) row.push(values[column] ?? null);
      const info = insert.statement.run(row);
      if (info.changes === 0) continue;
      stored++;
      const fullText: SqlValue[] = [info.lastInsertRowid];
      for (const index of FULL_TEXT_INDEXES) {
        const value = event.tokens[index];
        fullText.push(typeof value === 'string' ? value : null);
      }
      this.insertFullText.run(fullText);
    }
    let quarantined = 0;
    for (const q of quarantine) {
      quarantined += this.insertQuarantine.run(q.sourceId, q.path, q.generation, q.byteOffset, q.byteLength, q.reason, q.error, q.sample, now).changes;
    }
    if (checkpoint !== undefined) {
      const c = checkpoint;
      this.updateSource.run(c.path, c.dev, c.ino, c.headLength, c.headHash, c.encoding, c.format, c.insideArray ? 1 : 0, c.generation, c.offset,
        c.guardLength, c.guardHash, c.prefixCrc, c.elementsDone, c.sizeSeen, c.mtimeSeen, now, c.sourceId);
    }
    failpoint('store.before-commit');
    return { stored, duplicates: events.length - stored, quarantined };
  }

  private insertFor(values: readonly SqlValue[]): { statement: Database.Statement; columns: readonly number[] } {
    let key = '';
    for (let i = 0; i < values.length; i++) key += values[i] === null ? '0' : '1';
    let insert = this.insertBySet.get(key);
    if (insert === undefined) {
      const columns = EVENT_COLUMNS.flatMap((_, i) => (values[i] === null ? [] : [i]));
      const names = ['source_id', 'generation', 'byte_offset', 'shape', 'degraded', 'ingested_at', 'raw', ...columns.map((i) => EVENT_COLUMNS[i]?.name ?? '')];
      const statement = this.db.prepare(`INSERT OR IGNORE INTO events (${names.map(quoteIdentifier).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      insert = { statement, columns };
      if (this.insertBySet.size >= 1000) this.insertBySet.clear();
      this.insertBySet.set(key, insert);
    }
    return insert;
  }

  get database(): Database.Database {
    return this.db;
  }
}
