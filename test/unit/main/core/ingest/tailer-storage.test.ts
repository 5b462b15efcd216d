import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tailer, type TailerHealth } from '../../../../../main/core/ingest/tailer.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { flatLines } from '../../../../helpers/generated-events.js';
import { storedSeqs } from '../../../../helpers/store-queries.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';
import { eventCount, waitFor } from '../../../../helpers/watch-process.js';

const dir = tempFolder('tailer-storage');

describe('when the database refuses writes (tailing.md §9)', () => {
  it('pauses, retries with backoff, turns degraded, and stores everything once when the database is back', async () => {
    const folder = join(dir, 'in');
    mkdirSync(folder);
    const db = join(dir, 'busy.db');
    const writer = openWriter(db);
    // a short busy timeout, so a held lock shows as SQLITE_BUSY within the test
    writer.pragma('busy_timeout = 50');
    const problems: string[] = [];
    const health: [TailerHealth, string][] = [];
    const tailer = new Tailer(writer, [folder], {
      normalize: { sourceTimeZone: 'UTC' },
      scanIntervalMs: 60_000,
      degradedAfterMs: 700,
      onError: (_path, error) => problems.push(String(error)),
      onHealth: (state, reason) => health.push([state, reason]),
    });
    await tailer.start();
    const other = new Database(db);
    try {
      // another writer holds the write lock: every commit of the tailer fails with SQLITE_BUSY
      other.exec('BEGIN IMMEDIATE');
      writeFileSync(join(folder, 'a.jsonl'), flatLines('a', 1, 700));
      await waitFor(() => tailer.health === 'degraded', 10_000, () => `health stayed ${tailer.health}: ${problems.join('; ')}`);
      expect(eventCount(db)).toBe(0);
      other.exec('COMMIT');
      await waitFor(() => eventCount(db) === 700, 40_000, () => `${eventCount(db)} events after the lock was released`);
      await waitFor(() => tailer.health === 'ok', 5000, () => 'health did not recover');
    } finally {
      other.close();
      await tailer.stop();
      writer.close();
    }
    expect(problems.filter((p) => p.includes('the database refused the write'))).toHaveLength(1);
    expect(problems[0]).toMatch(/database is locked/);
    expect(health.map(([state]) => state)).toEqual(['degraded', 'ok']);
    const seqs = storedSeqs(db);
    expect(seqs.size).toBe(700);
    expect([...seqs.values()].every((n) => n === 1)).toBe(true);
  });
});
