/**
 * npm run bench:export -- [--events N]
 * Exports every event of a database of N events (default 1,000,000; built once in .bench/, the same
 * database as bench:query) in each format, each in its own process so each peak RSS is its own, and
 * prints events/s, MB/s written and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMATS, type ExportFormat } from '../main/core/export/batch-naming.js';
import { exportEvents } from '../main/core/export/export-service.js';
import { openReader, SCAN_CACHE_KIB } from '../main/core/store/database.js';
import { readerThreads } from '../main/worker/export-reader-pool.js';
import { parseQuery } from '../shared/qql/index.js';
import { BENCH_DIR, buildEventDatabase } from './bench-inputs.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
};
const events = Number(option('--events') ?? 1_000_000);
const dbPath = join(BENCH_DIR, `query-${events}.db`);
const only = option('--only');
/** reader threads (0: in this thread, as the engine does by default) */
const threads = Number(option('--readers') ?? 2);

async function measure(format: ExportFormat): Promise<void> {
  const parsed = parseQuery('', { now: Date.now() });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const db = openReader(dbPath, { cacheKib: SCAN_CACHE_KIB });
  const started = process.hrtime.bigint();
  const manifest = await exportEvents(db, { query: parsed.query, queryText: '', folder: join(BENCH_DIR, `export-${format}`), format, batchSize: 10_000, force: true }, {
    ...(threads !== 0 && { readers: readerThreads(threads) }),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${format.padEnd(9)} ${threads} readers  ${manifest.events.toLocaleString('en-US')} events in ${manifest.files.length} files, ${seconds.toFixed(2)} s: `
    + `${Math.round(manifest.events / seconds).toLocaleString('en-US').padStart(8)} events/s, ${(bytes / 1e6 / seconds).toFixed(1).padStart(6)} MB/s written `
    + `(${(bytes / 1e6).toFixed(0)} MB), peak RSS ${peakRssMb.toFixed(0)} MB`);
}

if (only !== undefined) {
  const format = EXPORT_FORMATS.find((f) => f === only);
  if (format === undefined) throw new Error(`--only ${only}: not a format`);
  await measure(format);
} else {
  await buildEventDatabase(dbPath, events);
  console.log(`database  ${dbPath}`);
  for (const format of EXPORT_FORMATS) {
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--events', String(events), '--only', format, '--readers', String(threads)], { stdio: 'inherit' });
  }
}
