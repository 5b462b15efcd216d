import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines } from '../../../helpers/generated-events.js';
import { expectEachStoredOnce } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';
import { startWatch, waitFor, waitForEvents } from '../../../helpers/watch-process.js';

const dir = tempFolder('watch-discovery');

describe('xdr-tail watch discovery modes (tailing.md §11)', () => {
  it('#40: --poll follows appends and rotation by listing the folder every 2 s', async () => {
    const folder = join(dir, 'share');
    mkdirSync(folder);
    const db = join(dir, 'poll.db');
    writeFileSync(join(folder, 'a.jsonl'), flatLines('a', 1, 100));
    // the reconciliation scan of watched folders is far away: only polling can explain what arrives
    const watch = await startWatch(folder, db, ['--poll', '--scan-interval', '600']);
    try {
      await waitFor(() => watch.output().includes(`${folder}: polling every 2 s (polling asked for)`), 10_000, () => watch.output());
      await waitForEvents(db, 100);
      appendFileSync(join(folder, 'a.jsonl'), flatLines('a', 101, 200));
      renameSync(join(folder, 'a.jsonl'), join(folder, 'a.jsonl.1'));
      writeFileSync(join(folder, 'a.jsonl'), flatLines('a2', 1, 60));
      await waitForEvents(db, 260, 15_000);
    } finally {
      expect(await watch.stop()).toBe(0);
    }
    expectEachStoredOnce(db, 260);
  });

  it('watches a folder of more than 500 files with one folder watch, which sees appends and new files', async () => {
    const folder = join(dir, 'many');
    mkdirSync(folder);
    const db = join(dir, 'many.db');
    for (let i = 0; i < 520; i++) writeFileSync(join(folder, `f${i}.jsonl`), flatLines(`f${i}`, 1, 1));
    const watch = await startWatch(folder, db, ['--scan-interval', '600']);
    try {
      await waitFor(() => watch.output().includes(`${folder}: watching the folder (520 files)`), 20_000, () => watch.output());
      await waitForEvents(db, 520);
      appendFileSync(join(folder, 'f7.jsonl'), flatLines('f7', 2, 30));
      writeFileSync(join(folder, 'new.jsonl'), flatLines('new', 1, 10));
      await waitForEvents(db, 559, 15_000);
    } finally {
      expect(await watch.stop()).toBe(0);
    }
    expectEachStoredOnce(db, 559);
  });

  it('says how each folder is watched', async () => {
    const folder = join(dir, 'few');
    mkdirSync(folder);
    const watch = await startWatch(folder, join(dir, 'few.db'));
    try {
      await waitFor(() => watch.output().includes(`${folder}: watching its files (0 files)`), 5000, () => watch.output());
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });
});
