/**
 * QQL syntax tree → one SQL WHERE fragment with bound parameters (qql.md §6). SQL text is built only
 * from fixed fragments and catalogue column names; every value of the query is a parameter.
 */
import { FIELD_CATALOG, findField } from '../../../shared/catalog/field-catalog.js';
import type { MatchMode, OrderedValue, QqlExpr, QqlField, QqlQuery, QqlValue, QqlValueExpr } from '../../../shared/qql/index.js';
import { orderedSpan } from '../../../shared/qql/index.js';
import type { SqlValue } from '../store/event-columns.js';
import { filterColumn, quoteIdentifier } from '../store/event-columns.js';

export interface CompiledQuery {
  /** a boolean SQL expression over the `events` table (aliased `e`) */
  readonly where: string;
  readonly params: readonly SqlValue[];
}

const FULL_TEXT_COLUMNS = FIELD_CATALOG.filter((f) => f.fullText).map((f) => f.name);
/** trigram matching needs three characters; shorter free text falls back to LIKE over the same columns */
const TRIGRAM = 3;

export function compileQuery(query: QqlQuery): CompiledQuery {
  const params: SqlValue[] = [];
  const where = query.root === null ? '1' : expression(query.root, params);
  return { where, params };
}

function expression(expr: QqlExpr, params: SqlValue[]): string {
  switch (expr.kind) {
    case 'and':
      return `(${expr.items.map((item) => expression(item, params)).join(' AND ')})`;
    case 'or':
      return `(${expr.items.map((item) => expression(item, params)).join(' OR ')})`;
    case 'not':
      return `((${expression(expr.item, params)}) IS NOT 1)`;
    case 'all':
      return '1';
    case 'text':
      return freeText(expr.value, expr.wildcards, params);
    case 'field':
      return field(expr, params);
  }
}

function column(name: string): string {
  return `e.${quoteIdentifier(name)}`;
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function wildcardPattern(value: string): string {
  return likeEscape(value).replace(/\*/g, '%').replace(/\?/g, '_');
}

function freeText(value: string, wildcards: boolean, params: SqlValue[]): string {
  if (!wildcards && Array.from(value).length >= TRIGRAM) {
    params.push(`"${value.replace(/"/g, '""')}"`);
    return 'e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';
  }
  const pattern = `%${wildcards ? wildcardPattern(value) : likeEscape(value)}%`;
  return `(${FULL_TEXT_COLUMNS.map((name) => {
    params.push(pattern);
    return `${column(name)} LIKE ? ESCAPE '\\'`;
  }).join(' OR ')})`;
}

function field(expr: QqlField, params: SqlValue[]): string {
  const { test } = expr;
  const target = expr.token === 'raw' ? column('raw') : column(filterColumnOf(expr.token));
  switch (test.kind) {
    case 'is':
      return value(expr, target, test.value, params);
    case 'list':
      return `(${test.items.map((item) => value(expr, target, item, params)).join(' OR ')})`;
    case 'group':
      return valueExpression(expr, target, test.expr, params);
    case 'compare': {
      const { first, last } = orderedSpan(test.value);
      switch (test.op) {
        case '>':
          params.push(last);
          return `${target} > ?`;
        case '>=':
          params.push(first);
          return `${target} >= ?`;
        case '<':
          params.push(first);
          return `${target} < ?`;
        case '<=':
          params.push(last);
          return `${target} <= ?`;
      }
      break;
    }
    case 'range': {
      const parts: string[] = [];
      if (test.lower !== null) {
        const { first, last } = orderedSpan(test.lower.value);
        params.push(test.lower.inclusive ? first : last);
        parts.push(`${target} ${test.lower.inclusive ? '>=' : '>'} ?`);
      }
      if (test.upper !== null) {
        const { first, last } = orderedSpan(test.upper.value);
        params.push(test.upper.inclusive ? last : first);
        parts.push(`${target} ${test.upper.inclusive ? '<=' : '<'} ?`);
      }
      return parts.length === 0 ? `${target} IS NOT NULL` : `(${parts.join(' AND ')})`;
    }
  }
  throw new Error('unreachable');
}

function filterColumnOf(token: string): string {
  const definition = findField(token);
  if (definition === undefined) throw new Error(`not a catalogue token: ${token}`);
  return filterColumn(definition);
}

function valueExpression(expr: QqlField, target: string, node: QqlValueExpr, params: SqlValue[]): string {
  switch (node.kind) {
    case 'and':
      return `(${node.items.map((item) => valueExpression(expr, target, item, params)).join(' AND ')})`;
    case 'or':
      return `(${node.items.map((item) => valueExpression(expr, target, item, params)).join(' OR ')})`;
    case 'not':
      return `((${valueExpression(expr, target, node.item, params)}) IS NOT 1)`;
    default:
      return value(expr, target, node, params);
  }
}

function value(expr: QqlField, target: string, item: QqlValue, params: SqlValue[]): string {
  if (expr.type === 'list') return listElement(target, item, params);
  if (item.kind === 'exists') {
    return expr.type === 'text' || expr.type === 'keyword' ? `(${target} IS NOT NULL AND ${target} <> '')` : `${target} IS NOT NULL`;
  }
  if (item.kind === 'string') return stringMatch(target, item.mode, item.value, params);
  return orderedEquals(target, item, params);
}

function orderedEquals(target: string, item: OrderedValue, params: SqlValue[]): string {
  const { first, last } = orderedSpan(item);
  if (first === last) {
    params.push(first);
    return `${target} = ?`;
  }
  params.push(first, last);
  return `(${target} >= ? AND ${target} <= ?)`;
}

function stringMatch(target: string, mode: MatchMode, text: string, params: SqlValue[]): string {
  switch (mode) {
    case 'contains':
      params.push(`%${likeEscape(text)}%`);
      return `${target} LIKE ? ESCAPE '\\'`;
    case 'pattern':
      params.push(wildcardPattern(text));
      return `${target} LIKE ? ESCAPE '\\'`;
    case 'equals':
      params.push(text);
      return `${target} = ? COLLATE NOCASE`;
    case 'exact':
      params.push(text);
      return `${target} = ? COLLATE BINARY`;
  }
}

function listElement(target: string, item: QqlValue, params: SqlValue[]): string {
  if (item.kind === 'exists') return `(json_array_length(${target}) > 0)`;
  if (item.kind !== 'string') throw new Error('list elements are text');
  return `EXISTS (SELECT 1 FROM json_each(${target}) WHERE ${stringMatch('value', item.mode, item.value, params)})`;
}
