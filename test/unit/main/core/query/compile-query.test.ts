import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_CATALOG } from '../../../../../shared/catalog/field-catalog.js';
import { parseQuery, suggest } from '../../../../../shared/qql/index.js';
import { ingestOnce } from '../../../../../main/core/ingest/ingest-run.js';
import { compileQuery } from '../../../../../main/core/query/compile-query.js';
import { bucketSize, countMatches, facetValues, histogram, queryPage } from '../../../../../main/core/query/run-query.js';
import { storedValues } from '../../../../../main/core/query/stored-values.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../../helpers/shared-folder.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('query');
const NOW = Date.UTC(2026, 11, 3, 12);

function compile(text: string): ReturnType<typeof compileQuery> {
  const parsed = parseQuery(text, { now: NOW, timeZone: 'UTC' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return compileQuery(parsed.query);
}

describe('QQL compiler', () => {
  it('puts every value in a bound parameter: the SQL text depends on the structure of the query only', () => {
    const hostile = fc.stringMatching(/^[a-zA-Z0-9'";%_ -]{3,24}$/).filter((v) => v.trim().length >= 3);
    const tokens = fc.constantFrom('userName', 'command', 'eventType', 'raw', 'permissions', '');
    fc.assert(fc.property(hostile, tokens, fc.constantFrom('"', '`'), (value, token, quote) => {
      const quoted = quote === '"' ? `"${value.replace(/"/g, '\\"')}"` : value.includes('`') ? undefined : `\`${value}\``;
      if (quoted === undefined || (token === '' && quote === '`')) return;
      const prefix = token === '' ? '' : `${token}:`;
      const withValue = parseQuery(`${prefix}${quoted}`, { now: NOW, timeZone: 'UTC' });
      const withPlaceholder = parseQuery(`${prefix}${quote}zzz${quote}`, { now: NOW, timeZone: 'UTC' });
      if (!withValue.ok || !withPlaceholder.ok) return;
      const a = compileQuery(withValue.query);
      const b = compileQuery(withPlaceholder.query);
      expect(a.where).toBe(b.where);
      // LIKE patterns escape \ % _; full-text phrases double their quotes
      const strings = a.params.filter((p): p is string => typeof p === 'string');
      expect(strings.some((p) => p.replace(/\\([\\%_])/g, '$1').includes(value) || p.replace(/""/g, '"').includes(value))).toBe(true);
    }), { numRuns: 1000 });
  });

  it('compiles NOT as the complement, including events without the token', () => {
    expect(compile('NOT userName:bob').where).toMatch(/IS NOT 1\)$/);
  });
});

describe.skipIf(!hasSamples)('queries over a store built from ../shared/samples', () => {
  let db: Database.Database;
  beforeAll(async () => {
    const path = join(dir, 'samples.db');
    const writer = openWriter(path);
    await ingestOnce(writer, [join(SAMPLES_ROOT, 'evtx-json'), join(SAMPLES_ROOT, 'nxlog')], { normalize: { sourceTimeZone: 'UTC' } });
    writer.close();
    db = new Database(path, { readonly: true });
  });

  /** the same count straight from SQL written by hand for the test */
  const reference = (sql: string, ...params: unknown[]): number => db.prepare(`SELECT count(*) FROM events WHERE ${sql}`).pluck().get(...params) as number;
  const count = (text: string): number => {
    const parsed = parseQuery(text, { now: NOW, timeZone: 'UTC' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    return countMatches(db, parsed.query);
  };

  it.each([
    ['externalId:4624', '"externalId" = 4624'],
    ['externalId:[4624, 4625]', '"externalId" IN (4624, 4625)'],
    ['externalId>=5000', '"externalId" >= 5000'],
    ['NOT externalId:4624', '"externalId" IS NOT 4624'],
    ['channel:security', 'lower("channel") = \'security\''],
    ['channel:`security`', '"channel" = \'security\' COLLATE BINARY'],
    ['userName:*', '"userName" IS NOT NULL AND "userName" <> \'\''],
    ['NOT userName:*', '"userName" IS NULL OR "userName" = \'\''],
    ['processName:powershell', 'lower("processName") LIKE \'%powershell%\''],
    ['processName:*.exe', 'lower("processName") LIKE \'%.exe\''],
    ['sourceIpv4:10.0.0.0/8', '"sourceIpv4_n" BETWEEN 167772160 AND 184549375'],
    ['sourceIpv4:192.168.*', 'substr("sourceIpv4", 1, 8) = \'192.168.\''],
    ['destinationPort:[1 .. 1024]', '"destinationPort" BETWEEN 1 AND 1024'],
    ['deviceSeverity>=Warning', '"deviceSeverity" IN (\'Warning\', \'Error\', \'Alert\')'],
    ['eventTime>=2020-09-01 AND eventTime<2020-10-01', '"eventTime" >= 1598918400000 AND "eventTime" < 1601510400000'],
    ['outcome:failure OR eventType:"Audit Failure"', '"outcome" = \'failure\' OR "eventType" = \'Audit Failure\''],
    ['permissions:SeDebugPrivilege', 'EXISTS (SELECT 1 FROM json_each("permissions") WHERE lower(value) LIKE \'%sedebugprivilege%\')'],
    ['powershell', `"processName" LIKE '%powershell%' OR "command" LIKE '%powershell%' OR "sourceProcess" LIKE '%powershell%' OR "destinationProcess" LIKE '%powershell%' OR "message" LIKE '%powershell%' OR "eventName" LIKE '%powershell%' OR "object" LIKE '%powershell%' OR "filePath" LIKE '%powershell%' OR "fileName" LIKE '%powershell%' OR "winLogImagePath" LIKE '%powershell%' OR "destinationServiceName" LIKE '%powershell%'`],
    ['raw:IEWIN7', 'raw LIKE \'%IEWIN7%\''],
    ['deviceName:IEWIN7 externalId:1', 'lower("deviceName") LIKE \'%iewin7%\' AND "externalId" = 1'],
    ['destinationPort:445', '"destinationPort" = 445'],
    ['destinationPort>=1024 AND protocol:tcp', '"destinationPort" >= 1024 AND lower("protocol") = \'tcp\''],
    ['logonType:[2, 10]', '"logonType" IN (2, 10)'],
    ['direction:Inbound', 'lower("direction") = \'inbound\''],
    ['NOT (channel:security OR channel:system)', 'NOT (lower(coalesce("channel", \'\')) IN (\'security\', \'system\'))'],
    ['userName:*$', '"userName" LIKE \'%$\''],
    ['command:"-enc"', 'lower("command") LIKE \'%-enc%\''],
    ['destinationIpv4:[10.0.0.0 .. 10.255.255.255] OR destinationIpv4:192.168.0.0/16', '"destinationIpv4_n" BETWEEN 167772160 AND 184549375 OR "destinationIpv4_n" BETWEEN 3232235520 AND 3232301055'],
    ['eventTime<2020-01-01', '"eventTime" < 1577836800000'],
    ['deviceSeverity:Informational', '"deviceSeverity" = \'Informational\''],
    ['externalId:(4624 OR 4625) AND NOT logonType:3', '"externalId" IN (4624, 4625) AND "logonType" IS NOT 3'],
    ['outcome=`failure`', '"outcome" = \'failure\' COLLATE BINARY'],
  ])('%s', (qql, sql) => {
    expect(count(qql)).toBe(reference(sql));
    expect(reference(sql)).toBeGreaterThanOrEqual(0);
  });

  it('finds something for the queries that should match', () => {
    for (const qql of ['externalId:4624', 'powershell', 'sourceIpv4:10.0.0.0/8', 'channel:security', 'processName:*.exe']) expect(count(qql), qql).toBeGreaterThan(0);
  });

  it('pages newest first without gaps or repeats', () => {
    const parsed = parseQuery('channel:security', { now: NOW, timeZone: 'UTC' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const seen: string[] = [];
    let page = queryPage(db, parsed.query, 37);
    for (;;) {
      seen.push(...page.events.map((e) => String(e.eventId)));
      if (page.next === undefined) break;
      page = queryPage(db, parsed.query, 37, page.next);
    }
    expect(seen).toHaveLength(countMatches(db, parsed.query));
    expect(new Set(seen).size).toBe(seen.length);
    const times = queryPage(db, parsed.query, 1000).events.map((e) => Date.parse(String(e.eventTime)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('gives the top values of a token among the matches, most frequent first', () => {
    const parsed = parseQuery('channel:security', { now: NOW, timeZone: 'UTC' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const facets = facetValues(db, parsed.query, 'externalId', 5);
    const expected = db.prepare(`SELECT "externalId" AS value, count(*) AS count FROM events WHERE lower("channel") = 'security' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`).all();
    expect(facets).toEqual(expected);
    const privileges = facetValues(db, { kind: 'query', root: null }, 'permissions', 3);
    expect(privileges).toHaveLength(3);
    expect(privileges[0]!.count).toBeGreaterThanOrEqual(privileges[1]!.count);
  });

  it('counts matches per time bucket, the bucket size chosen from the range', () => {
    const parsed = parseQuery('externalId:4624', { now: NOW, timeZone: 'UTC' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { size, buckets } = histogram(db, parsed.query, 50);
    expect(buckets.reduce((a, b) => a + b.count, 0)).toBe(countMatches(db, parsed.query));
    expect(buckets.length).toBeLessThanOrEqual(50);
    for (const bucket of buckets) expect(bucket.start % size).toBe(0);
    expect(bucketSize(0, 3_600_000, 120)).toBe(60_000);
    expect(bucketSize(0, 90 * 86_400_000, 120)).toBe(86_400_000);
  });

  it('suggests stored values for a token, most frequent first, through a bound-parameter lookup', () => {
    const values = storedValues(db, 'channel', 'Se');
    expect(values[0]?.toLowerCase()).toBe('security');
    expect(storedValues(db, 'channel', "x' OR '1'='1")).toEqual([]);
    const suggestions = suggest('channel:Sy', 10, { values: (token, prefix) => storedValues(db, token, prefix) });
    expect(suggestions.items.map((item) => item.text)).toContain('System');
  });

  it('uses the indexes of the indexed tokens, time ranges and the full-text index', () => {
    const plan = (qql: string): string => {
      const { where, params } = compile(qql);
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM events AS e WHERE ${where} ORDER BY e."eventTime" DESC LIMIT 100`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    expect(plan('externalId:4624')).toMatch(/USING INDEX events_externalId/);
    expect(plan('sourceIpv4:10.0.0.0/8')).toMatch(/USING INDEX events_sourceIpv4_n/);
    expect(plan('eventTime>=2020-09-01')).toMatch(/USING INDEX events_time_event_id/);
    expect(plan('powershell')).toMatch(/VIRTUAL TABLE INDEX|events_fts/);
  });

  it('uses its own index for an equality filter on every indexed token of the catalog', () => {
    // text and keyword tokens: the any-case equality (`=`), which is what their NOCASE indexes serve
    const sample: Record<string, string> = { integer: ':4624', ipv4: ':10.0.0.5', text: '=x', keyword: '=x' };
    const indexed = FIELD_CATALOG.filter((field) => field.indexed && field.name !== 'eventTime');
    expect(indexed.length).toBeGreaterThanOrEqual(6);
    for (const field of indexed) {
      const value = sample[field.type];
      if (value === undefined) throw new Error(`no sample value for ${field.type}`);
      const { where, params } = compile(`${field.name}${value}`);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM events AS e WHERE ${where} ORDER BY e."eventTime" DESC LIMIT 100`).all(...params) as { detail: string }[])
        .map((r) => r.detail).join(' | ');
      expect(plan, field.name).toMatch(new RegExp(`USING INDEX events_${field.type === 'ipv4' ? `${field.name}_n` : field.name}\\b`));
    }
  });
});
