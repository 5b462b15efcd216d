/**
 * npm run bench:query -- [--events N]
 * Builds once (cached in .bench/) a database of N events (default 1,000,000) from the
 * ../shared/samples evtx-json records with unique record ids, spread evenly over 90 days, then prints
 * p50/p95 latency of a fixed mix of queries: first page (100 rows) of indexed equality, CIDR, time
 * range, negation, free text; and facets, histogram, count.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { parseQuery } from '../shared/qql/index.js';
import type { QqlQuery } from '../shared/qql/index.js';
import { countMatches, facetValues, histogram, queryPage } from '../main/core/query/run-query.js';
import { BENCH_DIR, buildEventDatabase } from './bench-inputs.js';

const args = process.argv.slice(2);
const eventsIndex = args.indexOf('--events');
const events = eventsIndex >= 0 ? Number(args[eventsIndex + 1]) : 1_000_000;
const dbPath = join(BENCH_DIR, `query-${events}.db`);
const NOW = Date.UTC(2024, 3, 1);

await buildEventDatabase(dbPath, events);

const db = new Database(dbPath, { readonly: true });
const total = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
console.log(`database           ${dbPath} (${total.toLocaleString('en-US')} events)`);

function parsed(text: string): QqlQuery {
  const result = parseQuery(text, { now: NOW, timeZone: 'UTC' });
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.query;
}

function measure(label: string, run: () => unknown, rounds = 15): void {
  run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(`${label.padEnd(44)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`);
}

const page = (text: string): (() => unknown) => () => queryPage(db, parsed(text), 100);
measure('indexed equality  externalId:4624', page('externalId:4624'));
measure('indexed equality  deviceName=IEWIN7', page('deviceName=IEWIN7'));
measure('CIDR              sourceIpv4:10.0.0.0/8', page('sourceIpv4:10.0.0.0/8'));
measure('time range        eventTime:[2024-02-01 .. 2024-02-07]', page('eventTime:[2024-02-01 .. 2024-02-07]'));
measure('negation          NOT externalId:4624', page('NOT externalId:4624'));
measure('free text         mimikatz', page('mimikatz'));
measure('free text         powershell', page('powershell'));
measure('facets            externalId (all events)', () => facetValues(db, parsed(''), 'externalId', 10), 5);
measure('histogram         externalId:4624', () => histogram(db, parsed('externalId:4624')), 5);
measure('count             externalId:4624', () => countMatches(db, parsed('externalId:4624')), 5);
db.close();
