import Database from 'better-sqlite3';
import { appendFileSync, copyFileSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines, flatRecord } from '../../../helpers/generated-events.js';
import { runCli } from '../../../helpers/run-cli.js';
import { storedSeqs, summarize } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';
import { startWatch, waitForEvents } from '../../../helpers/watch-process.js';

const dir = tempFolder('failpoints');
let folders = 0;

/** A folder of settled files (older than the 2 s settle time), and the (src:seq) keys they hold. */
function exportFolder(files: Record<string, string | Buffer>): string {
  const folder = join(dir, `in-${++folders}`);
  mkdirSync(folder);
  const old = new Date(Date.now() - 60_000);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(folder, name), text);
    utimesSync(join(folder, name), old, old);
  }
  return folder;
}

/** The events committed before a kill: exactly the first `n` records of a source, nothing of a half-written batch. */
function expectCommittedPrefix(db: string, src: string, total: number): number {
  const stored = summarize(db).events;
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThan(total);
  expectEachOnce(db, { [src]: stored });
  return stored;
}

function expectEachOnce(db: string, sources: Record<string, number>): void {
  const expected = Object.values(sources).reduce((a, b) => a + b, 0);
  const summary = summarize(db);
  expect(summary.events).toBe(expected);
  expect(summary.distinctEventIds).toBe(expected);
  const seqs = storedSeqs(db);
  expect(seqs.size).toBe(expected);
  for (const [src, count] of Object.entries(sources)) {
    for (let seq = 1; seq <= count; seq++) expect(seqs.get(`${src}:${seq}`), `${src}:${seq}`).toBe(1);
  }
}

/** A PowerShell-style export: UTF-16LE with BOM, one pretty-printed array, CRLF. */
function powerShellArray(src: string, count: number): Buffer {
  const elements = Array.from({ length: count }, (_, i) => JSON.stringify(JSON.parse(flatRecord(src, i + 1)), null, 4).replace(/\n/g, '\r\n    '));
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`[\r\n    ${elements.join(',\r\n    ')}\r\n]\r\n`, 'utf16le')]);
}

describe('failpoints kill ingest at chosen instructions (tailing.md §13 #31, #32)', () => {
  it('#31: killed after a batch is inserted and before it commits, the batch is stored once after a restart', async () => {
    const folder = exportFolder({ 'a.jsonl': flatLines('a', 1, 1800) });
    const db = join(dir, 'before-commit.db');
    const killed = await runCli(['ingest', folder, '--db', db], { env: { XDR_FAILPOINT: 'store.before-commit:3' } });
    expect(killed.code).toBeNull();
    // two batches committed; the third was inserted but never committed
    const committed = expectCommittedPrefix(db, 'a', 1800);
    const rerun = await runCli(['ingest', folder, '--db', db]);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`stored       ${1800 - committed}\nduplicates   0`);
    expectEachOnce(db, { a: 1800 });
  });

  it('#32: killed during the startup scan of ingest and of watch, nothing is lost or doubled', async () => {
    const folder = exportFolder({ 'a.jsonl': flatLines('a', 1, 300), 'b.jsonl': flatLines('b', 1, 300), 'c.jsonl': flatLines('c', 1, 300) });
    const db = join(dir, 'scan.db');
    const killed = await runCli(['ingest', folder, '--db', db], { env: { XDR_FAILPOINT: 'scan.classify:2' } });
    expect(killed.code).toBeNull();
    const watchKilled = await runCli(['watch', folder, '--db', db], { env: { XDR_FAILPOINT: 'scan.classify:3' } });
    expect(watchKilled.code).toBeNull();
    expect((await runCli(['ingest', folder, '--db', db])).code).toBe(0);
    expectEachOnce(db, { a: 300, b: 300, c: 300 });
  });

  it('#32: killed in the middle of a UTF-16LE array, the rest of the array is read once after a restart', async () => {
    const folder = exportFolder({ 'ps.json': powerShellArray('ps', 2600) });
    const db = join(dir, 'array.db');
    const killed = await runCli(['ingest', folder, '--db', db], { env: { XDR_FAILPOINT: 'array.mid-parse:2' } });
    expect(killed.code).toBeNull();
    const committed = expectCommittedPrefix(db, 'ps', 2600);
    const rerun = await runCli(['ingest', folder, '--db', db]);
    expect(rerun.stdout).toContain(`stored       ${2600 - committed}\nduplicates   0`);
    expectEachOnce(db, { ps: 2600 });
  });
});

describe('backup and restore (tailing.md §13 #33)', () => {
  it('restoring an older copy of the database re-reads what came after it, storing nothing twice', async () => {
    const folder = join(dir, 'live');
    mkdirSync(folder);
    const db = join(dir, 'live.db');
    const backup = join(dir, 'live-backup.db');
    writeFileSync(join(folder, 'a.jsonl'), flatLines('a', 1, 1500));
    const first = await startWatch(folder, db);
    try {
      await waitForEvents(db, 1500);
      // the backup API copies a consistent snapshot while the watcher keeps writing
      const source = new Database(db, { readonly: true });
      try {
        await source.backup(backup);
      } finally {
        source.close();
      }
      appendFileSync(join(folder, 'a.jsonl'), flatLines('a', 1501, 2500));
      writeFileSync(join(folder, 'b.jsonl'), flatLines('b', 1, 700));
      await waitForEvents(db, 3200);
    } finally {
      await first.stop('SIGKILL');
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    copyFileSync(backup, db);
    expect(summarize(db).events).toBe(1500);

    const second = await startWatch(folder, db);
    try {
      await waitForEvents(db, 3200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    expectEachOnce(db, { a: 2500, b: 700 });
  });
});
