/** Runs compiled QQL on a read-only connection: newest first, keyset-paginated, or a count. */
import type Database from 'better-sqlite3';
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import type { QqlQuery } from '../../../shared/qql/index.js';
import { findField } from '../../../shared/catalog/field-catalog.js';
import { decodeRow, quoteIdentifier } from '../store/event-columns.js';
import { compileQuery } from './compile-query.js';

export interface PageCursor {
  readonly eventTime: number;
  readonly id: number;
}

export interface EventPage {
  readonly events: readonly Record<string, TokenValue>[];
  /** pass back to get the next (older) page; undefined when this was the last */
  readonly next?: PageCursor;
}

export function countMatches(db: Database.Database, query: QqlQuery): number {
  const { where, params } = compileQuery(query);
  return db.prepare(`SELECT count(*) FROM events AS e WHERE ${where}`).pluck().get(...params) as number;
}

export function queryPage(db: Database.Database, query: QqlQuery, limit: number, after?: PageCursor): EventPage {
  const { where, params } = compileQuery(query);
  const keyset = after === undefined ? '' : ' AND (e."eventTime" < ? OR (e."eventTime" = ? AND e.id < ?))';
  const keysetParams = after === undefined ? [] : [after.eventTime, after.eventTime, after.id];
  const rows = db.prepare(`SELECT * FROM events AS e WHERE ${where}${keyset} ORDER BY e."eventTime" DESC, e.id DESC LIMIT ?`)
    .all(...params, ...keysetParams, limit + 1) as Record<string, unknown>[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last !== undefined ? { eventTime: last.eventTime as number, id: last.id as number } : undefined;
  return { events: page.map(decodeRow), ...(next !== undefined && { next }) };
}

export interface FacetValue {
  readonly value: string | number;
  readonly count: number;
}

/** The top `limit` values of a token among the matches, most frequent first (list tokens by element). */
export function facetValues(db: Database.Database, query: QqlQuery, token: string, limit: number): FacetValue[] {
  const field = findField(token);
  if (field === undefined || field.type === 'coordinates') throw new Error(`no facets for '${token}'`);
  const { where, params } = compileQuery(query);
  const column = `e.${quoteIdentifier(field.name)}`;
  const sql = field.type === 'list'
    ? `SELECT j.value AS value, count(*) AS count FROM events AS e, json_each(${column}) AS j WHERE ${where} GROUP BY j.value ORDER BY count DESC, value LIMIT ?`
    : `SELECT ${column} AS value, count(*) AS count FROM events AS e WHERE ${where} AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY count DESC, value LIMIT ?`;
  return db.prepare(sql).all(...params, limit) as FacetValue[];
}

export interface HistogramBucket {
  /** bucket start, UTC ms */
  readonly start: number;
  readonly count: number;
}

const BUCKET_SIZES = [1000, 5000, 15_000, 60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];

/** The bucket size that cuts [from, to] into at most `maxBuckets` buckets. */
export function bucketSize(from: number, to: number, maxBuckets = 120): number {
  const span = Math.max(1, to - from);
  return BUCKET_SIZES.find((size) => span / size <= maxBuckets) ?? Math.ceil(span / maxBuckets);
}

/** Counts of matching events per time bucket, over the matches' own time range. */
export function histogram(db: Database.Database, query: QqlQuery, maxBuckets = 120): { size: number; buckets: HistogramBucket[] } {
  const { where, params } = compileQuery(query);
  const range = db.prepare(`SELECT min(e."eventTime") AS first, max(e."eventTime") AS last FROM events AS e WHERE ${where}`).get(...params) as { first: number | null; last: number | null };
  if (range.first === null || range.last === null) return { size: 0, buckets: [] };
  const size = bucketSize(range.first, range.last, maxBuckets);
  // % works on integers whatever the type a parameter is bound with
  const buckets = db.prepare(`SELECT e."eventTime" - (e."eventTime" % ?) AS start, count(*) AS count FROM events AS e WHERE ${where} GROUP BY 1 ORDER BY 1`)
    .all(size, ...params) as HistogramBucket[];
  return { size, buckets };
}
