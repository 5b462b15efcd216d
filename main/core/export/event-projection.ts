/**
 * Reads chosen tokens straight from stored rows (no raw record, no per-row objects), as the values of
 * the normalized event contract (design.md §3) — what CSV cells are made of.
 */
import type { FieldDefinition } from '../../../shared/catalog/field-catalog.js';
import { FIELD_CATALOG, findField } from '../../../shared/catalog/field-catalog.js';
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import { columnsOf, quoteIdentifier } from '../store/event-columns.js';

type SlotReader = (row: readonly unknown[]) => TokenValue | undefined;

export interface EventProjection {
  /** the tokens, in output order */
  readonly fields: readonly string[];
  /** `e."col", …` for a SELECT over `events AS e`, in the order the readers expect (raw rows) */
  readonly selectList: string;
  /** how many columns `selectList` names (coordinates take two): extra columns selected after them start here */
  readonly columnCount: number;
  /** the token values of one raw row, in `fields` order (undefined where absent) */
  readSlots(row: readonly unknown[], into?: (TokenValue | undefined)[]): (TokenValue | undefined)[];
}

function readerFor(field: FieldDefinition, at: number): SlotReader {
  switch (field.type) {
    case 'datetime':
      return (row) => {
        const ms = row[at];
        return typeof ms === 'number' ? new Date(ms).toISOString() : undefined;
      };
    case 'list':
      return (row) => {
        const json = row[at];
        return typeof json === 'string' ? (JSON.parse(json) as string[]) : undefined;
      };
    case 'coordinates':
      return (row) => {
        const lat = row[at];
        const lon = row[at + 1];
        return typeof lat === 'number' && typeof lon === 'number' ? [lat, lon] : undefined;
      };
    default:
      return (row) => {
        const value = row[at];
        return typeof value === 'string' || typeof value === 'number' ? value : undefined;
      };
  }
}

/** The columns a token is read back from: its display value (ipv4 text, severity label), or lat/lon. */
function readColumns(field: FieldDefinition): string[] {
  return columnsOf(field).filter((c) => c.part !== 'rank' && (c.part !== 'number' || field.type === 'datetime')).map((c) => c.name);
}

/** Every token in catalog order, or the named ones in the order given (unknown names throw). */
export function exportedFields(fieldNames?: readonly string[]): readonly FieldDefinition[] {
  if (fieldNames === undefined) return FIELD_CATALOG;
  return fieldNames.map((name) => {
    const field = findField(name);
    if (field === undefined) throw new Error(`unknown token '${name}'`);
    return field;
  });
}

export function projectEvents(fieldNames?: readonly string[]): EventProjection {
  const fields = exportedFields(fieldNames);
  const columns: string[] = [];
  const readers = fields.map((field) => {
    const reader = readerFor(field, columns.length);
    columns.push(...readColumns(field));
    return reader;
  });
  return {
    fields: fields.map((f) => f.name),
    selectList: columns.map((c) => `e.${quoteIdentifier(c)}`).join(', '),
    columnCount: columns.length,
    readSlots(row, into = []) {
      for (let i = 0; i < readers.length; i++) into[i] = (readers[i] as SlotReader)(row);
      into.length = readers.length;
      return into;
    },
  };
}
