/** Runs compiled QQL on a read-only connection: newest first, keyset-paginated, or a count. */
import type Database from 'better-sqlite3';
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import type { QqlQuery } from '../../../shared/qql/index.js';
import { decodeRow } from '../store/event-columns.js';
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
