import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines, flatRecord } from '../../../helpers/generated-events.js';
import { expectEachStoredOnce, summarize } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';
import { runCli } from '../../../helpers/run-cli.js';
import { eventCount, startWatch, waitFor, waitForEvents } from '../../../helpers/watch-process.js';

const dir = tempFolder('watch');
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function folder(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

describe('xdr-tail watch', () => {
  it('reads files that existed before start, follows appends in bursts, and stops cleanly on SIGTERM', async () => {
    const input = folder('basic');
    const db = join(dir, 'basic.db');
    writeFileSync(join(input, 'before.jsonl'), flatLines('before', 1, 10_000));
    const watch = await startWatch(input, db);
    await waitForEvents(db, 10_000);
    const live = join(input, 'live.jsonl');
    writeFileSync(live, '');
    let seq = 0;
    for (let burst = 0; burst < 20; burst++) {
      const size = 1 + Math.floor(Math.random() * 400);
      appendFileSync(live, flatLines('live', seq + 1, seq + size));
      seq += size;
      await pause(Math.floor(Math.random() * 60));
    }
    await waitForEvents(db, 10_000 + seq);
    expect(await watch.stop()).toBe(0);
    expect(watch.output()).toMatch(/stored\s+\d+/);
    expectEachStoredOnce(db, 10_000 + seq);
  });

  it('never consumes a partial line: half a line, a pause, then the rest', async () => {
    const input = folder('partial');
    const db = join(dir, 'partial.db');
    const file = join(input, 'a.jsonl');
    writeFileSync(file, flatLines('p', 1, 5));
    const watch = await startWatch(input, db);
    await waitForEvents(db, 5);
    const record = flatRecord('p', 6);
    appendFileSync(file, record.slice(0, 50));
    await pause(1500);
    expect(eventCount(db)).toBe(5);
    appendFileSync(file, `${record.slice(50)}\n`);
    await waitForEvents(db, 6);
    expect(await watch.stop()).toBe(0);
    expect(summarize(db).quarantine).toEqual({});
    expectEachStoredOnce(db, 6);
  });

  it('takes a settled final line without a line end, then a later append once', async () => {
    const input = folder('final');
    const db = join(dir, 'final.db');
    const file = join(input, 'a.jsonl');
    writeFileSync(file, flatLines('f', 1, 3) + flatRecord('f', 4));
    const watch = await startWatch(input, db, ['--final-line-settle', '1']);
    await waitForEvents(db, 4, 15_000);
    appendFileSync(file, `\n${flatRecord('f', 5)}\n`);
    await waitForEvents(db, 5);
    expect(await watch.stop()).toBe(0);
    expect(summarize(db).quarantine).toEqual({});
    expectEachStoredOnce(db, 5);
  });

  it('follows rotation by rename while writing, and a file deleted and created again', async () => {
    const input = folder('rotate');
    const db = join(dir, 'rotate.db');
    const file = join(input, 'a.json');
    writeFileSync(file, flatLines('r1', 1, 500));
    const watch = await startWatch(input, db);
    await waitForEvents(db, 500);
    appendFileSync(file, flatLines('r1', 501, 600));
    renameSync(file, join(input, 'a.json.1'));
    writeFileSync(file, flatLines('r2', 1, 100));
    appendFileSync(join(input, 'a.json.1'), flatLines('r1', 601, 650));
    await waitForEvents(db, 750);
    rmSync(file);
    writeFileSync(file, flatLines('r3', 1, 40));
    await waitForEvents(db, 790);
    expect(await watch.stop()).toBe(0);
    expectEachStoredOnce(db, 790);
  });

  it('resumes where it stopped: a second run stores only what was written in between', async () => {
    const input = folder('resume');
    const db = join(dir, 'resume.db');
    const file = join(input, 'a.ndjson');
    writeFileSync(file, flatLines('s', 1, 1000));
    const first = await startWatch(input, db);
    await waitForEvents(db, 1000);
    expect(await first.stop('SIGINT')).toBe(0);
    appendFileSync(file, flatLines('s', 1001, 1200));
    const second = await startWatch(input, db);
    await waitForEvents(db, 1200);
    expect(await second.stop()).toBe(0);
    expect(second.output()).toMatch(/stored\s+200\b/);
    expectEachStoredOnce(db, 1200);
  });

  it('counts the unread bytes of a file deleted before they could be read as lost, and reports them', async () => {
    const input = folder('deleted');
    const db = join(dir, 'deleted.db');
    const file = join(input, 'a.jsonl');
    const partial = flatRecord('d', 11).slice(0, 70);
    writeFileSync(file, flatLines('d', 1, 10) + partial);
    const watch = await startWatch(input, db);
    await waitForEvents(db, 10);
    rmSync(file);
    await waitFor(() => watch.output().includes('bytes of a file deleted or moved away'), 10_000, () => watch.output());
    expect(await watch.stop()).toBe(0);
    const stats = JSON.parse((await runCli(['stats', '--db', db])).stdout) as { lostBytes: { path: string; bytes: number }[]; files: { state: string }[] };
    expect(stats.lostBytes).toEqual([{ path: file, bytes: partial.length, reason: 'deleted or moved away before it was read' }]);
    expect(stats.files).toEqual([expect.objectContaining({ state: 'missing' })]);
  });

  it('stops promptly on SIGTERM in the middle of a large startup backlog, and the next run finishes it', async () => {
    const input = folder('backlog');
    const db = join(dir, 'backlog.db');
    writeFileSync(join(input, 'big.jsonl'), flatLines('b', 1, 60_000));
    const first = await startWatch(input, db);
    await waitFor(() => eventCount(db) > 0, 20_000, () => 'nothing stored');
    const stopAsked = Date.now();
    expect(await first.stop()).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(3000);
    const partial = eventCount(db);
    expect(partial).toBeLessThan(60_000);
    const second = await startWatch(input, db);
    await waitForEvents(db, 60_000, 150_000);
    expect(await second.stop()).toBe(0);
    expectEachStoredOnce(db, 60_000);
  }, 200_000);

  it('ingests thousands of small files', async () => {
    const input = folder('many');
    const db = join(dir, 'many.db');
    const watch = await startWatch(input, db);
    for (let i = 0; i < 2000; i++) writeFileSync(join(input, `f${i}.jsonl`), flatLines(`m${i}`, 1, 2));
    await waitForEvents(db, 4000, 60_000);
    expect(await watch.stop()).toBe(0);
    expectEachStoredOnce(db, 4000);
  });
});
