/**
 * npm run soak -- [--minutes N] [--idle-files N] [--writers N]
 * tailing.md §13 #41: `xdr-tail watch` over a folder of idle files while writers append (and now
 * and then rotate by rename). Samples the watcher process every 30 s — RSS, open file descriptors,
 * CPU — then stops the writers, measures idle CPU, and checks that every record was stored once.
 * Linux (/proc) for the samples.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_DIR } from './bench-inputs.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(name);
  return index < 0 ? fallback : Number(args[index + 1]);
};
const minutes = option('--minutes', 10);
const idleFiles = option('--idle-files', 2000);
const writers = option('--writers', 5);

const folder = join(BENCH_DIR, 'soak');
const dbPath = join(BENCH_DIR, 'soak.db');
rmSync(folder, { recursive: true, force: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
mkdirSync(folder, { recursive: true });

const record = (src: string, seq: number): string => JSON.stringify({
  Computer: `${src}.example.test`, Name: 'Microsoft-Windows-Security-Auditing:4624', EventID: 4624, EventRecordID: seq,
  TimeCreated: new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString(), logset: 'information', keywords: 'Audit Success', src, seq,
});
for (let i = 0; i < idleFiles; i++) writeFileSync(join(folder, `idle${i}.jsonl`), `${record(`idle${i}`, 1)}\n`);
const written = new Array<number>(writers).fill(0);
let expected = idleFiles;

const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../bin/xdr-tail.js'), 'watch', folder, '--db', dbPath], { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
const pid = child.pid ?? 0;

function proc(): { rssMb: number; fds: number; cpuTicks: number } | undefined {
  if (!existsSync(`/proc/${pid}`)) return undefined;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return { rssMb: rssKb / 1024, fds: readdirSync(`/proc/${pid}/fd`).length, cpuTicks: Number(stat[11]) + Number(stat[12]) };
}
const TICKS = 100;

function count(): number {
  if (!existsSync(dbPath)) return 0;
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
let rotations = 0;
let writing = true;
const writing$ = (async () => {
  let tick = 0;
  while (writing) {
    for (let w = 0; w < writers; w++) {
      const n = 1 + Math.floor(Math.random() * 20);
      let text = '';
      for (let k = 0; k < n; k++) text += `${record(`w${w}`, (written[w] ?? 0) + k + 1)}\n`;
      appendFileSync(join(folder, `w${w}.jsonl`), text);
      written[w] = (written[w] ?? 0) + n;
      expected += n;
    }
    tick += 1;
    // every 2 minutes a writer's file is rotated by rename
    if (tick % 600 === 0) {
      const w = rotations++ % writers;
      renameSync(join(folder, `w${w}.jsonl`), join(folder, `w${w}.jsonl.${rotations}`));
    }
    await pause(200);
  }
})();

console.log('minute   RSS MB   fds   CPU %   stored / written');
let last = proc();
let lastAt = Date.now();
const samples: { rssMb: number; fds: number }[] = [];
while (Date.now() - started < minutes * 60_000) {
  await pause(30_000);
  const now = proc();
  if (now === undefined || last === undefined) break;
  const cpu = ((now.cpuTicks - last.cpuTicks) / TICKS) / ((Date.now() - lastAt) / 1000) * 100;
  samples.push(now);
  console.log(`${((Date.now() - started) / 60_000).toFixed(1).padStart(6)}   ${now.rssMb.toFixed(0).padStart(6)}   ${String(now.fds).padStart(4)}   ${cpu.toFixed(1).padStart(5)}   ${count()} / ${expected}`);
  last = now;
  lastAt = Date.now();
}
writing = false;
await writing$;
const deadline = Date.now() + 120_000;
while (count() < expected && Date.now() < deadline) await pause(500);
// idle: nothing written for 30 s
const before = proc();
const idleFrom = Date.now();
await pause(30_000);
const after = proc();
const idleCpu = before !== undefined && after !== undefined ? ((after.cpuTicks - before.cpuTicks) / TICKS) / ((Date.now() - idleFrom) / 1000) * 100 : Number.NaN;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));

const db = new Database(dbPath, { readonly: true });
const rows = db.prepare(`SELECT json_extract(raw, '$.src') || ':' || json_extract(raw, '$.seq') AS key, count(*) AS n FROM events GROUP BY key`).all() as { key: string; n: number }[];
db.close();
const doubled = rows.filter((r) => r.n !== 1).length;
const rss = samples.map((s) => s.rssMb);
console.log(`records written    ${expected} (${idleFiles} idle files, ${writers} writers, ${rotations} rotations)`);
console.log(`records stored     ${rows.length} distinct, ${doubled} stored more than once`);
console.log(`RSS                first ${rss[0]?.toFixed(0) ?? '-'} MB, last ${rss.at(-1)?.toFixed(0) ?? '-'} MB, max ${Math.max(...rss).toFixed(0)} MB`);
console.log(`open fds           max ${Math.max(...samples.map((s) => s.fds))}`);
console.log(`idle CPU           ${idleCpu.toFixed(1)} % over 30 s`);
if (rows.length !== expected || doubled > 0) {
  console.log(`FAILED: stored ${rows.length} of ${expected}\n${stderr.slice(-2000)}`);
  process.exitCode = 1;
}
