/**
 * The normalized event line (design.md §3) rendered by SQLite itself: one text value per row instead
 * of ~80 column values crossing into JavaScript, which is what makes JSONL export fast. The text is
 * byte for byte what `serializeSlots` writes (a property test holds the two together): SQLite's
 * `json_quote` escapes text as JSON.stringify does, integers print alike, lists are stored as the JSON
 * text JSON.stringify made, and `strftime` gives toISOString's form for years 1970–9999 (the range
 * the normalizer accepts). Coordinates are the exception: SQLite prints doubles with 17 digits where
 * JavaScript prints the shortest round trip, so they cross as numbers and are written here.
 */
import type { FieldDefinition } from '../../../shared/catalog/field-catalog.js';
import { quoteIdentifier } from '../store/event-columns.js';
import { exportedFields } from './event-projection.js';

export interface JsonLineQuery {
  readonly fields: readonly string[];
  /** `…` for `SELECT … FROM events AS e`; rows must be fetched raw (arrays) */
  readonly selectList: string;
  /** extra columns selected after `selectList` start at this index */
  readonly columnCount: number;
  /** the JSON line of one raw row, with its line end */
  lineOf(row: readonly unknown[]): string;
}

/** `"name":value,` when the column has a value, NULL otherwise (concat() skips NULLs). */
function memberSql(field: FieldDefinition): string {
  const key = `'"${field.name}":'`;
  const column = `e.${quoteIdentifier(field.name)}`;
  switch (field.type) {
    case 'datetime':
      return `${key} || '"' || strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch') || '",'`;
    case 'integer':
    case 'list':
      // integers print as JavaScript prints them; lists are stored as JSON.stringify wrote them
      return `${key} || ${column} || ','`;
    case 'coordinates':
      throw new Error('coordinates are written in JavaScript');
    default:
      return `CASE WHEN ${column} IS NOT NULL THEN ${key} || json_quote(${column}) || ',' END`;
  }
}

/** `{members}` and a line end from `"a":1,"b":2,`; a JSON value never ends with a comma, so rtrim takes exactly one. */
function wholeLineSql(members: string): string {
  return `'{' || rtrim(${members}, ',') || '}' || char(10)`;
}

type Part = { readonly kind: 'segment'; readonly at: number } | { readonly kind: 'coordinates'; readonly at: number; readonly key: string };

export function jsonLineQuery(fieldNames?: readonly string[]): JsonLineQuery {
  const fields = exportedFields(fieldNames);
  const coordinates = fields.filter((f) => f.type === 'coordinates');
  const plainMembers = `concat(${fields.filter((f) => f.type !== 'coordinates').map(memberSql).join(', ')})`;
  // most events have no coordinates: then SQLite writes the whole line, and the pieces below stay unevaluated
  const noCoordinates = coordinates.length === 0 ? 'TRUE' : coordinates.map((f) => `e.${quoteIdentifier(`${f.name}_lat`)} IS NULL`).join(' AND ');
  const columns: string[] = [`CASE WHEN ${noCoordinates} THEN ${wholeLineSql(plainMembers)} END`];
  const parts: Part[] = [];
  let run: string[] = [];
  const endRun = (): void => {
    if (run.length === 0) return;
    parts.push({ kind: 'segment', at: columns.length });
    columns.push(`CASE WHEN NOT (${noCoordinates}) THEN concat(${run.join(', ')}) END`);
    run = [];
  };
  if (coordinates.length > 0) {
    for (const field of fields) {
      if (field.type !== 'coordinates') {
        run.push(memberSql(field));
        continue;
      }
      endRun();
      parts.push({ kind: 'coordinates', at: columns.length, key: `"${field.name}":` });
      columns.push(`e.${quoteIdentifier(`${field.name}_lat`)}`, `e.${quoteIdentifier(`${field.name}_lon`)}`);
    }
    endRun();
  }

  return {
    fields: fields.map((f) => f.name),
    selectList: columns.join(', '),
    columnCount: columns.length,
    lineOf(row) {
      const whole = row[0];
      if (typeof whole === 'string') return whole;
      let members = '';
      for (const part of parts) {
        if (part.kind === 'segment') {
          members += row[part.at] as string;
          continue;
        }
        const lat = row[part.at];
        const lon = row[part.at + 1];
        if (typeof lat === 'number' && typeof lon === 'number') members += `${part.key}[${String(lat)},${String(lon)}],`;
      }
      return `{${members.slice(0, -1)}}\n`;
    },
  };
}
