/**
 * The tracked source files (lineages) and the decision of tailing.md §4: resume, new generation
 * (truncated or rewritten), renamed, copied, or new.
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import type { SourceFileState } from '../store/event-store.js';
import type { FileObservation } from './file-identity.js';
import { crcOfRange, guardAt, sha256 } from './file-identity.js';

/** One tracked logical file across renames (tailing.md §2). */
export interface Lineage extends SourceFileState {
  readonly id: number;
  readonly dev: string | null;
  readonly ino: string | null;
  readonly state: string;
}

export type Decision =
  | { readonly kind: 'resume'; readonly lineage: Lineage }
  | { readonly kind: 'truncated' | 'rewritten'; readonly lineage: Lineage }
  | { readonly kind: 'renamed'; readonly lineage: Lineage }
  | { readonly kind: 'copied'; readonly from: Lineage }
  | { readonly kind: 'new' };

interface LineageRow {
  id: number; path: string; dev: string | null; ino: string | null; head_len: number; head_hash: string | null; encoding: string | null;
  format: string | null; inside_array: number; generation: number; offset: number; guard_len: number; guard_hash: string | null;
  prefix_crc: number | null; elements_done: number; state: string; size_seen: number; mtime_seen: number;
}

function toLineage(row: LineageRow): Lineage {
  return {
    id: row.id, path: row.path, dev: row.dev, ino: row.ino, headLength: row.head_len, headHash: row.head_hash, encoding: row.encoding,
    format: row.format, insideArray: row.inside_array === 1, generation: row.generation, offset: row.offset, guardLength: row.guard_len,
    guardHash: row.guard_hash, prefixCrc: row.prefix_crc, elementsDone: row.elements_done, state: row.state,
    sizeSeen: row.size_seen, mtimeSeen: row.mtime_seen,
  };
}

export class SourceRegistry {
  private readonly byIdentity: Database.Statement<[string, string], LineageRow>;
  private readonly candidates: Database.Statement<[string, number], LineageRow>;
  private readonly insert: Database.Statement;
  private readonly atPath: Database.Statement<[string], LineageRow>;
  /** a lineage's head may have been recorded while its file was shorter: try each recorded length */
  private readonly headLengths: Database.Statement<[number], { head_len: number }>;

  constructor(private readonly db: Database.Database) {
    this.byIdentity = db.prepare(`SELECT * FROM source_file WHERE dev = ? AND ino = ? AND state != 'retired' ORDER BY id DESC LIMIT 1`);
    this.candidates = db.prepare(`SELECT * FROM source_file WHERE head_hash = ? AND head_len = ? AND state != 'retired' ORDER BY id DESC LIMIT 50`);
    this.headLengths = db.prepare(`SELECT DISTINCT head_len FROM source_file WHERE head_len > 0 AND head_len <= ? AND state != 'retired'`);
    this.atPath = db.prepare(`SELECT * FROM source_file WHERE path = ? AND state = 'active' ORDER BY id DESC LIMIT 1`);
    this.insert = db.prepare(`INSERT INTO source_file (path, dev, ino, head_len, head_hash, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  }

  /**
   * True when the file at `path` is still the one last checkpointed there — same file ID, size and
   * modification time as at that commit — so a reconciliation scan has nothing to look at (§11).
   */
  unchangedSinceCheckpoint(path: string, file: { readonly dev: string; readonly ino: string; readonly size: number; readonly mtimeMs: number }): boolean {
    const row = this.atPath.get(path);
    return row !== undefined && row.dev === file.dev && row.ino === file.ino && row.size_seen === file.size && row.mtime_seen === Math.trunc(file.mtimeMs);
  }

  /** tailing.md §4, in order: same file ID; unknown ID matching a lineage by head and guard (renamed or copied); else new. */
  async decide(observation: FileObservation, handle: FileHandle): Promise<Decision> {
    const known = this.byIdentity.get(observation.dev, observation.ino);
    if (known !== undefined) {
      const lineage = toLineage(known);
      if (observation.size < lineage.offset) return { kind: 'truncated', lineage };
      if (!headMatches(lineage, observation.head) || !(await guardMatches(lineage, handle))) return { kind: 'rewritten', lineage };
      // same size but touched: something was written in place; only the whole read part can tell
      const touchedInPlace = observation.size === lineage.sizeSeen && Math.trunc(observation.mtimeMs) !== lineage.mtimeSeen;
      if (touchedInPlace && !(await prefixMatches(lineage, handle))) return { kind: 'rewritten', lineage };
      return { kind: 'resume', lineage };
    }
    for (const headLength of this.headLengths.all(observation.head.length).map((r) => r.head_len)) {
      const hash = sha256(observation.head.subarray(0, headLength));
      for (const row of this.candidates.all(hash, headLength)) {
        const lineage = toLineage(row);
        if (observation.size < lineage.offset || !(await guardMatches(lineage, handle))) continue;
        const originalStillThere = lineage.path !== observation.path && existsSync(lineage.path) && (await sameIdentity(lineage));
        return originalStillThere ? { kind: 'copied', from: lineage } : { kind: 'renamed', lineage };
      }
    }
    return { kind: 'new' };
  }

  /**
   * Lineages under `folders` whose file is gone from their path: `missing` (kept, so a file that comes
   * back or turns up renamed is still recognized), with the bytes seen but never read counted as lost
   * (tailing.md G2). Lineages missing for longer than `retireAfterMs` are retired.
   */
  markMissing(folders: readonly string[], present: ReadonlySet<string>, now: number, retireAfterMs = 7 * 86_400_000): { missing: number; lostBytes: number } {
    let missing = 0;
    let lostBytes = 0;
    const candidates = this.db.prepare<[], { id: number; path: string; offset: number; size_seen: number }>(
      `SELECT id, path, "offset", size_seen FROM source_file WHERE state = 'active'`).all();
    const inFolders = (path: string): boolean => folders.some((folder) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep));
    this.db.transaction(() => {
      for (const row of candidates) {
        if (!inFolders(row.path) || present.has(row.path) || existsSync(row.path)) continue;
        this.db.prepare(`UPDATE source_file SET state = 'missing', last_seen = ? WHERE id = ?`).run(now, row.id);
        missing++;
        const lost = row.size_seen - row.offset;
        if (lost > 0) {
          this.db.prepare('INSERT INTO lost_bytes (source_id, path, bytes, reason, created_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.path, lost, 'deleted or moved away before it was read', now);
          lostBytes += lost;
        }
      }
      this.db.prepare(`UPDATE source_file SET state = 'retired' WHERE state = 'missing' AND last_seen < ?`).run(now - retireAfterMs);
    })();
    return { missing, lostBytes };
  }

  create(observation: FileObservation): Lineage {
    const now = Date.now();
    const headHash = observation.head.length === 0 ? null : sha256(observation.head);
    const info = this.insert.run(observation.path, observation.dev, observation.ino, observation.head.length, headHash, now, now);
    const row = this.db.prepare<[number | bigint], LineageRow>('SELECT * FROM source_file WHERE id = ?').get(info.lastInsertRowid);
    if (row === undefined) throw new Error('source_file row vanished');
    return toLineage(row);
  }
}

function headMatches(lineage: Lineage, head: Buffer): boolean {
  if (lineage.headHash === null || lineage.headLength === 0) return true;
  if (head.length < lineage.headLength) return false;
  return sha256(head.subarray(0, lineage.headLength)) === lineage.headHash;
}

async function prefixMatches(lineage: Lineage, handle: FileHandle): Promise<boolean> {
  if (lineage.prefixCrc === null || lineage.offset === 0) return true;
  return (await crcOfRange(handle, 0, lineage.offset, 0)) === lineage.prefixCrc;
}

async function guardMatches(lineage: Lineage, handle: FileHandle): Promise<boolean> {
  if (lineage.guardHash === null || lineage.guardLength === 0) return true;
  const guard = await guardAt(handle, lineage.offset);
  return guard.length === lineage.guardLength && guard.hash === lineage.guardHash;
}

async function sameIdentity(lineage: Lineage): Promise<boolean> {
  try {
    const info = await stat(lineage.path, { bigint: true });
    return info.dev.toString() === lineage.dev && info.ino.toString() === lineage.ino;
  } catch {
    return false;
  }
}
