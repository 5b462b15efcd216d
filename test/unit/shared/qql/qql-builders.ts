/** Small builders for expected QQL trees, and parse helpers with a fixed clock and zone. */
import type { FieldType } from '../../../../shared/catalog/field-catalog.js';
import type {
  Comparison, DateExpr, ExistsValue, IntegerValue, Ipv4Value, MatchMode, OrderedValue, QqlExpr, QqlField, QqlQuery, QqlTest,
  QqlValue, QqlValueExpr, RangeBound, SeverityValue, StringValue,
} from '../../../../shared/qql/index.js';
import type { ParseOptions, QqlError } from '../../../../shared/qql/index.js';
import { parseQuery } from '../../../../shared/qql/index.js';

/** Saturday 2024-06-15 12:00 UTC */
export const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);
export const OPTIONS: ParseOptions = { now: NOW, timeZone: 'UTC' };

export function parseOk(query: string, options: ParseOptions = OPTIONS): QqlQuery {
  const result = parseQuery(query, options);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(query)} to parse: ${result.error.code} ${result.error.message}`);
  return result.query;
}

export function parseError(query: string, options: ParseOptions = OPTIONS): QqlError {
  const result = parseQuery(query, options);
  if (result.ok) throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
  return result.error;
}

export const text = (value: string, wildcards = false): QqlExpr => ({ kind: 'text', value, wildcards });
export const and = (...items: QqlExpr[]): QqlExpr => ({ kind: 'and', items });
export const or = (...items: QqlExpr[]): QqlExpr => ({ kind: 'or', items });
export const not = (item: QqlExpr): QqlExpr => ({ kind: 'not', item });
export const field = (token: string, type: FieldType, test: QqlTest): QqlField => ({ kind: 'field', token, type, test });

export const is = (value: QqlValue): QqlTest => ({ kind: 'is', value });
export const list = (...items: QqlValue[]): QqlTest => ({ kind: 'list', items });
export const group = (expr: QqlValueExpr): QqlTest => ({ kind: 'group', expr });
export const compare = (op: Comparison, value: OrderedValue): QqlTest => ({ kind: 'compare', op, value });
export const range = (lower: RangeBound | null, upper: RangeBound | null): QqlTest => ({ kind: 'range', lower, upper });
export const incl = (value: OrderedValue): RangeBound => ({ value, inclusive: true });
export const excl = (value: OrderedValue): RangeBound => ({ value, inclusive: false });

export const vor = (...items: QqlValueExpr[]): QqlValueExpr => ({ kind: 'or', items });
export const vand = (...items: QqlValueExpr[]): QqlValueExpr => ({ kind: 'and', items });
export const vnot = (item: QqlValueExpr): QqlValueExpr => ({ kind: 'not', item });

export const exists: ExistsValue = { kind: 'exists' };
export const str = (mode: MatchMode, value: string): StringValue => ({ kind: 'string', mode, value });
export const int = (value: number): IntegerValue => ({ kind: 'integer', value });
export const sev = (label: SeverityValue['label'], rank: number): SeverityValue => ({ kind: 'severity', label, rank });

export function ip(dotted: string, prefix = 32): Ipv4Value {
  const first = dotted.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  return { kind: 'ipv4', first, last: first + 2 ** (32 - prefix) - 1, prefix };
}

export const date = (expr: DateExpr, first: number, last = first): OrderedValue => ({ kind: 'datetime', date: expr, first, last });
export const day = (year: number, month: number, dayOfMonth: number): DateExpr => ({ kind: 'day', year, month, day: dayOfMonth });

export function utc(iso: string): number {
  return Date.parse(iso);
}
