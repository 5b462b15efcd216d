import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../../shared/qql/index.js';
import { ingestOnce } from '../../../../../main/core/ingest/ingest-run.js';
import { compileQuery } from '../../../../../main/core/query/compile-query.js';
import { decodeRow } from '../../../../../main/core/store/event-columns.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../../helpers/shared-folder.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';
import type { StoredEvent } from './reference-evaluator.js';
import { evaluate } from './reference-evaluator.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('reference');
const NOW = Date.UTC(2026, 11, 3, 12);

/** printable ASCII without the characters QQL quoting treats specially */
const plain = (text: string): boolean => /^[\x20-\x7e]+$/.test(text) && !/["\\`]/.test(text);

describe.skipIf(!hasSamples)('compiled QQL against a reference evaluator, over the same rows', () => {
  let db: Database.Database;
  let events: { id: number; event: StoredEvent }[] = [];
  const pools = { ids: [] as number[], channels: [] as string[], names: [] as string[], texts: [] as string[], ips: [] as string[], times: [] as string[], privileges: [] as string[] };

  beforeAll(async () => {
    const path = join(dir, 'reference.db');
    const writer = openWriter(path);
    await ingestOnce(writer, ['evtx-json', 'nxlog', 'winlogbeat'].map((f) => join(SAMPLES_ROOT, f)), { normalize: { sourceTimeZone: 'UTC' } });
    writer.close();
    db = new Database(path, { readonly: true });
    events = (db.prepare('SELECT * FROM events').all() as Record<string, unknown>[]).map((row) => ({
      id: row.id as number, event: { ...decodeRow(row), raw: row.raw as string },
    }));
    const add = <T>(list: T[], value: T | undefined): void => { if (value !== undefined && !list.includes(value)) list.push(value); };
    for (const { event } of events) {
      add(pools.ids, event.externalId as number | undefined);
      if (typeof event.channel === 'string' && plain(event.channel)) add(pools.channels, event.channel);
      for (const name of [event.userName, event.destinationUser]) if (typeof name === 'string' && plain(name) && name.length >= 2) add(pools.names, name.slice(0, 6));
      for (const text of [event.processName, event.command, event.eventName]) {
        if (typeof text === 'string' && plain(text) && text.length >= 8) add(pools.texts, text.slice(Math.floor(text.length / 3), Math.floor(text.length / 3) + 5));
      }
      if (typeof event.sourceIpv4 === 'string') add(pools.ips, event.sourceIpv4);
      add(pools.times, typeof event.eventTime === 'string' ? event.eventTime.slice(0, 10) : undefined);
      if (Array.isArray(event.permissions)) for (const p of event.permissions as string[]) if (plain(p)) add(pools.privileges, p);
    }
  });

  const quote = (text: string): string => `"${text}"`;

  it('finds the same events as the evaluator for random queries', () => {
    const pick = <T>(list: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...list);
    const clause = fc.oneof(
      pick(pools.ids).map((id) => `externalId:${id}`),
      fc.tuple(pick(pools.ids), fc.constantFrom('>', '>=', '<', '<=')).map(([id, op]) => `externalId${op}${id}`),
      fc.tuple(pick(pools.ids), pick(pools.ids)).map(([a, b]) => `externalId:[${Math.min(a, b)} .. ${Math.max(a, b)}]`),
      pick(pools.channels).map((c) => `channel:${quote(c)}`),
      pick(pools.channels).map((c) => `channel=${quote(c.toUpperCase())}`),
      pick(pools.names).map((n) => `userName:${quote(n)}`),
      pick(pools.names).map((n) => `destinationUser:\`${n}\``),
      pick(pools.texts).map((t) => `processName:${quote(t)}`),
      pick(pools.texts).map((t) => quote(t)),
      fc.tuple(pick(pools.ips), fc.constantFrom(8, 16, 24, 32)).map(([ip, prefix]) => `sourceIpv4:${ip}/${prefix}`),
      fc.constantFrom('Debug', 'Informational', 'Warning', 'Error', 'Alert').map((level) => `deviceSeverity>=${level}`),
      pick(pools.times).map((day) => `eventTime>=${day}`),
      pick(pools.times).map((day) => `eventTime:${day}`),
      fc.constantFrom('userName:*', 'destinationUser:*', 'sourceIpv4:*', 'permissions:*', 'command:*'),
      pick(pools.privileges).map((p) => `permissions:${quote(p)}`),
    );
    const query = fc.letrec((tie) => ({
      expr: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        clause,
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${String(a)} AND ${String(b)})`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${String(a)} OR ${String(b)})`),
        tie('expr').map((a) => `NOT ${String(a)}`)),
    })).expr;

    let compared = 0;
    fc.assert(fc.property(query, (text) => {
      const parsed = parseQuery(text, { now: NOW, timeZone: 'UTC' });
      if (!parsed.ok) return;
      compared++;
      const { where, params } = compileQuery(parsed.query);
      const fromSql = new Set(db.prepare(`SELECT e.id FROM events AS e WHERE ${where}`).pluck().all(...params) as number[]);
      const fromEvaluator = new Set(events.filter(({ event }) => evaluate(parsed.query.root, event)).map(({ id }) => id));
      expect([...fromSql].sort((a, b) => a - b), text).toEqual([...fromEvaluator].sort((a, b) => a - b));
    }), { numRuns: 400 });
    expect(compared).toBeGreaterThan(300);
  });
});
