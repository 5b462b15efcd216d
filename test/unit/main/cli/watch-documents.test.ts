import { appendFileSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, writeFileSync, writeSync, ftruncateSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines, flatRecord } from '../../../helpers/generated-events.js';
import { storedSeqs, summarize } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';
import { eventCount, startWatch, waitForEvents } from '../../../helpers/watch-process.js';

const dir = tempFolder('watch-docs');
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function folder(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

/** A pretty-printed element, as ConvertTo-Json writes them. */
function pretty(src: string, seq: number): string {
  return JSON.stringify(JSON.parse(flatRecord(src, seq)), null, 4).replace(/\n/g, '\r\n    ');
}

describe('xdr-tail watch on whole documents', () => {
  it('reads a 20 MB array written in 4 KB chunks with pauses, without quarantining anything while it is written', async () => {
    const input = folder('chunks');
    const db = join(dir, 'chunks.db');
    const count = 40_000;
    const text = `[\r\n${Array.from({ length: count }, (_, i) => `    ${pretty('c', i + 1)}`).join(',\r\n')}\r\n]\r\n`;
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(15_000_000);
    const file = join(input, 'export.json');
    writeFileSync(file, '');
    const watch = await startWatch(input, db);
    const fd = openSync(file, 'a');
    for (let at = 0; at < bytes.length; at += 4096 * 64) {
      // 64 writes of 4 KiB, then a 10 ms pause
      for (let k = 0; k < 64 && at + k * 4096 < bytes.length; k++) writeSync(fd, bytes.subarray(at + k * 4096, Math.min(at + (k + 1) * 4096, bytes.length)));
      await pause(10);
    }
    closeSync(fd);
    await waitForEvents(db, count, 120_000);
    expect(await watch.stop()).toBe(0);
    expect(summarize(db).quarantine).toEqual({});
    expect(storedSeqs(db).size).toBe(count);
  });

  it('follows a writer that keeps the array open, replacing the final ] with ,{…}] again and again', async () => {
    const input = folder('open-array');
    const db = join(dir, 'open-array.db');
    const file = join(input, 'live.json');
    writeFileSync(file, `[\r\n    ${pretty('o', 1)}\r\n]\r\n`);
    const watch = await startWatch(input, db);
    await waitForEvents(db, 1);
    for (let seq = 2; seq <= 100; seq++) {
      const fd = openSync(file, 'r+');
      const size = fstatSync(fd).size;
      const tail = `,\r\n    ${pretty('o', seq)}\r\n]\r\n`;
      // overwrite the closing "]\r\n" in place, as an appending exporter does
      ftruncateSync(fd, size - 3);
      writeSync(fd, tail, size - 3);
      closeSync(fd);
      if (seq % 10 === 0) await pause(20);
    }
    await waitForEvents(db, 100);
    expect(await watch.stop()).toBe(0);
    expect(summarize(db).quarantine).toEqual({});
    const seqs = storedSeqs(db);
    expect(seqs.size).toBe(100);
    expect([...seqs.values()].every((n) => n === 1)).toBe(true);
  });

  it('detects an in-place edit of an earlier line (same length, new record id) as a rewrite, adding only the edited record', async () => {
    const input = folder('edit');
    const db = join(dir, 'edit.db');
    const file = join(input, 'a.jsonl');
    writeFileSync(file, flatLines('e', 1, 200));
    const watch = await startWatch(input, db);
    await waitForEvents(db, 200);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('"EventRecordID":17,', '"EventRecordID":99,');
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    await waitForEvents(db, 201);
    await pause(1500);
    expect(eventCount(db)).toBe(201);
    expect(await watch.stop()).toBe(0);
    expect(summarize(db).distinctEventIds).toBe(201);
  });

  it('treats an atomic replace (write a temporary file, rename it over) as new content, storing repeated records once', async () => {
    const input = folder('atomic');
    const db = join(dir, 'atomic.db');
    const file = join(input, 'a.json');
    writeFileSync(file, flatLines('t', 1, 100));
    const watch = await startWatch(input, db);
    await waitForEvents(db, 100);
    const temp = join(input, 'a.tmp');
    writeFileSync(temp, flatLines('t', 1, 150));
    renameSync(temp, file);
    await waitForEvents(db, 150);
    appendFileSync(file, flatLines('t', 151, 160));
    await waitForEvents(db, 160);
    expect(await watch.stop()).toBe(0);
    expect(storedSeqs(db).size).toBe(160);
    expect(summarize(db).distinctEventIds).toBe(160);
  });
});
