import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines } from '../../../helpers/generated-events.js';
import { seededRandom } from '../../../helpers/kill-after.js';
import { storedSeqs, summarize } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';
import { startWatch, waitForEvents } from '../../../helpers/watch-process.js';

const dir = tempFolder('watch-crash');
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('watch survives SIGKILL while files are being appended', () => {
  it('stores every appended record exactly once across kills and restarts', async () => {
    const input = join(dir, 'in');
    mkdirSync(input);
    const db = join(dir, 'crash.db');
    const random = seededRandom(Number(process.env.XDR_CRASH_SEED ?? 7));
    const written = [0, 0, 0];
    for (let f = 0; f < written.length; f++) writeFileSync(join(input, `w${f}.jsonl`), '');

    let writing = true;
    const writer = (async () => {
      while (writing) {
        const f = Math.floor(random() * written.length);
        const count = 1 + Math.floor(random() * 50);
        const from = (written[f] ?? 0) + 1;
        appendFileSync(join(input, `w${f}.jsonl`), flatLines(`w${f}`, from, from + count - 1));
        written[f] = from + count - 1;
        await pause(5);
      }
    })();

    for (let round = 0; round < 8; round++) {
      const watch = await startWatch(input, db);
      await pause(200 + Math.floor(random() * 600));
      await watch.stop('SIGKILL');
    }
    writing = false;
    await writer;
    const total = written.reduce((a, b) => a + b, 0);
    const last = await startWatch(input, db);
    await waitForEvents(db, total, 60_000);
    expect(await last.stop()).toBe(0);

    const summary = summarize(db);
    expect(summary.events).toBe(total);
    expect(summary.distinctEventIds).toBe(total);
    expect(summary.quarantine).toEqual({});
    const seqs = storedSeqs(db);
    for (let f = 0; f < written.length; f++) {
      for (let seq = 1; seq <= (written[f] ?? 0); seq++) expect(seqs.get(`w${f}:${seq}`), `w${f}:${seq}`).toBe(1);
    }
  });
});
