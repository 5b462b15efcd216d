/**
 * npm run bench:ingest -- [file] [--events N] [--powershell] [--in-thread]
 * End-to-end ingest (read, frame, normalize, geo, SQLite with indexes and full text) into a fresh
 * database. Without a file: N evtx-json events (default 300,000), or with --powershell a UTF-16LE
 * PowerShell array of N events, built from ../shared/samples with unique record ids.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DbIpGeoLookup } from '../main/core/enrich/geo-lookup.js';
import { ingestOnce } from '../main/core/ingest/ingest-run.js';
import { openWriter } from '../main/core/store/database.js';
import { normalizerThread } from '../main/worker/normalizer-thread.js';
import { BENCH_DIR, buildEvtxFile, buildPowerShellFile } from './bench-inputs.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};
const events = Number(option('--events') ?? 300_000);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--events')
  ?? (args.includes('--powershell') ? await buildPowerShellFile(events) : await buildEvtxFile(events));

const dbPath = join(BENCH_DIR, 'bench-ingest.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
const db = openWriter(dbPath);
const bytes = statSync(file).size;
const started = process.hrtime.bigint();
// as the CLI does: records normalized in a second thread while this one writes (--in-thread: one thread)
const normalizer = args.includes('--in-thread') ? undefined : normalizerThread({ sourceTimeZone: 'UTC', geo: true });
const totals = await ingestOnce(db, [file], {
  normalize: { sourceTimeZone: 'UTC', geo: new DbIpGeoLookup() },
  ...(normalizer !== undefined && { normalizer }),
  now: () => Number.MAX_SAFE_INTEGER,
});
await normalizer?.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
const dbBytes = statSync(dbPath).size;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`file               ${file}`);
console.log(`size               ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`stored             ${totals.stored} (${totals.duplicates} duplicates, ${totals.quarantined} quarantined)`);
console.log(`time               ${seconds.toFixed(2)} s`);
console.log(`events/s           ${Math.round(totals.stored / seconds).toLocaleString('en-US')}`);
console.log(`MB/s               ${(bytes / 1e6 / seconds).toFixed(1)}`);
console.log(`peak RSS           ${peakRssMb.toFixed(0)} MB`);
console.log(`database           ${(dbBytes / 1e6).toFixed(1)} MB, ${Math.round(dbBytes / Math.max(1, totals.stored))} bytes/event (raw record kept)`);
