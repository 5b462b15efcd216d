import { appendFileSync, copyFileSync, renameSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines, flatRecord } from '../../../helpers/generated-events.js';
import { readManifest } from '../../../helpers/manifest.js';
import { runCli } from '../../../helpers/run-cli.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';
import { storedSeqs, summarize } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('ingest');

function counts(stdout: string): Record<string, number> {
  return Object.fromEntries(stdout.split('\n').map((l) => /^(\w+)\s+(\d+)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1] ?? '', Number(m[2])]));
}

/** Files older than the settle time count as complete. */
function settle(...paths: string[]): void {
  const past = new Date(Date.now() - 60_000);
  for (const path of paths) utimesSync(path, past, past);
}

describe.skipIf(!hasSamples)('xdr-tail ingest of ../shared/samples', () => {
  it('accounts for every record: stored + duplicates + quarantined = records, and a second run stores nothing new', async () => {
    const db = join(dir, 'samples.db');
    const folders = ['evtx-json', 'powershell', 'nxlog', 'winlogbeat', 'qualys-flat'].map((f) => join(SAMPLES_ROOT, f));
    const first = await runCli(['ingest', ...folders, '--db', db]);
    expect(first.code).toBe(0);
    const manifest = readManifest();
    const good = manifest.reduce((total, entry) => total + entry.records, 0);
    // damaged records of the dirty files: NDJSON cut/invalid lines 2 each; the PowerShell array a garbled and a cut element
    const damaged = manifest.filter((entry) => entry.dirty).length * 2;
    const c = counts(first.stdout);
    expect(c.files).toBe(manifest.length);
    expect((c.stored ?? 0) + (c.duplicates ?? 0)).toBe(good);
    expect(c.quarantined).toBe(damaged);
    const summary = summarize(db);
    expect(summary.events).toBe(c.stored);
    expect(summary.distinctEventIds).toBe(summary.events);
    expect(Object.values(summary.quarantine).reduce((a, b) => a + b, 0)).toBe(damaged);

    const second = await runCli(['ingest', ...folders, '--db', db]);
    expect(counts(second.stdout)).toMatchObject({ stored: 0, duplicates: 0, quarantined: 0 });
    expect(summarize(db).events).toBe(c.stored);
  });

  it('stores every record of each shape folder once when ingested on its own', async () => {
    for (const entry of readManifest().filter((e) => !e.dirty && e.file.startsWith('nxlog/'))) {
      const db = join(dir, `${entry.file.replace(/\W/g, '_')}.db`);
      const result = await runCli(['ingest', join(SAMPLES_ROOT, entry.file), '--db', db]);
      expect(counts(result.stdout), entry.file).toMatchObject({ stored: entry.records, quarantined: 0 });
    }
  });
});

describe('xdr-tail ingest follows files across runs', () => {
  it('reads only what was appended, never a partial last line, and handles CRLF', async () => {
    const db = join(dir, 'append.db');
    const file = join(dir, 'append.jsonl');
    writeFileSync(file, flatLines('append', 1, 100, '\r\n') + flatRecord('append', 101).slice(0, 40));
    expect(counts((await runCli(['ingest', file, '--db', db])).stdout)).toMatchObject({ stored: 100, quarantined: 0 });
    appendFileSync(file, flatRecord('append', 101).slice(40) + '\r\n' + flatLines('append', 102, 150, '\r\n'));
    expect(counts((await runCli(['ingest', file, '--db', db])).stdout)).toMatchObject({ stored: 50, duplicates: 0, quarantined: 0 });
    const seqs = storedSeqs(db);
    expect(seqs.size).toBe(150);
    expect([...seqs.values()].every((n) => n === 1)).toBe(true);
  });

  it('starts a new generation after truncation and after a rewrite, storing only new records', async () => {
    const db = join(dir, 'truncate.db');
    const file = join(dir, 'truncate.jsonl');
    writeFileSync(file, flatLines('t', 1, 200));
    settle(file);
    await runCli(['ingest', file, '--db', db]);
    truncateSync(file, 0);
    writeFileSync(file, flatLines('t', 201, 210));
    settle(file);
    expect(counts((await runCli(['ingest', file, '--db', db])).stdout)).toMatchObject({ stored: 10, duplicates: 0 });
    // regrows past the old offset with different content: a rewrite, read from byte 0
    writeFileSync(file, flatLines('t', 1, 150) + flatLines('t', 300, 400));
    settle(file);
    expect(counts((await runCli(['ingest', file, '--db', db])).stdout)).toMatchObject({ stored: 101, duplicates: 150 });
    expect(storedSeqs(db).size).toBe(311);
  });

  it('follows a PowerShell UTF-16LE array re-exported whole with one more element', async () => {
    const db = join(dir, 'reexport.db');
    const file = join(dir, 'Security.json');
    const element = (seq: number): string => `    {\r\n        "Id":  4624,\r\n        "Version":  2,\r\n        "Level":  0,\r\n        "Keywords":  -9214364837600034816,\r\n        "RecordId":  ${seq},\r\n        "ProviderName":  "Microsoft-Windows-Security-Auditing",\r\n        "LogName":  "Security",\r\n        "MachineName":  "ps.example.test",\r\n        "TimeCreated":  "\\/Date(${1700000000000 + seq})\\/",\r\n        "Properties":  [\r\n\r\n                       ]\r\n    }`;
    const exportOf = (n: number): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`[\r\n${Array.from({ length: n }, (_, i) => element(n - i)).join(',\r\n')}\r\n]\r\n`, 'utf16le')]);
    writeFileSync(file, exportOf(1000));
    settle(file);
    expect(counts((await runCli(['ingest', file, '--db', db])).stdout)).toMatchObject({ stored: 1000, quarantined: 0 });
    writeFileSync(file, exportOf(1001));
    settle(file);
    expect(counts((await runCli(['ingest', file, '--db', db])).stdout)).toMatchObject({ stored: 1, duplicates: 1000, quarantined: 0 });
  });

  it('recognizes a file renamed by rotation and continues where it stopped', async () => {
    const db = join(dir, 'rotate.db');
    const folder = join(dir, 'rotate');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const live = join(folder, 'a.jsonl');
    writeFileSync(live, flatLines('r1', 1, 100));
    await runCli(['ingest', folder, '--db', db]);
    appendFileSync(live, flatLines('r1', 101, 120));
    renameSync(live, join(folder, 'a.jsonl.1'));
    writeFileSync(live, flatLines('r2', 1, 30));
    const result = counts((await runCli(['ingest', folder, '--db', db])).stdout);
    expect(result).toMatchObject({ stored: 50, duplicates: 0 });
    expect(storedSeqs(db).size).toBe(150);
  });

  it('reads the gap of copy-then-truncate rotation from the copy', async () => {
    const db = join(dir, 'copytrunc.db');
    const folder = join(dir, 'copytrunc');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const live = join(folder, 'a.jsonl');
    writeFileSync(live, flatLines('c', 1, 1000));
    await runCli(['ingest', folder, '--db', db]);
    appendFileSync(live, flatLines('c', 1001, 1050));
    copyFileSync(live, join(folder, 'a.jsonl.1'));
    truncateSync(live, 0);
    appendFileSync(live, flatLines('c', 1051, 1150));
    const result = counts((await runCli(['ingest', folder, '--db', db])).stdout);
    expect(result).toMatchObject({ stored: 150, duplicates: 0 });
    const seqs = storedSeqs(db);
    expect(seqs.size).toBe(1150);
    expect([...seqs.values()].every((n) => n === 1)).toBe(true);
  });

  it('quarantines a UTF-32 file, an invalid UTF-8 line and a 50 MB line, with offsets, without blocking the rest', async () => {
    const db = join(dir, 'bad.db');
    const folder = join(dir, 'bad');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'utf32.json'), Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from('[', 'utf16le')]));
    const head = flatLines('bad', 1, 10);
    const huge = `{"x":"${'A'.repeat(50 * 1024 * 1024)}"}\n`;
    writeFileSync(join(folder, 'mixed.jsonl'), Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from(huge), Buffer.from(flatLines('bad', 11, 20))]));
    const result = counts((await runCli(['ingest', folder, '--db', db])).stdout);
    expect(result).toMatchObject({ stored: 20, quarantined: 3 });
    const { default: Database } = await import('better-sqlite3');
    const store = new Database(db, { readonly: true });
    const rows = store.prepare<[], { reason: string; byte_offset: number; byte_length: number }>('SELECT reason, byte_offset, byte_length FROM quarantine ORDER BY path, byte_offset').all();
    store.close();
    expect(rows).toEqual([
      { reason: 'invalid_utf8', byte_offset: head.length, byte_length: 3 },
      { reason: 'record_too_long', byte_offset: head.length + 4, byte_length: huge.length - 1 },
      { reason: 'unsupported_encoding', byte_offset: 0, byte_length: 6 },
    ]);
    expect(counts((await runCli(['ingest', folder, '--db', db])).stdout)).toMatchObject({ stored: 0, quarantined: 0 });
  });

  it('exits 2 without --db, and 1 with a database from a newer version', async () => {
    expect((await runCli(['ingest', dir])).code).toBe(2);
    const { default: Database } = await import('better-sqlite3');
    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma('user_version = 5000');
    db.close();
    const result = await runCli(['ingest', dir, '--db', newer]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/newer than this version of XDR Tail/);
  });
});
