import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FolderWatchHandlers, watchFolder, type WatchFolder, type WatchMode } from '../../../../../main/core/ingest/folder-watch.js';
import { Tailer } from '../../../../../main/core/ingest/tailer.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { flatLines } from '../../../../helpers/generated-events.js';
import { storedSeqs } from '../../../../helpers/store-queries.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';
import { eventCount, waitFor } from '../../../../helpers/watch-process.js';

const dir = tempFolder('tailer-discovery');
let cases = 0;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** The real watchers, with their handlers kept so a test can play the part of the operating system. */
function recordingWatchFolder(seen: FolderWatchHandlers[], forwardPaths = true): WatchFolder {
  return (folder, mode, handlers) => {
    seen.push(handlers);
    return watchFolder(folder, mode, forwardPaths ? handlers : { ...handlers, onPath: () => undefined });
  };
}

async function startTailer(watch: WatchFolder, extra: { watcherRetryMs?: number } = {}): Promise<{ folder: string; db: string; tailer: Tailer; modes: [WatchMode, string][] }> {
  const folder = join(dir, `case-${++cases}`);
  mkdirSync(folder);
  const db = join(dir, `case-${cases}.db`);
  const writer = openWriter(db);
  const modes: [WatchMode, string][] = [];
  const tailer = new Tailer(writer, [folder], {
    normalize: { sourceTimeZone: 'UTC' },
    // scans are rare here: what arrives soon came through a watcher, or through polling
    scanIntervalMs: 60_000,
    pollIntervalMs: 200,
    finalLineSettleMs: 60_000,
    watchFolder: watch,
    onWatchMode: (_folder, mode, reason) => modes.push([mode, reason]),
    ...extra,
  });
  await tailer.start();
  stops.push(async () => {
    await tailer.stop();
    writer.close();
  });
  return { folder, db, tailer, modes };
}

describe('tailer discovery (tailing.md §11)', () => {
  it('#42: a watcher error switches the folder to polling, loses nothing, and the watcher is made again', async () => {
    const handlers: FolderWatchHandlers[] = [];
    const { folder, db, tailer, modes } = await startTailer(recordingWatchFolder(handlers), { watcherRetryMs: 1500 });
    const file = join(folder, 'a.jsonl');
    writeFileSync(file, flatLines('a', 1, 100));
    await waitFor(() => eventCount(db) === 100, 10_000, () => `watcher: ${eventCount(db)} events`);
    expect(tailer.watchModes().get(folder)).toBe('watcher');

    handlers[0]?.onError(new Error('injected: watch buffer overflow'));
    expect(tailer.watchModes().get(folder)).toBe('polling');
    appendFileSync(file, flatLines('a', 101, 250));
    writeFileSync(join(folder, 'b.jsonl'), flatLines('b', 1, 50));
    await waitFor(() => eventCount(db) === 300, 10_000, () => `polling: ${eventCount(db)} events`);

    await waitFor(() => tailer.watchModes().get(folder) === 'watcher', 10_000, () => 'the watcher was not made again');
    expect(handlers).toHaveLength(2);
    appendFileSync(file, flatLines('a', 251, 300));
    await waitFor(() => eventCount(db) === 350, 10_000, () => `watcher again: ${eventCount(db)} events`);
    expect(modes.map(([mode]) => mode)).toEqual(['watcher', 'polling', 'watcher']);
    expect(modes[1]?.[1]).toContain('injected: watch buffer overflow');
    const seqs = storedSeqs(db);
    expect(seqs.size).toBe(350);
    expect([...seqs.values()].every((n) => n === 1)).toBe(true);
  });

  it('an event without a file name lists the folder again at once', async () => {
    const handlers: FolderWatchHandlers[] = [];
    // the watcher reports no paths: only the rescan can find the new file before the 60 s scan
    const { folder, db } = await startTailer(recordingWatchFolder(handlers, false));
    writeFileSync(join(folder, 'quiet.jsonl'), flatLines('quiet', 1, 40));
    await new Promise((r) => setTimeout(r, 500));
    expect(eventCount(db)).toBe(0);
    handlers[0]?.onRescan();
    await waitFor(() => eventCount(db) === 40, 10_000, () => `after a rescan: ${eventCount(db)} events`);
  });

  it('a watcher that cannot be created leaves the folder polled', async () => {
    const failing: WatchFolder = () => {
      throw new Error('ENOSPC: System limit for number of file watchers reached');
    };
    const { folder, db, tailer, modes } = await startTailer(failing, { watcherRetryMs: 60_000 });
    expect(tailer.watchModes().get(folder)).toBe('polling');
    expect(modes).toEqual([['polling', 'watcher failed: ENOSPC: System limit for number of file watchers reached']]);
    writeFileSync(join(folder, 'late.jsonl'), flatLines('late', 1, 25));
    await waitFor(() => eventCount(db) === 25, 10_000, () => `polling: ${eventCount(db)} events`);
  });
});
