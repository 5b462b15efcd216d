import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/run-cli.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('query-cli');
const db = join(dir, 'q.db');

describe.skipIf(!hasSamples)('xdr-tail query', () => {
  beforeAll(async () => {
    await runCli(['ingest', join(SAMPLES_ROOT, 'nxlog'), '--db', db]);
  });

  it('prints the count alone with --count', async () => {
    const all = await runCli(['query', '', '--db', db, '--count']);
    expect(all.stdout).toBe('602\n');
    const logons = await runCli(['query', 'externalId:4624', '--db', db, '--count']);
    expect(Number(logons.stdout)).toBe(18);
  });

  it('prints matching events newest first as JSONL, limited, with --fields', async () => {
    const result = await runCli(['query', 'channel:security OR channel:system', '--db', db, '--limit', '5', '--fields', 'eventTime,channel,externalId']);
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { eventTime: string; channel: string });
    expect(events).toHaveLength(5);
    expect(Object.keys(events[0]!)).toEqual(['eventTime', 'channel', 'externalId']);
    const times = events.map((e) => Date.parse(e.eventTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('exits 2 on a QQL error with the message, the query and a caret under the column', async () => {
    const result = await runCli(['query', 'externalId:4624 AND usrName:bob', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("xdr-tail: Unknown token 'usrName' at column 21. Did you mean 'userName'?\n  externalId:4624 AND usrName:bob\n                      ^^^^^^^\n");
  });

  it('prints facets as JSON, and exits 2 for a token that is not in the catalog', async () => {
    const result = await runCli(['facets', 'channel', '', '--db', db, '--limit', '3']);
    expect(result.code).toBe(0);
    const facets = JSON.parse(result.stdout) as { token: string; values: { value: string; count: number }[] };
    expect(facets.token).toBe('channel');
    expect(facets.values).toHaveLength(3);
    // keyword values group any case, as QQL compares them: "Security" and "security" are one value
    const store = new Database(db, { readonly: true });
    const security = store.prepare(`SELECT count(*) FROM events WHERE lower("channel") = 'security'`).pluck().get() as number;
    store.close();
    expect(facets.values[0]?.value.toLowerCase()).toBe('security');
    expect(facets.values[0]?.count).toBe(security);
    expect((await runCli(['facets', 'nope', '', '--db', db])).code).toBe(2);
  });

  it('prints CSV with a header, one column per token, that parses back', async () => {
    const result = await runCli(['query', 'externalId:4625', '--db', db, '--format', 'csv', '--fields', 'eventTime,externalId,destinationUser']);
    expect(result.code).toBe(0);
    const rows: string[][] = parse(result.stdout);
    expect(rows[0]).toEqual(['eventTime', 'externalId', 'destinationUser']);
    expect(rows.slice(1).every((row) => row[1] === '4625')).toBe(true);
    expect(rows).toHaveLength(3);
  });

  it('prints a table', async () => {
    const result = await runCli(['query', 'externalId:4625', '--db', db, '--format', 'table']);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^eventTime\s+deviceName\s+externalId/);
    expect(lines).toHaveLength(3);
  });
});
