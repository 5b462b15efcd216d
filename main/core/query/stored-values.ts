/** Stored values of a token that start with a prefix, most frequent first: the value source of `suggest` (qql.md §8). */
import type Database from 'better-sqlite3';
import { findField } from '../../../shared/catalog/field-catalog.js';
import { quoteIdentifier } from '../store/event-columns.js';

export function storedValues(db: Database.Database, token: string, prefix: string, limit = 10): string[] {
  const field = findField(token);
  if (field === undefined || !['text', 'keyword', 'list', 'integer', 'ipv4'].includes(field.type)) return [];
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const column = quoteIdentifier(field.name);
  const sql = field.type === 'list'
    ? `SELECT j.value AS value, count(*) AS n FROM events, json_each(${column}) AS j WHERE j.value LIKE ? ESCAPE '\\' GROUP BY j.value ORDER BY n DESC, value LIMIT ?`
    : `SELECT ${column} AS value, count(*) AS n FROM events WHERE ${column} IS NOT NULL AND CAST(${column} AS TEXT) LIKE ? ESCAPE '\\' GROUP BY ${column} ORDER BY n DESC, value LIMIT ?`;
  return (db.prepare(sql).all(pattern, limit) as { value: string | number }[]).map((row) => String(row.value));
}
