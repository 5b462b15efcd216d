import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_CATALOG, findField } from '../../../../../shared/catalog/field-catalog.js';
import { eventContractViolations } from '../../../../../shared/catalog/event-validation.js';
import { parseQuery } from '../../../../../shared/qql/index.js';
import type { ExportFormat } from '../../../../../main/core/export/batch-naming.js';
import { ExportFolderError } from '../../../../../main/core/export/export-folder.js';
import { ExportCancelledError, exportEvents, type ExportProgress, type ExportRequest } from '../../../../../main/core/export/export-service.js';
import { ingestOnce } from '../../../../../main/core/ingest/ingest-run.js';
import { countMatches } from '../../../../../main/core/query/run-query.js';
import { openReader, openWriter } from '../../../../../main/core/store/database.js';
import { folderHashes, readBatchLines, readManifest, sha256Of } from '../../../../helpers/export-files.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../../helpers/shared-folder.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('export-service');
const SHAPE_FOLDERS = ['evtx-json', 'powershell', 'nxlog', 'winlogbeat', 'qualys-flat'];
const NOW = new Date('2026-12-03T10:00:00.000Z');

function query(text: string): ExportRequest['query'] {
  const parsed = parseQuery(text, { now: NOW.getTime() });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
}

async function ingestInto(path: string, paths: readonly string[]): Promise<void> {
  const writer = openWriter(path);
  try {
    await ingestOnce(writer, paths.map((f) => join(SAMPLES_ROOT, f)), { normalize: { sourceTimeZone: 'UTC' } });
  } finally {
    writer.close();
  }
}

describe.skipIf(!hasSamples)('export service over the samples', () => {
  const dbPath = join(dir, 'samples.db');
  let db: Database.Database;

  const exportTo = async (name: string, text: string, format: ExportFormat, batchSize: number, extra: Partial<ExportRequest> = {}): Promise<string> => {
    const folder = join(dir, name);
    await exportEvents(db, { query: query(text), queryText: text, folder, format, batchSize, ...extra }, { now: () => NOW });
    return folder;
  };

  beforeAll(async () => {
    await ingestInto(dbPath, SHAPE_FOLDERS);
    db = openReader(dbPath);
  });

  it.each([
    ['', 'all'],
    ['externalId:4624', 'logons'],
    ['channel:security AND NOT eventType:"Audit Failure"', 'security'],
    ['"powershell"', 'free-text'],
  ])('writes exactly the matches of %j in batches, oldest first, with a manifest that adds up (%s)', async (text, name) => {
    const folder = await exportTo(`adds-up-${name}`, text, 'jsonl', 97);
    const manifest = readManifest(folder);
    const expected = countMatches(db, query(text));
    expect(expected).toBeGreaterThan(0);
    expect(manifest).toMatchObject({ query: text, format: 'jsonl', customerId: null, exportedAt: NOW.toISOString(), events: expected });
    expect(manifest.files.reduce((sum, f) => sum + f.events, 0)).toBe(expected);
    expect(readdirSync(folder).sort()).toEqual([...manifest.files.map((f) => f.name), 'manifest.json'].sort());

    const times: number[] = [];
    const ids = new Set<string>();
    manifest.files.forEach((file, i) => {
      const path = join(folder, file.name);
      expect(statSync(path).size).toBe(file.bytes);
      expect(sha256Of(path)).toBe(file.sha256);
      expect(file.events).toBe(i < manifest.files.length - 1 ? 97 : expected - 97 * i);
      const events = readBatchLines(path).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events).toHaveLength(file.events);
      for (const event of events) {
        expect(eventContractViolations(event)).toEqual([]);
        times.push(Date.parse(event.eventTime as string));
        ids.add(event.eventId as string);
      }
      expect(events[0]?.eventTime).toBe(file.firstEventTime);
      expect(events.at(-1)?.eventTime).toBe(file.lastEventTime);
    });
    expect(ids.size).toBe(expected);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // lexical order of the names is time order
    expect(manifest.files.map((f) => f.name)).toEqual(manifest.files.map((f) => f.name).sort());
  });

  it('writes each stored event as the stored row reads back (the normalized event contract)', async () => {
    const folder = await exportTo('contract', '', 'jsonl', 100_000);
    const manifest = readManifest(folder);
    expect(manifest.files).toHaveLength(1);
    const lines = readBatchLines(join(folder, manifest.files[0]?.name ?? ''));
    const tokenColumns = FIELD_CATALOG.map((f) => f.name);
    const stored = db.prepare('SELECT * FROM events WHERE "eventId" = ?');
    for (const line of lines) {
      const event = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(event)).toEqual(tokenColumns.filter((name) => name in event));
      const row = stored.get(event.eventId) as Record<string, unknown>;
      expect(Date.parse(event.eventTime as string)).toBe(row.eventTime);
      for (const [name, value] of Object.entries(event)) {
        const field = findField(name);
        if (field?.type === 'list') expect(value).toEqual(JSON.parse(row[name] as string));
        else if (field?.type === 'coordinates') expect(value).toEqual([row[`${name}_lat`], row[`${name}_lon`]]);
        else if (field?.type !== 'datetime') expect(value).toBe(row[name]);
      }
    }
  });

  it('writes gzip files that hold exactly what the JSONL export holds', async () => {
    const plain = readManifest(await exportTo('gz-plain', 'deviceName:*', 'jsonl', 150));
    const gzFolder = await exportTo('gz', 'deviceName:*', 'jsonl.gz', 150);
    const gz = readManifest(gzFolder);
    expect(gz.files.map((f) => f.name)).toEqual(plain.files.map((f) => `${f.name}.gz`));
    gz.files.forEach((file, i) => {
      const unpacked = gunzipSync(readFileSync(join(gzFolder, file.name)));
      expect(unpacked.toString('utf8')).toBe(readFileSync(join(dir, 'gz-plain', plain.files[i]?.name ?? '')).toString('utf8'));
      expect(file.events).toBe(plain.files[i]?.events);
    });
  });

  it('writes CSV that parses back to the JSONL values, one column per token in catalog order', async () => {
    const jsonl = await exportTo('csv-jsonl', '', 'jsonl', 1_000_000);
    const csvFolder = await exportTo('csv', '', 'csv', 1_000_000);
    const manifest = readManifest(csvFolder);
    const rows: string[][] = parse(readFileSync(join(csvFolder, manifest.files[0]?.name ?? '')), { relax_column_count: false });
    const [header, ...records] = rows;
    expect(header).toEqual(FIELD_CATALOG.map((f) => f.name));
    const events = readBatchLines(join(jsonl, readManifest(jsonl).files[0]?.name ?? '')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(events.length);
    records.forEach((record, i) => {
      const event = events[i] ?? {};
      FIELD_CATALOG.forEach((field, column) => {
        const cell = record[column] ?? '';
        const value = event[field.name];
        if (value === undefined) expect(cell).toBe('');
        else if (typeof value === 'number') expect(Number(cell)).toBe(value);
        else if (typeof value === 'string') expect(cell).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
        else expect(JSON.parse(cell)).toEqual(value);
      });
    });
  });

  it('writes only --fields, in their order, in JSONL and CSV', async () => {
    const fields = ['externalId', 'eventTime', 'geoSourceCoordinates', 'userName'];
    const jsonl = readManifest(await exportTo('fields', 'externalId:4624', 'jsonl', 1000, { fields }));
    expect(jsonl.fields).toEqual(fields);
    const lines = readBatchLines(join(dir, 'fields', jsonl.files[0]?.name ?? ''));
    for (const line of lines) {
      const keys = Object.keys(JSON.parse(line) as object);
      expect(keys).toEqual(fields.filter((f) => keys.includes(f)));
      expect(keys).toContain('eventTime');
    }
    const csv = readManifest(await exportTo('fields-csv', 'externalId:4624', 'csv', 1000, { fields }));
    const rows: string[][] = parse(readFileSync(join(dir, 'fields-csv', csv.files[0]?.name ?? '')));
    expect(rows[0]).toEqual(fields);
    expect(rows).toHaveLength(lines.length + 1);
  });

  it('produces the same names and hashes on a rerun and from a store filled in another order', async () => {
    const first = folderHashes(await exportTo('rerun-1', '', 'jsonl.gz', 64));
    const second = folderHashes(await exportTo('rerun-2', '', 'jsonl.gz', 64));
    // the same files, each shape's in reverse order (row ids differ); shapes keep their order, since an
    // event exported in two shapes is stored once, as the shape read first has it
    const otherDb = join(dir, 'reversed.db');
    await ingestInto(otherDb, SHAPE_FOLDERS.flatMap((shape) => readdirSync(join(SAMPLES_ROOT, shape)).sort().reverse().map((file) => join(shape, file))));
    const other = openReader(otherDb);
    const folder = join(dir, 'rerun-3');
    try {
      const ids = (store: Database.Database): number[] => store.prepare('SELECT id FROM events ORDER BY "eventTime", "eventId"').pluck().all() as number[];
      expect(ids(other)).toHaveLength(ids(db).length);
      expect(ids(other)).not.toEqual(ids(db));
      await exportEvents(other, { query: query(''), queryText: '', folder, format: 'jsonl.gz', batchSize: 64 }, { now: () => NOW });
    } finally {
      other.close();
    }
    const third = folderHashes(folder);
    expect(first.size).toBeGreaterThan(3);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
  });

  it('reports progress up to the total, counted in the same snapshot', async () => {
    const progress: ExportProgress[] = [];
    const folder = join(dir, 'progress');
    const manifest = await exportEvents(db, { query: query(''), queryText: '', folder, format: 'jsonl', batchSize: 50 }, { onProgress: (p) => progress.push(p) });
    expect(progress[0]).toEqual({ events: 0, total: manifest.events, files: 0 });
    expect(progress.at(-1)).toEqual({ events: manifest.events, total: manifest.events, files: manifest.files.length });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.events).toBeGreaterThanOrEqual(progress[i - 1]?.events ?? 0);
      expect(progress[i]?.files).toBeGreaterThanOrEqual(progress[i - 1]?.files ?? 0);
    }
  });

  it('cancelled, it stops and removes every file it wrote', async () => {
    const folder = join(dir, 'cancelled');
    const cancel = new AbortController();
    const seen: ExportProgress[] = [];
    const run = exportEvents(db, { query: query(''), queryText: '', folder, format: 'csv', batchSize: 40 }, {
      signal: cancel.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.files === 3) cancel.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelledError);
    expect(seen.at(-1)?.files).toBe(3);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('writes an empty manifest when nothing matches', async () => {
    const manifest = readManifest(await exportTo('empty', 'externalId:65000', 'csv', 10));
    expect(manifest.events).toBe(0);
    expect(manifest.files).toEqual([]);
    expect(readdirSync(join(dir, 'empty'))).toEqual(['manifest.json']);
  });

  it('names the one customerId of the events, or the one given', async () => {
    const stamped = join(dir, 'stamped.db');
    const writer = openWriter(stamped);
    await ingestOnce(writer, [join(SAMPLES_ROOT, 'nxlog')], { normalize: { sourceTimeZone: 'UTC', customerId: 'd656b196-edb7-45e6-8485-3748a740d002' } });
    writer.close();
    const reader = openReader(stamped);
    try {
      const own = await exportEvents(reader, { query: query(''), queryText: '', folder: join(dir, 'cust-1'), format: 'jsonl', batchSize: 10_000 });
      expect(own.customerId).toBe('d656b196-edb7-45e6-8485-3748a740d002');
      const given = await exportEvents(reader, { query: query(''), queryText: '', folder: join(dir, 'cust-2'), format: 'jsonl', batchSize: 10_000, customerId: 'other' });
      expect(given.customerId).toBe('other');
    } finally {
      reader.close();
    }
  });
});

describe.skipIf(!hasSamples)('export destination folder', () => {
  const dbPath = join(dir, 'folder.db');
  let db: Database.Database;
  beforeAll(async () => {
    await ingestInto(dbPath, ['nxlog']);
    db = openReader(dbPath);
  });
  const request = (folder: string, force = false): ExportRequest => ({ query: query(''), queryText: '', folder, format: 'jsonl', batchSize: 100, force });

  it('creates a missing folder, nested', async () => {
    const folder = join(dir, 'new', 'nested', 'out');
    await exportEvents(db, request(folder));
    expect(existsSync(join(folder, 'manifest.json'))).toBe(true);
  });

  it('refuses a non-empty folder and leaves it untouched', async () => {
    const folder = join(dir, 'occupied');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    await expect(exportEvents(db, request(folder))).rejects.toThrow(ExportFolderError);
    await expect(exportEvents(db, request(folder))).rejects.toThrow(/not empty.*--force/);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('with force, replaces an earlier export (and its leftovers) and keeps other files', async () => {
    const folder = join(dir, 'forced');
    await exportEvents(db, { ...request(folder), batchSize: 10 });
    const before = readdirSync(folder).length;
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    writeFileSync(join(folder, 'events-20200101T000000.000Z-000001.jsonl.partial'), 'left by a killed run');
    const manifest = await exportEvents(db, request(folder, true));
    expect(before).toBeGreaterThan(manifest.files.length + 1);
    expect(readdirSync(folder).sort()).toEqual([...manifest.files.map((f) => f.name), 'manifest.json', 'notes.txt'].sort());
  });

  it('fails with a clear error when the destination is a file or under one', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    await expect(exportEvents(db, request(file))).rejects.toThrow(/is not a folder/);
    await expect(exportEvents(db, request(join(file, 'sub')))).rejects.toThrow(ExportFolderError);
  });

  it('rejects a batch size below one before touching the disk', async () => {
    const folder = join(dir, 'bad-batch');
    await expect(exportEvents(db, { ...request(folder), batchSize: 0 })).rejects.toThrow(/batch size/);
    expect(existsSync(folder)).toBe(false);
  });
});
