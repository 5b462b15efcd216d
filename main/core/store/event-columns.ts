/**
 * SQL columns of the events table, generated from the field catalog (design.md §1.6):
 * text/keyword TEXT (NOCASE, so the any-case equality of QQL can use indexes), integer INTEGER,
 * ipv4 as INTEGER plus display text, datetime as UTC milliseconds, severity as rank plus label,
 * lists as JSON text, coordinates as two REAL columns.
 */
import type { FieldDefinition } from '../../../shared/catalog/field-catalog.js';
import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';
import { severityRank } from '../../../shared/catalog/severity.js';
import type { TokenValue } from '../../../shared/model/normalized-event.js';

export type SqlValue = string | number | bigint | null;

export interface ColumnDefinition {
  readonly name: string;
  readonly sqlType: 'TEXT' | 'INTEGER' | 'REAL';
  readonly collate?: 'NOCASE';
  /** the token it stores, and which part of it */
  readonly token: string;
  readonly part: 'value' | 'number' | 'rank' | 'lat' | 'lon';
}

export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

export function columnsOf(field: FieldDefinition): ColumnDefinition[] {
  const token = field.name;
  switch (field.type) {
    case 'text':
    case 'keyword':
      return [{ name: token, sqlType: 'TEXT', collate: 'NOCASE', token, part: 'value' }];
    case 'integer':
      return [{ name: token, sqlType: 'INTEGER', token, part: 'value' }];
    case 'datetime':
      return [{ name: token, sqlType: 'INTEGER', token, part: 'number' }];
    case 'ipv4':
      return [{ name: token, sqlType: 'TEXT', token, part: 'value' }, { name: `${token}_n`, sqlType: 'INTEGER', token, part: 'number' }];
    case 'severity':
      return [{ name: token, sqlType: 'TEXT', token, part: 'value' }, { name: `${token}_rank`, sqlType: 'INTEGER', token, part: 'rank' }];
    case 'list':
      return [{ name: token, sqlType: 'TEXT', token, part: 'value' }];
    case 'coordinates':
      return [{ name: `${token}_lat`, sqlType: 'REAL', token, part: 'lat' }, { name: `${token}_lon`, sqlType: 'REAL', token, part: 'lon' }];
  }
}

export const EVENT_COLUMNS: readonly ColumnDefinition[] = FIELD_CATALOG.flatMap(columnsOf);

/** The column a token is filtered and sorted on (the number for ipv4/datetime, the rank for severity). */
export function filterColumn(field: FieldDefinition): string {
  switch (field.type) {
    case 'ipv4':
      return `${field.name}_n`;
    case 'severity':
      return `${field.name}_rank`;
    case 'coordinates':
      return `${field.name}_lat`;
    default:
      return field.name;
  }
}

export function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!Number.isInteger(octet) || octet < 0 || octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

type Encoder = (value: TokenValue | undefined) => SqlValue;

function encoderFor(field: FieldDefinition, column: ColumnDefinition): Encoder {
  switch (column.part) {
    case 'value':
      if (field.type === 'list') return (v) => (v === undefined ? null : JSON.stringify(v));
      return (v) => (v === undefined ? null : (v as string | number));
    case 'number':
      if (field.type === 'datetime') return (v) => (typeof v === 'string' ? Date.parse(v) : null);
      return (v) => (typeof v === 'string' ? ipv4ToNumber(v) : null);
    case 'rank':
      return (v) => (typeof v === 'string' ? (severityRank(v) ?? null) : null);
    case 'lat':
      return (v) => (Array.isArray(v) ? (v[0] as number) : null);
    case 'lon':
      return (v) => (Array.isArray(v) ? (v[1] as number) : null);
  }
}

/** Per catalog position, the encoders of its columns, in EVENT_COLUMNS order. */
const ENCODERS: readonly (readonly Encoder[])[] = FIELD_CATALOG.map((field) => columnsOf(field).map((column) => encoderFor(field, column)));

/** Column values of one event, in EVENT_COLUMNS order, from catalog-ordered token slots. */
export function encodeTokens(tokens: readonly (TokenValue | undefined)[], into: SqlValue[] = []): SqlValue[] {
  let k = 0;
  for (let i = 0; i < ENCODERS.length; i++) {
    const encoders = ENCODERS[i] ?? [];
    const value = tokens[i];
    for (const encode of encoders) into[k++] = value === undefined ? null : encode(value);
  }
  into.length = k;
  return into;
}

/** A stored row back to the normalized event contract (design.md §3), in catalog order. */
export function decodeRow(row: Readonly<Record<string, unknown>>): Record<string, TokenValue> {
  const event: Record<string, TokenValue> = {};
  for (const field of FIELD_CATALOG) {
    const name = field.name;
    switch (field.type) {
      case 'datetime': {
        const ms = row[name];
        if (typeof ms === 'number') event[name] = new Date(ms).toISOString();
        break;
      }
      case 'list': {
        const json = row[name];
        if (typeof json === 'string') event[name] = JSON.parse(json) as string[];
        break;
      }
      case 'coordinates': {
        const lat = row[`${name}_lat`];
        const lon = row[`${name}_lon`];
        if (typeof lat === 'number' && typeof lon === 'number') event[name] = [lat, lon];
        break;
      }
      default: {
        const value = row[name];
        if (typeof value === 'string' || typeof value === 'number') event[name] = value;
      }
    }
  }
  return event;
}
