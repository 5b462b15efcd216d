import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLines, flatRecord } from '../../../helpers/generated-events.js';
import { runCli } from '../../../helpers/run-cli.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const dir = tempFolder('stats');

describe.skipIf(!sharedAvailable())('xdr-tail stats', () => {
  it('counts per shape, channel and file, quarantine by reason, and the database size', async () => {
    const db = join(dir, 'stats.db');
    await runCli(['ingest', join(SAMPLES_ROOT, 'nxlog'), join(SAMPLES_ROOT, 'winlogbeat/dirty-system+sysmon.ndjson'), '--db', db]);
    const result = await runCli(['stats', '--db', db]);
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as {
      events: number; byShape: Record<string, number>; byChannel: Record<string, number>; quarantine: Record<string, number>;
      files: { path: string; events: number; quarantined: number }[]; database: { bytes: number; schemaVersion: number };
    };
    expect(stats.events).toBe(602 + 57);
    expect(stats.byShape).toEqual({ nxlog: 602, winlogbeat: 57 });
    expect(Object.values(stats.byChannel).reduce((a, b) => a + b, 0)).toBe(stats.events);
    expect(stats.byChannel.security).toBeGreaterThan(0);
    expect(stats.quarantine).toEqual({ invalid_json: 4 });
    expect(stats.files).toHaveLength(9);
    expect(stats.files.find((f) => f.path.endsWith('dirty-covenant_copy_smb_CreateRequest.jsonl'))).toMatchObject({ events: 58, quarantined: 2 });
    expect(stats.database.bytes).toBeGreaterThan(100_000);
    expect(stats.database.schemaVersion).toBeGreaterThan(0);
  });

  it('shows per file the size last seen and the bytes not yet taken (a last line still being written)', async () => {
    const db = join(dir, 'lag.db');
    const file = join(dir, 'growing.jsonl');
    const partial = flatRecord('g', 11).slice(0, 40);
    // a fresh file is not settled: its last line, without a line end, waits
    writeFileSync(file, flatLines('g', 1, 10) + partial);
    await runCli(['ingest', file, '--db', db]);
    const stats = JSON.parse((await runCli(['stats', '--db', db])).stdout) as { files: { path: string; offset: number; sizeSeen: number; lagBytes: number; events: number }[] };
    const entry = stats.files.find((f) => f.path.endsWith('growing.jsonl'));
    expect(entry).toMatchObject({ events: 10, lagBytes: Buffer.byteLength(partial) });
    expect(entry?.sizeSeen).toBe((entry?.offset ?? 0) + Buffer.byteLength(partial));
  });

  it('exits 1 for a missing database and 2 without --db', async () => {
    expect((await runCli(['stats', '--db', join(dir, 'none.db')])).code).toBe(1);
    expect((await runCli(['stats'])).code).toBe(2);
  });
});
