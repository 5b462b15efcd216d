import { parse } from 'csv-parse/sync';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventContractViolations } from '../../../../shared/catalog/event-validation.js';
import { readBatchLines, readManifest, sha256Of } from '../../../helpers/export-files.js';
import { runCli } from '../../../helpers/run-cli.js';
import { PROJECT_ROOT, SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('export-cli');
const db = join(dir, 'samples.db');

describe.skipIf(!hasSamples)('xdr-tail export', () => {
  beforeAll(async () => {
    const ingested = await runCli(['ingest', ...['evtx-json', 'nxlog', 'winlogbeat', 'powershell', 'qualys-flat'].map((f) => join(SAMPLES_ROOT, f)), '--db', db]);
    expect(ingested.code).toBe(0);
  });

  it.each([
    ['', 'jsonl'],
    ['externalId:4624 OR externalId:4625', 'jsonl.gz'],
    ['channel:security AND NOT userName:system', 'csv'],
    ['mimikatz OR powershell', 'jsonl'],
  ])('writes files whose manifest adds up to query --count for %j (%s)', async (qql, format) => {
    const out = join(dir, `count-${format}-${qql.length}`);
    const result = await runCli(['export', qql, '--db', db, '--out', out, '--format', format, '--batch-size', '120']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const count = Number((await runCli(['query', qql, '--db', db, '--count'])).stdout);
    expect(count).toBeGreaterThan(0);
    const manifest = readManifest(out);
    expect(result.stdout).toBe(`events    ${count}\nfiles     ${manifest.files.length}\nmanifest  ${join(out, 'manifest.json')}\n`);
    expect(manifest.query).toBe(qql);
    expect(manifest.format).toBe(format);
    expect(manifest.events).toBe(count);
    expect(manifest.files.reduce((sum, f) => sum + f.events, 0)).toBe(count);
    expect(Date.parse(manifest.exportedAt)).toBeGreaterThan(Date.now() - 120_000);
    for (const file of manifest.files) {
      expect(file.events).toBeLessThanOrEqual(120);
      expect(sha256Of(join(out, file.name)), file.name).toBe(file.sha256);
      expect(file.name.endsWith(`.${format}`)).toBe(true);
      if (format === 'csv') {
        const rows: string[][] = parse(readFileSync(join(out, file.name)));
        expect(rows).toHaveLength(file.events + 1);
      } else {
        const lines = readBatchLines(join(out, file.name));
        expect(lines).toHaveLength(file.events);
        for (const line of lines) expect(eventContractViolations(JSON.parse(line) as Record<string, unknown>)).toEqual([]);
      }
    }
  });

  it('writes the lines query prints for the same events (the one event contract)', async () => {
    const out = join(dir, 'same-as-query');
    await runCli(['export', 'externalId:4624', '--db', db, '--out', out]);
    const exported = readBatchLines(join(out, readManifest(out).files[0]?.name ?? ''));
    const queried = (await runCli(['query', 'externalId:4624', '--db', db, '--limit', '100000'])).stdout.trim().split('\n');
    expect(exported.length).toBe(queried.length);
    expect([...exported].sort()).toEqual([...queried].sort());
  });

  it('exits 2 on a QQL error, with the caret line, and creates nothing', async () => {
    const out = join(dir, 'qql-error');
    const result = await runCli(['export', 'externalId:4624 AND usrName:bob', '--db', db, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown token 'usrName' at column 21");
    expect(result.stderr).toContain('                      ^^^^^^^');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--format', 'xml'], /--format must be jsonl, jsonl.gz, csv/],
    [['--batch-size', '0'], /--batch-size must be a whole number ≥ 1/],
    [['--batch-size', '1.5'], /--batch-size must be a whole number ≥ 1/],
    [['--fields', 'eventTime,nope'], /--fields: unknown token 'nope'/],
  ])('exits 2 on bad usage %j', async (extra, message) => {
    const out = join(dir, 'bad-usage');
    const result = await runCli(['export', '', '--db', db, '--out', out, ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 without --out or --db', async () => {
    expect((await runCli(['export', '', '--db', db])).stderr).toMatch(/--out <folder> is required/);
    expect((await runCli(['export', '', '--out', join(dir, 'x')])).code).toBe(2);
  });

  it('exits 1 when the folder cannot be written, and on a non-empty folder without --force', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const under = await runCli(['export', '', '--db', db, '--out', join(file, 'out')]);
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/^xdr-tail: cannot use .*a-file\/out: ENOTDIR/);

    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'keep.txt'), 'mine');
    const refused = await runCli(['export', '', '--db', db, '--out', occupied]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty.*--force/);
    expect(readdirSync(occupied)).toEqual(['keep.txt']);

    const forced = await runCli(['export', '', '--db', db, '--out', occupied, '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(occupied)).toContain('keep.txt');
    expect(readdirSync(occupied)).toContain('manifest.json');
  });

  it('exits 1 when the database is missing', async () => {
    const result = await runCli(['export', '', '--db', join(dir, 'none.db'), '--out', join(dir, 'no-db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no database at/);
  });
});

describe('xdr-tail export against formula injection', () => {
  it('neutralizes cells that a spreadsheet would run, and keeps the JSONL values as they are', async () => {
    const store = join(dir, 'formula.db');
    expect((await runCli(['ingest', join(PROJECT_ROOT, 'test/fixtures/export/formula-injection.jsonl'), '--db', store])).code).toBe(0);
    const csvOut = join(dir, 'formula-csv');
    expect((await runCli(['export', '', '--db', store, '--out', csvOut, '--format', 'csv', '--fields', 'eventTime,destinationUser,command,processName,externalId'])).code).toBe(0);
    const rows: string[][] = parse(readFileSync(join(csvOut, readManifest(csvOut).files[0]?.name ?? '')));
    const hostile = ["=cmd|' /C calc'!A0", '+1', '-2', '@SUM(1)', '\tleading tab', '\rleading CR'];
    expect(rows[0]).toEqual(['eventTime', 'destinationUser', 'command', 'processName', 'externalId']);
    expect(rows.slice(1).map((row) => row.slice(1, 3))).toEqual(hostile.map((text) => [`'${text}`, `'${text}`]));
    for (const row of rows.slice(1)) {
      expect(row[3]).toBe('C:\\Windows\\System32\\cmd.exe');
      expect(row[4]).toBe('4688');
    }
    const jsonOut = join(dir, 'formula-jsonl');
    await runCli(['export', '', '--db', store, '--out', jsonOut]);
    const events = readBatchLines(join(jsonOut, readManifest(jsonOut).files[0]?.name ?? '')).map((l) => JSON.parse(l) as { destinationUser: string });
    expect(events.map((e) => e.destinationUser)).toEqual(hostile);
  });
});
