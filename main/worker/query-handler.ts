/** The query worker's job as a plain function of (connection, request): tests call it directly. */
import type Database from 'better-sqlite3';
import { parseQuery } from '../../shared/qql/index.js';
import { countMatches, facetValues, histogram, queryPage } from '../core/query/run-query.js';
import type { QueryReply, QueryRequest } from './query-protocol.js';

export function handleQueryRequest(db: Database.Database, request: QueryRequest): QueryReply {
  try {
    const parsed = parseQuery(request.qql, { now: request.now, ...(request.timeZone !== undefined && { timeZone: request.timeZone }) });
    if (!parsed.ok) return { id: request.id, ok: false, error: { code: parsed.error.code, message: parsed.error.message, start: parsed.error.start, end: parsed.error.end } };
    switch (request.type) {
      case 'count':
        return { id: request.id, ok: true, value: countMatches(db, parsed.query) };
      case 'page':
        return { id: request.id, ok: true, value: queryPage(db, parsed.query, request.limit, request.after) };
      case 'facets':
        return { id: request.id, ok: true, value: facetValues(db, parsed.query, request.token, request.limit) };
      case 'histogram':
        return { id: request.id, ok: true, value: histogram(db, parsed.query, request.maxBuckets) };
    }
  } catch (error) {
    return { id: request.id, ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
  }
}
