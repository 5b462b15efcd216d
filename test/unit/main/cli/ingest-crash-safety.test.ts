import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatRecord } from '../../../helpers/generated-events.js';
import { runCliKilledAfter, seededRandom } from '../../../helpers/kill-after.js';
import { runCli } from '../../../helpers/run-cli.js';
import { storedSeqs, summarize } from '../../../helpers/store-queries.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const dir = tempFolder('crash');
const SEED = Number(process.env.XDR_CRASH_SEED ?? 20261203);

describe('ingest survives SIGKILL at random moments', () => {
  it('stores every record exactly once and quarantines exactly the damaged ones', async () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    const random = seededRandom(SEED);
    const expected = new Set<string>();
    let damaged = 0;
    for (let f = 0; f < 6; f++) {
      const src = `file${f}`;
      let text = '';
      for (let seq = 1; seq <= 3000; seq++) {
        if (seq % 500 === 250) {
          text += `{"damaged": ${seq},\n`;
          damaged++;
        }
        text += `${flatRecord(src, seq)}\n`;
        expected.add(`${src}:${seq}`);
      }
      // one NDJSON and, for variety, CRLF in half of the files
      const path = join(folder, `${src}.jsonl`);
      writeFileSync(path, f % 2 === 0 ? text : text.replace(/\n/g, '\r\n'));
      utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    }

    const db = join(dir, 'crash.db');
    let kills = 0;
    for (let round = 0; round < 25; round++) {
      const outcome = await runCliKilledAfter(['ingest', folder, '--db', db], 150 + Math.floor(random() * 900));
      if (outcome.killed) kills++;
    }
    const final = await runCli(['ingest', folder, '--db', db]);
    expect(final.code).toBe(0);
    expect(kills).toBeGreaterThan(5);

    const summary = summarize(db);
    expect(summary.events).toBe(expected.size);
    expect(summary.distinctEventIds).toBe(expected.size);
    expect(summary.quarantine).toEqual({ invalid_json: damaged });
    const seqs = storedSeqs(db);
    expect(seqs.size).toBe(expected.size);
    for (const [key, count] of seqs) {
      expect(expected.has(key), key).toBe(true);
      expect(count, key).toBe(1);
    }
  });
});
