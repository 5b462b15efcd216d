import Database from 'better-sqlite3';
import { expect } from 'vitest';

export interface StoreSummary {
  readonly events: number;
  readonly distinctEventIds: number;
  readonly quarantine: Record<string, number>;
}

export function summarize(dbPath: string): StoreSummary {
  const db = new Database(dbPath, { readonly: true });
  try {
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const distinctEventIds = db.prepare('SELECT count(DISTINCT "eventId") FROM events').pluck().get() as number;
    const quarantine = Object.fromEntries(db.prepare<[], { reason: string; n: number }>('SELECT reason, count(*) AS n FROM quarantine GROUP BY reason').all().map((r) => [r.reason, r.n]));
    return { events, distinctEventIds, quarantine };
  } finally {
    db.close();
  }
}

/** (src, seq) pairs of the generated records that were stored, with how often each was stored. */
export function storedSeqs(dbPath: string): Map<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare<[], { key: string; n: number }>(`SELECT json_extract(raw, '$.src') || ':' || json_extract(raw, '$.seq') AS key, count(*) AS n FROM events GROUP BY key`).all();
    return new Map(rows.map((r) => [r.key, r.n]));
  } finally {
    db.close();
  }
}

/** The store holds `expected` generated records, each (src, seq) once, under as many distinct eventIds. */
export function expectEachStoredOnce(dbPath: string, expected: number): void {
  const seqs = storedSeqs(dbPath);
  expect(seqs.size).toBe(expected);
  expect([...seqs.values()].filter((n) => n !== 1)).toEqual([]);
  expect(summarize(dbPath).distinctEventIds).toBe(expected);
}
