import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestOnce } from '../../../../main/core/ingest/ingest-run.js';
import { openWriter } from '../../../../main/core/store/database.js';
import { EVENT_COLUMNS } from '../../../../main/core/store/event-columns.js';
import { normalizerThread } from '../../../../main/worker/normalizer-thread.js';
import { flatLines } from '../../../helpers/generated-events.js';
import { PROJECT_ROOT, SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

// npm test builds out/ before running the tests: the thread runs the compiled engine
const WORKER = pathToFileURL(join(PROJECT_ROOT, 'out/main/worker/normalizer.worker.js'));
const hasSamples = sharedAvailable();
const dir = tempFolder('normalizer-thread');
const SHAPES = ['evtx-json', 'powershell', 'nxlog', 'winlogbeat', 'qualys-flat'];

function storedRows(path: string): { events: unknown[]; quarantine: unknown[]; sources: unknown[] } {
  const db = new Database(path, { readonly: true });
  try {
    const columns = ['shape', 'degraded', 'raw', 'byte_offset', 'generation', ...EVENT_COLUMNS.map((c) => c.name)].map((c) => `"${c}"`).join(', ');
    return {
      events: db.prepare(`SELECT ${columns} FROM events ORDER BY "eventId"`).raw(true).all(),
      quarantine: db.prepare('SELECT path, byte_offset, byte_length, reason, error, sample FROM quarantine ORDER BY path, byte_offset').raw(true).all(),
      sources: db.prepare('SELECT path, "offset", generation, elements_done, inside_array FROM source_file ORDER BY path').raw(true).all(),
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!hasSamples)('ingest with a normalizer thread', () => {
  it('stores exactly what ingest in one thread stores: events, quarantine and checkpoints', async () => {
    const folders = SHAPES.map((shape) => join(SAMPLES_ROOT, shape));
    const oneThread = join(dir, 'one-thread.db');
    const writer = openWriter(oneThread);
    await ingestOnce(writer, folders, { normalize: { sourceTimeZone: 'UTC' }, batchRecords: 40 });
    writer.close();

    const twoThreads = join(dir, 'two-threads.db');
    const second = openWriter(twoThreads);
    const normalizer = normalizerThread({ sourceTimeZone: 'UTC', geo: false }, WORKER);
    try {
      await ingestOnce(second, folders, { normalize: { sourceTimeZone: 'UTC' }, normalizer, batchRecords: 40 });
    } finally {
      await normalizer.close();
      second.close();
    }
    const expected = storedRows(oneThread);
    expect(expected.events.length).toBeGreaterThan(800);
    expect(expected.quarantine.length).toBeGreaterThan(0);
    expect(storedRows(twoThreads)).toEqual(expected);
  });
});

describe('a failing normalizer thread', () => {
  it('fails the ingest with the reason and commits nothing past the last good batch', async () => {
    const file = join(dir, 'gen.jsonl');
    writeFileSync(file, flatLines('gen', 1, 1200));
    const db = openWriter(join(dir, 'failing.db'));
    const normalizer = normalizerThread({ sourceTimeZone: 'UTC', geo: false }, pathToFileURL(join(dir, 'missing.worker.js')));
    try {
      const totals = await ingestOnce(db, [file], { normalize: { sourceTimeZone: 'UTC' }, normalizer, now: () => Number.MAX_SAFE_INTEGER });
      expect(totals.unreadable).toHaveLength(1);
      expect(totals.unreadable[0]?.error).toMatch(/missing\.worker|Cannot find module|normalizer thread/);
      expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
      expect(db.prepare('SELECT "offset" FROM source_file').pluck().all()).toEqual([0]);
    } finally {
      await normalizer.close();
      db.close();
    }
  });
});
