import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../../shared/qql/index.js';
import type { ExportFormat } from '../../../../../main/core/export/batch-naming.js';
import type { BatchOutcome } from '../../../../../main/core/export/range-batch.js';
import { ExportCancelledError, exportEvents, inThreadBatchReaders, type ExportControl, type ExportManifest, type OpenBatchReaders } from '../../../../../main/core/export/export-service.js';
import { ingestOnce } from '../../../../../main/core/ingest/ingest-run.js';
import { openReader, openWriter } from '../../../../../main/core/store/database.js';
import { EVENT_COLUMNS } from '../../../../../main/core/store/event-columns.js';
import { RetentionEnforcer } from '../../../../../main/core/store/retention.js';
import { readerThreads } from '../../../../../main/worker/export-reader-pool.js';
import { folderHashes } from '../../../../helpers/export-files.js';
import { flatLines } from '../../../../helpers/generated-events.js';
import { PROJECT_ROOT } from '../../../../helpers/shared-folder.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

// npm test builds out/ before running the tests: reader threads run the compiled engine
const WORKER = pathToFileURL(join(PROJECT_ROOT, 'out/main/worker/export-reader.worker.js'));
const dir = tempFolder('export-readers');
const NOW = new Date('2026-12-03T10:00:00.000Z');
const ALL = (() => {
  const parsed = parseQuery('', { now: NOW.getTime() });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
})();

let folders = 0;
async function exportAll(dbPath: string, format: ExportFormat, control: ExportControl = {}): Promise<{ folder: string; manifest: ExportManifest }> {
  const folder = join(dir, `out-${++folders}`);
  const db = openReader(dbPath);
  try {
    const manifest = await exportEvents(db, { query: ALL, queryText: '', folder, format, batchSize: 250 }, { now: () => NOW, ...control });
    return { folder, manifest };
  } finally {
    db.close();
  }
}

/** Wraps readers to see every outcome they report. */
function recording(open: OpenBatchReaders, seen: BatchOutcome['kind'][]): OpenBatchReaders {
  return (setup) => {
    const readers = open(setup);
    return {
      async submit(plan) {
        const { outcome } = await readers.submit(plan);
        return { outcome: outcome.then((o) => { seen.push(o.kind); return o; }) };
      },
      close: () => readers.close(),
    };
  };
}

async function buildStore(path: string, sources: readonly string[], from = 1, to = 3000): Promise<void> {
  const writer = openWriter(path);
  try {
    const files = sources.map((src) => {
      const file = join(dir, `${src}-${from}-${to}.jsonl`);
      writeFileSync(file, flatLines(src, from, to));
      return file;
    });
    await ingestOnce(writer, files, { normalize: { sourceTimeZone: 'UTC' }, now: () => Number.MAX_SAFE_INTEGER });
  } finally {
    writer.close();
  }
}

describe('export batch readers', () => {
  const store = join(dir, 'store.db');
  beforeAll(async () => {
    await buildStore(store, ['alpha', 'beta']);
  }, 60_000);

  it.each(['jsonl', 'jsonl.gz', 'csv'] as const)('write the same files in reader threads as in this thread (%s)', async (format) => {
    const inThread = await exportAll(store, format);
    const seen: BatchOutcome['kind'][] = [];
    const threads = await exportAll(store, format, { readers: recording(readerThreads(2, WORKER), seen) });
    expect(inThread.manifest.events).toBe(6000);
    expect(inThread.manifest.files).toHaveLength(24);
    expect(threads.manifest.files).toEqual(inThread.manifest.files);
    expect(folderHashes(threads.folder)).toEqual(folderHashes(inThread.folder));
    expect(seen).toEqual(Array.from({ length: 24 }, () => 'written'));
  });

  it('cancelled in reader threads, stop and leave nothing behind', async () => {
    const cancel = new AbortController();
    const folder = join(dir, 'cancelled-threads');
    const db = openReader(store);
    try {
      const run = exportEvents(db, { query: ALL, queryText: '', folder, format: 'jsonl.gz', batchSize: 100 }, {
        readers: readerThreads(2, WORKER),
        onProgress: (p) => {
          if (p.files >= 5) cancel.abort();
        },
        signal: cancel.signal,
      });
      await expect(run).rejects.toBeInstanceOf(ExportCancelledError);
    } finally {
      db.close();
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('fail with the reason when reader threads cannot start, and leave nothing behind', async () => {
    const folder = join(dir, 'broken-threads');
    const db = openReader(store);
    try {
      const run = exportEvents(db, { query: ALL, queryText: '', folder, format: 'jsonl', batchSize: 1000 }, {
        readers: readerThreads(2, pathToFileURL(join(dir, 'no-such-worker.js'))),
      });
      await expect(run).rejects.toThrow(/no-such-worker|Cannot find module/);
    } finally {
      db.close();
    }
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe.each([
  ['in this thread', inThreadBatchReaders],
  ['in reader threads', readerThreads(2, WORKER)],
] as const)('export while the store changes (%s)', (_label, readers) => {
  it('writes exactly the snapshot it started from, though retention and ingest change the store under the readers', async () => {
    const path = join(dir, `changing-${_label.replace(/ /g, '-')}.db`);
    await buildStore(path, ['gamma', 'delta']);
    const before = await exportAll(path, 'jsonl');
    const seen: BatchOutcome['kind'][] = [];
    let changed = false;
    let removed = 0;
    let added = 0;
    const during = await exportAll(path, 'jsonl', {
      readers: recording(readers, seen),
      onProgress: () => {
        if (changed) return;
        changed = true;
        // after the export's snapshot began and before any batch is read: the oldest events go, and
        // events with times inside the exported range arrive (a late file), all committed
        const writer = openWriter(path);
        try {
          const firstTime = Date.UTC(2024, 0, 1);
          removed = new RetentionEnforcer(writer).enforce({ maxAgeDays: (Date.now() - firstTime - 600_000) / 86_400_000 }, Date.now());
          const columns = ['shape', 'ingested_at', 'raw', ...EVENT_COLUMNS.map((c) => c.name).filter((c) => c !== 'eventId')].map((c) => `"${c}"`).join(', ');
          added = writer.prepare(`INSERT INTO events ("eventId", ${columns}) SELECT "eventId" || '-late', ${columns} FROM events WHERE "recordId" % 97 = 0`).run().changes;
        } finally {
          writer.close();
        }
      },
    });
    expect(removed).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);
    expect(during.manifest.files).toEqual(before.manifest.files);
    expect(folderHashes(during.folder)).toEqual(folderHashes(before.folder));
    expect(seen).toContain('changed');
    const after = await exportAll(path, 'jsonl');
    expect(after.manifest.events).toBe(before.manifest.events - removed + added);
  });
});
