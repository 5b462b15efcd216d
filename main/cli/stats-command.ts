import { statSync } from 'node:fs';
import type { CommandIo } from './normalize-command.js';
import { openStoreForReading } from './store-options.js';
import { EXIT_OK } from './usage-error.js';

export interface StatsCommandOptions {
  readonly db?: string;
}

interface Count { readonly name: string | null; readonly count: number }

/** `xdr-tail stats --db <file>`: counts per shape, channel and file; quarantine by reason; database size, as JSON. */
export function runStats(options: StatsCommandOptions, io: CommandIo): number {
  const db = openStoreForReading(options.db);
  try {
    const counts = (sql: string): Record<string, number> =>
      Object.fromEntries(db.prepare<[], Count>(sql).all().map((row) => [row.name ?? '(none)', row.count]));
    const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    // sizeSeen: the size when last read; lagBytes: what was seen but not yet taken (a partial last line, or a backlog)
    const files = db.prepare<[], { path: string; state: string; generation: number; offset: number; sizeSeen: number; lagBytes: number; events: number; quarantined: number }>(`
      SELECT s.path, s.state, s.generation, s."offset", s.size_seen AS sizeSeen, max(0, s.size_seen - s."offset") AS lagBytes,
        (SELECT count(*) FROM events e WHERE e.source_id = s.id) AS events,
        (SELECT count(*) FROM quarantine q WHERE q.source_id = s.id) AS quarantined
      FROM source_file s ORDER BY s.path`).all();
    const path = options.db ?? '';
    const size = ['', '-wal', '-shm'].reduce((total, suffix) => {
      try {
        return total + statSync(path + suffix).size;
      } catch {
        return total;
      }
    }, 0);
    const stats = {
      database: { path, bytes: size, schemaVersion: db.pragma('user_version', { simple: true }) as number },
      events,
      byShape: counts('SELECT shape AS name, count(*) AS count FROM events GROUP BY shape ORDER BY count DESC'),
      byChannel: counts('SELECT "channel" AS name, count(*) AS count FROM events GROUP BY "channel" COLLATE BINARY ORDER BY count DESC'),
      quarantine: counts('SELECT reason AS name, count(*) AS count FROM quarantine GROUP BY reason ORDER BY count DESC'),
      lostBytes: db.prepare<[], { path: string; bytes: number; reason: string }>('SELECT path, bytes, reason FROM lost_bytes ORDER BY id').all(),
      files,
    };
    io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return EXIT_OK;
  } finally {
    db.close();
  }
}
