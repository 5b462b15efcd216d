/**
 * The canonical form of a parsed query (qql.md §5.1): upper-case conjunctions, explicit parentheses
 * around AND inside OR, catalogue spelling of token names, values bare when that reads back the same,
 * otherwise quoted. `parseQuery(formatQuery(q))` equals `q` for every `q` that parseQuery returns
 * (with the same `now` and zone); trees the parser cannot produce may not survive the trip.
 */
import type { FieldType } from '../catalog/field-catalog.js';
import type { OrderedValue, QqlExpr, QqlField, QqlQuery, QqlValue, QqlValueExpr, RangeBound, StringValue } from './ast.js';
import { formatDate } from './datetime-value.js';
import { formatIpv4 } from './ipv4-value.js';
import { backtickQuote, doubleQuote, isSafeBare, isSafeBareFreeText } from './quoting.js';

type Place = 'is' | 'list' | 'group';

export function formatQuery(query: QqlQuery): string {
  return query.root === null ? '' : formatExpr(query.root);
}

export function formatExpr(expr: QqlExpr): string {
  switch (expr.kind) {
    case 'or':
      return expr.items.map((item) => (item.kind === 'and' || item.kind === 'or' ? `(${formatExpr(item)})` : formatExpr(item))).join(' OR ');
    case 'and':
      return expr.items.map((item) => (item.kind === 'and' || item.kind === 'or' ? `(${formatExpr(item)})` : formatExpr(item))).join(' AND ');
    case 'not':
      return `NOT ${expr.item.kind === 'and' || expr.item.kind === 'or' ? `(${formatExpr(expr.item)})` : formatExpr(expr.item)}`;
    case 'all':
      return '*';
    case 'text':
      return isSafeBareFreeText(expr.value, expr.wildcards) || expr.wildcards ? expr.value : doubleQuote(expr.value);
    case 'field':
      return formatField(expr);
  }
}

function formatField(field: QqlField): string {
  const test = field.test;
  switch (test.kind) {
    case 'is': {
      const { op, text } = valueText(test.value, field.type, 'is');
      return `${field.token}${op}${text}`;
    }
    case 'list':
      return `${field.token}:[${test.items.map((item) => valueText(item, field.type, 'list').text).join(', ')}]`;
    case 'group':
      return `${field.token}:(${groupText(test.expr, field.type, true)})`;
    case 'compare':
      return `${field.token}${test.op}${orderedText(test.value)}`;
    case 'range':
      return `${field.token}:${lowerText(test.lower)} .. ${upperText(test.upper)}`;
  }
}

function lowerText(bound: RangeBound | null): string {
  return bound === null ? '[*' : `${bound.inclusive ? '[' : '('}${orderedText(bound.value)}`;
}

function upperText(bound: RangeBound | null): string {
  return bound === null ? '*]' : `${orderedText(bound.value)}${bound.inclusive ? ']' : ')'}`;
}

/**
 * `leftmost`: the value would open the group. A bare value there must not contain `..`, or the
 * group would read back as a range; a redundant pair of parentheses keeps it a value.
 */
function groupText(expr: QqlValueExpr, type: FieldType, leftmost: boolean): string {
  const nested = (item: QqlValueExpr, first: boolean): string =>
    item.kind === 'and' || item.kind === 'or' ? `(${groupText(item, type, false)})` : groupText(item, type, first);
  switch (expr.kind) {
    case 'or':
      return expr.items.map((item, i) => nested(item, leftmost && i === 0)).join(' OR ');
    case 'and':
      return expr.items.map((item, i) => nested(item, leftmost && i === 0)).join(' AND ');
    case 'not':
      return `NOT ${nested(expr.item, false)}`;
    default: {
      const text = valueText(expr, type, 'group').text;
      return leftmost && text.includes('..') && !text.startsWith('"') && !text.startsWith('`') ? `(${text})` : text;
    }
  }
}

function valueText(value: QqlValue, type: FieldType, place: Place): { op: ':' | '='; text: string } {
  switch (value.kind) {
    case 'exists':
      return { op: ':', text: '*' };
    case 'string':
      return stringText(value, type, place);
    default:
      return { op: ':', text: orderedText(value) };
  }
}

function stringText(value: StringValue, type: FieldType, place: Place): { op: ':' | '='; text: string } {
  const defaultMode = type === 'text' ? 'contains' : 'equals';
  const bare = isSafeBare(value.value, { inList: place === 'list', pattern: value.mode === 'pattern' });
  switch (value.mode) {
    case 'exact':
      return { op: ':', text: backtickQuote(value.value) ?? doubleQuote(value.value) };
    case 'pattern':
      return { op: ':', text: value.value };
    case 'contains':
      return { op: ':', text: defaultMode === 'contains' && bare ? value.value : doubleQuote(value.value) };
    case 'equals':
      if (defaultMode === 'equals' && bare) return { op: ':', text: value.value };
      // inside a list or group an any-case equality is only ever written bare, so this is not reached from parsed queries
      return { op: place === 'is' ? '=' : ':', text: bare ? value.value : doubleQuote(value.value) };
  }
}

function orderedText(value: OrderedValue): string {
  switch (value.kind) {
    case 'integer':
      return String(value.value);
    case 'ipv4':
      return formatIpv4(value);
    case 'severity':
      return value.label;
    case 'datetime':
      return formatDate(value.date);
  }
}
