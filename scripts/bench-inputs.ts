/** Large benchmark inputs built from ../shared/samples: the same records repeated with unique record ids. */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { DbIpGeoLookup } from '../main/core/enrich/geo-lookup.js';
import { ingestOnce } from '../main/core/ingest/ingest-run.js';
import { openWriter } from '../main/core/store/database.js';

const SAMPLES = resolve(import.meta.dirname, '../../../shared/samples');
export const BENCH_DIR = resolve(import.meta.dirname, '../../.bench');

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => { r(); }));
}

async function close(out: Writable): Promise<void> {
  await new Promise<void>((r) => out.end(() => { r(); }));
}

function evtxLines(): string[] {
  const dir = join(SAMPLES, 'evtx-json');
  return readdirSync(dir).filter((name) => !name.startsWith('dirty-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter((line) => line.trim() !== ''));
}

/** Copies get increasing times (one event every 10 ms from 2024-01-01), as a real log's export has. */
const START = Date.UTC(2024, 0, 1);
const timeOf = (i: number, spacingMs: number): string => new Date(START + Math.floor(i * spacingMs)).toISOString().replace('Z', '000Z');

/** evtx_dump NDJSON, UTF-8. */
export async function buildEvtxFile(count: number, spacingMs = 10): Promise<string> {
  const target = join(BENCH_DIR, spacingMs === 10 ? `evtx-timed-${count}.jsonl` : `evtx-timed-${count}-${Math.round(spacingMs)}ms.jsonl`);
  if (existsSync(target)) return target;
  mkdirSync(BENCH_DIR, { recursive: true });
  const lines = evtxLines();
  const out = createWriteStream(target);
  for (let i = 0; i < count; i++) {
    const line = (lines[i % lines.length] ?? '')
      .replace(/"EventRecordID":\d+/, `"EventRecordID":${i + 1}`)
      .replace(/"SystemTime":"[^"]+"/, `"SystemTime":"${timeOf(i, spacingMs)}"`);
    await write(out, `${line}\n`);
  }
  await close(out);
  return target;
}

/** A PowerShell export: one pretty-printed JSON array, UTF-16LE with BOM, CRLF line ends. */
export async function buildPowerShellFile(count: number): Promise<string> {
  const target = join(BENCH_DIR, `powershell-timed-${count}.utf16le.json`);
  if (existsSync(target)) return target;
  mkdirSync(BENCH_DIR, { recursive: true });
  const bytes = readFileSync(join(SAMPLES, 'powershell/security.ps51.utf16le.json'));
  const elements = JSON.parse(bytes.subarray(2).toString('utf16le')) as Record<string, unknown>[];
  const out = createWriteStream(target);
  await write(out, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[\r\n', 'utf16le')]));
  for (let i = 0; i < count; i++) {
    const element = { ...elements[i % elements.length], RecordId: i + 1, TimeCreated: `/Date(${START + i * 10})/` };
    const pretty = JSON.stringify(element, null, 4).replace(/\n/g, '\r\n    ');
    await write(out, Buffer.from(`    ${pretty}${i < count - 1 ? ',' : ''}\r\n`, 'utf16le'));
  }
  await write(out, Buffer.from(']\r\n', 'utf16le'));
  await close(out);
  return target;
}

/** A database of `count` evtx-json events spread evenly over 90 days, built once (cached in .bench/). */
export async function buildEventDatabase(dbPath: string, count: number): Promise<void> {
  if (existsSync(dbPath)) return;
  const file = await buildEvtxFile(count, (90 * 86_400_000) / count);
  console.log(`building ${dbPath} from ${file} (once)…`);
  const db = openWriter(dbPath);
  try {
    await ingestOnce(db, [file], { normalize: { sourceTimeZone: 'UTC', geo: new DbIpGeoLookup() }, now: () => Number.MAX_SAFE_INTEGER });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
  } catch (error) {
    db.close();
    rmSync(dbPath, { force: true });
    throw error;
  }
  db.close();
}
