/**
 * npm run bench:normalize -- [file] [--events N]
 * Normalize-only throughput (read, frame, decode, parse, normalize, geo; no database, no output).
 * Without a file, builds an evtx-json NDJSON file of N events (default 300,000) from
 * ../shared/samples/evtx-json, each copy with a unique EventRecordID.
 */
import { statSync } from 'node:fs';
import { DbIpGeoLookup } from '../main/core/enrich/geo-lookup.js';
import { normalizeFile } from '../main/core/normalize/normalize-file.js';
import { buildEvtxFile } from './bench-inputs.js';

const args = process.argv.slice(2);
const eventsArg = args.indexOf('--events');
const events = eventsArg >= 0 ? Number(args[eventsArg + 1]) : 300_000;
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--events') ?? (await buildEvtxFile(events));

const geo = new DbIpGeoLookup();
const bytes = statSync(file).size;
const started = process.hrtime.bigint();
let normalized = 0;
let errors = 0;
for await (const batch of normalizeFile(file, { sourceTimeZone: 'UTC', geo })) {
  for (const item of batch) {
    if (item.kind === 'event') normalized++;
    else errors++;
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`file            ${file}`);
console.log(`size            ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`events          ${normalized} (${errors} bad records)`);
console.log(`time            ${seconds.toFixed(2)} s`);
console.log(`events/s        ${Math.round(normalized / seconds).toLocaleString('en-US')}`);
console.log(`MB/s            ${(bytes / 1e6 / seconds).toFixed(1)}`);
console.log(`peak RSS        ${peakRssMb.toFixed(0)} MB`);

