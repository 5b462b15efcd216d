/**
 * Retention by age and by size (settings). Deletes run in small transactions of their own, between
 * ingest batches, so they never hold the writer for long; freed pages are reused by later inserts.
 */
import type Database from 'better-sqlite3';
import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';
import { quoteIdentifier } from './event-columns.js';

export interface RetentionPolicy {
  /** events older than this many days (by eventTime) are removed */
  readonly maxAgeDays?: number;
  /** the oldest events are removed while the live data exceeds this many bytes */
  readonly maxBytes?: number;
}

const SETTING_AGE = 'retention.maxAgeDays';
const SETTING_BYTES = 'retention.maxBytes';
const SETTING_BASELINE = 'retention.sizeAfterLastRound';
const CHUNK = 2000;

export function readRetention(db: Database.Database): RetentionPolicy {
  const get = (key: string): number | undefined => {
    const row = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?').get(key);
    const value = row === undefined ? Number.NaN : Number(row.value);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const maxAgeDays = get(SETTING_AGE);
  const maxBytes = get(SETTING_BYTES);
  return { ...(maxAgeDays !== undefined && { maxAgeDays }), ...(maxBytes !== undefined && { maxBytes }) };
}

/** Changes the given limits only; 0 removes a limit. */
export function updateRetention(db: Database.Database, change: { readonly maxAgeDays?: number; readonly maxBytes?: number }): void {
  const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM setting WHERE key = ?');
  db.transaction(() => {
    for (const [key, value] of [[SETTING_AGE, change.maxAgeDays], [SETTING_BYTES, change.maxBytes]] as const) {
      if (value === undefined) continue;
      if (value === 0) remove.run(key);
      else put.run(key, String(value));
    }
  })();
}

export class RetentionEnforcer {
  private readonly fullTextColumns = FIELD_CATALOG.filter((f) => f.fullText).map((f) => quoteIdentifier(f.name));
  private readonly deleteFullText: Database.Statement;
  private readonly deleteEvents: Database.Statement;
  private readonly oldestBefore: Database.Statement<[number, number], { id: number }>;
  private readonly oldest: Database.Statement<[number], { id: number }>;
  private readonly mergeFullText: Database.Statement;
  private readonly count: Database.Statement;
  private readonly readBaseline: Database.Statement;
  private readonly saveBaseline: Database.Statement;
  /** events to keep while a size round runs */
  private targetCount: number | undefined;

  constructor(private readonly db: Database.Database) {
    const columns = this.fullTextColumns.join(', ');
    this.deleteFullText = db.prepare(`INSERT INTO events_fts (events_fts, rowid, ${columns})
      SELECT 'delete', id, ${columns} FROM events WHERE id IN (SELECT value FROM json_each(?))`);
    this.deleteEvents = db.prepare('DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))');
    this.oldestBefore = db.prepare('SELECT id FROM events WHERE "eventTime" < ? ORDER BY "eventTime" LIMIT ?');
    this.oldest = db.prepare('SELECT id FROM events ORDER BY "eventTime" LIMIT ?');
    this.mergeFullText = db.prepare(`INSERT INTO events_fts (events_fts, rank) VALUES ('merge', 500)`);
    this.count = db.prepare('SELECT count(*) FROM events').pluck();
    this.readBaseline = db.prepare(`SELECT value FROM setting WHERE key = '${SETTING_BASELINE}'`).pluck();
    this.saveBaseline = db.prepare(`INSERT INTO setting (key, value) VALUES ('${SETTING_BASELINE}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }

  /** One step: deletes at most one chunk; returns how many events it removed (0 = nothing left to do). */
  step(policy: RetentionPolicy, now: number): number {
    if (policy.maxAgeDays !== undefined) {
      const ids = this.oldestBefore.all(now - policy.maxAgeDays * 86_400_000, CHUNK).map((r) => r.id);
      if (ids.length > 0) return this.remove(ids);
    }
    if (policy.maxBytes === undefined) return 0;
    if (this.targetCount === undefined) {
      const live = this.liveBytes();
      const baseline = this.baseline();
      // a finished round leaves the size above its true value (full-text tombstones until segments
      // merge): start a new round only when the data grew since, never on the leftovers of the last
      if (live <= policy.maxBytes || (baseline !== undefined && live <= baseline + policy.maxBytes * 0.05)) return 0;
      this.targetCount = Math.floor((this.countEvents() * policy.maxBytes) / live);
    }
    const excess = this.countEvents() - this.targetCount;
    if (excess > 0) return this.remove(this.oldest.all(Math.min(CHUNK, excess)).map((r) => r.id));
    this.targetCount = undefined;
    this.mergeFullText.run();
    this.saveBaseline.run(String(this.liveBytes()));
    return 0;
  }

  private countEvents(): number {
    return this.count.get() as number;
  }

  private baseline(): number | undefined {
    const value = this.readBaseline.get() as string | undefined;
    return value === undefined ? undefined : Number(value);
  }

  /** Runs steps until the policy holds (for one-shot callers; the tailer interleaves steps with ingest). */
  enforce(policy: RetentionPolicy, now: number): number {
    let removed = 0;
    for (let step = this.step(policy, now); step > 0; step = this.step(policy, now)) removed += step;
    return removed;
  }

  /** Bytes in use: pages minus free pages (the file does not shrink; freed pages are reused). */
  liveBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  }

  private remove(ids: readonly number[]): number {
    if (ids.length === 0) return 0;
    const list = JSON.stringify(ids);
    return this.db.transaction(() => {
      this.deleteFullText.run(list);
      return this.deleteEvents.run(list).changes;
    })();
  }
}
