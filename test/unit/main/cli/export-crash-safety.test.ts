import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportManifest } from '../../../../main/core/export/export-service.js';
import { folderHashes, readManifest } from '../../../helpers/export-files.js';
import { flatLines } from '../../../helpers/generated-events.js';
import { runCliKilledAfter, seededRandom } from '../../../helpers/kill-after.js';
import { runCli } from '../../../helpers/run-cli.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const dir = tempFolder('export-crash');
const db = join(dir, 'big.db');
const SEED = Number(process.env.XDR_CRASH_SEED ?? 20261203);
const FORMATS = ['jsonl.gz', 'csv', 'jsonl'] as const;

/** Every batch file under a final name must be one the complete export writes, byte for byte. */
function expectOnlyCompleteFiles(out: string, reference: ExportManifest): void {
  const complete = new Map(reference.files.map((f) => [f.name, f.sha256]));
  for (const [name, hash] of folderHashes(out)) {
    if (name.endsWith('.partial')) continue;
    if (name === 'manifest.json') {
      // a manifest appears only once every file it lists is complete
      expect(readManifest(out).files).toEqual(reference.files);
      continue;
    }
    expect(complete.get(name), `${name} under its final name`).toBe(hash);
  }
}

describe('export survives SIGKILL at random moments', () => {
  const references = new Map<string, ExportManifest>();

  beforeAll(async () => {
    // 40,000 events from 8 sources; sources share event times, so the order also rests on eventId
    const files: string[] = [];
    for (let s = 0; s < 8; s++) {
      const file = join(dir, `source${s}.jsonl`);
      writeFileSync(file, flatLines(`src${s}`, 1, 5000));
      files.push(file);
    }
    expect((await runCli(['ingest', ...files, '--db', db])).code).toBe(0);
    for (const format of FORMATS) {
      const out = join(dir, `reference-${format}`);
      const result = await runCli(['export', '', '--db', db, '--out', out, '--format', format, '--batch-size', '1500']);
      expect(result.code).toBe(0);
      references.set(format, readManifest(out));
    }
  }, 120_000);

  it('leaves only complete files under final names, and a forced rerun writes the same files', async () => {
    const random = seededRandom(SEED);
    let killedMidway = 0;
    for (let round = 0; round < 12; round++) {
      const format = FORMATS[round % FORMATS.length] ?? 'jsonl';
      const reference = references.get(format);
      if (reference === undefined) throw new Error('no reference');
      expect(reference.events).toBe(40_000);
      const out = join(dir, `killed-${format}`);
      const outcome = await runCliKilledAfter(['export', '', '--db', db, '--out', out, '--format', format, '--batch-size', '1500', '--force'], 250 + Math.floor(random() * 1500));
      if (!existsSync(out)) continue;
      expectOnlyCompleteFiles(out, reference);
      if (outcome.killed && readdirSync(out).some((name) => !name.endsWith('.partial') && name !== 'manifest.json')) killedMidway++;
    }
    expect(killedMidway).toBeGreaterThan(3);

    for (const format of FORMATS) {
      const out = join(dir, `killed-${format}`);
      const rerun = await runCli(['export', '', '--db', db, '--out', out, '--format', format, '--batch-size', '1500', '--force']);
      expect(rerun.code).toBe(0);
      const hashes = folderHashes(out);
      hashes.delete('manifest.json');
      const reference = references.get(format);
      expect(Object.fromEntries(hashes)).toEqual(Object.fromEntries((reference?.files ?? []).map((f) => [f.name, f.sha256])));
      expect(readManifest(out).files).toEqual(reference?.files);
    }
  }, 240_000);
});
