import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../../../../main/core/normalize/normalizer.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { EventStore } from '../../../../../main/core/store/event-store.js';
import { readRetention, RetentionEnforcer, updateRetention } from '../../../../../main/core/store/retention.js';
import { flatRecord } from '../../../../helpers/generated-events.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const dir = tempFolder('retention');
const DAY = 86_400_000;

/** n events, one per `spacing` ms, ending at `end` */
function fill(path: string, n: number, end: number, spacing: number): void {
  const db = openWriter(path);
  const store = new EventStore(db);
  const events = [];
  for (let i = 0; i < n; i++) {
    const raw = flatRecord('ret', i + 1).replace(/"TimeCreated":"[^"]+"/, `"TimeCreated":"${new Date(end - (n - 1 - i) * spacing).toISOString()}"`);
    const result = normalizeRecord(JSON.parse(raw), { sourceTimeZone: 'UTC' });
    if (!result.ok) throw new Error(result.reason);
    events.push({ tokens: result.tokens, shape: result.shape, raw, sourceId: null, generation: 0, byteOffset: i });
  }
  for (let i = 0; i < events.length; i += 500) store.writeBatch(events.slice(i, i + 500), []);
  db.close();
}

describe('retention', () => {
  it('removes events older than the age limit, from the table and the full-text index', () => {
    const path = join(dir, 'age.db');
    const now = Date.UTC(2024, 5, 1);
    fill(path, 5000, now, DAY / 100); // 50 days of events
    const db = openWriter(path);
    updateRetention(db, { maxAgeDays: 10 });
    expect(readRetention(db)).toEqual({ maxAgeDays: 10 });
    const removed = new RetentionEnforcer(db).enforce(readRetention(db), now);
    const oldest = db.prepare('SELECT min("eventTime") FROM events').pluck().get() as number;
    expect(oldest).toBeGreaterThanOrEqual(now - 10 * DAY);
    expect(removed + (db.prepare('SELECT count(*) FROM events').pluck().get() as number)).toBe(5000);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1001);
    // the external-content full-text index was told about every deletion
    expect(() => db.exec(`INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    db.close();
  });

  it('removes the oldest events while the live data exceeds the size limit, in small steps', () => {
    const path = join(dir, 'size.db');
    fill(path, 6000, Date.UTC(2024, 5, 1), 1000);
    const db = openWriter(path);
    const enforcer = new RetentionEnforcer(db);
    const before = enforcer.liveBytes();
    const limit = Math.floor(before / 2);
    updateRetention(db, { maxBytes: limit });
    const firstStep = enforcer.step(readRetention(db), Date.now());
    expect(firstStep).toBeGreaterThan(0);
    expect(firstStep).toBeLessThanOrEqual(2000);
    enforcer.enforce(readRetention(db), Date.now());
    const remaining = db.prepare('SELECT min(json_extract(raw, \'$.seq\')) AS first, count(*) AS n FROM events').get() as { first: number; n: number };
    expect(remaining.first).toBe(6000 - remaining.n + 1);
    // roughly the share of the data that fits the limit stays
    expect(remaining.n).toBeGreaterThan(2000);
    expect(remaining.n).toBeLessThan(4000);
    // a restart finds the store within its limit and deletes nothing more
    expect(new RetentionEnforcer(db).enforce(readRetention(db), Date.now())).toBe(0);
    expect(() => db.exec(`INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    updateRetention(db, { maxBytes: 0 });
    expect(readRetention(db)).toEqual({});
    db.close();
  });
});
