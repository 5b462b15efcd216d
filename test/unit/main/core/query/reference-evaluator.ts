/**
 * A small reference evaluator of QQL over normalized events held in memory, written from qql.md §5
 * independently of the SQL compiler: the property test runs both and compares.
 */
import { FIELD_CATALOG } from '../../../../../shared/catalog/field-catalog.js';
import { severityRank } from '../../../../../shared/catalog/severity.js';
import type { TokenValue } from '../../../../../shared/model/normalized-event.js';
import type { MatchMode, OrderedValue, QqlExpr, QqlField, QqlValue, QqlValueExpr } from '../../../../../shared/qql/index.js';
import { orderedSpan } from '../../../../../shared/qql/index.js';

export type StoredEvent = Readonly<Record<string, TokenValue>> & { readonly raw?: string };

const FULL_TEXT = FIELD_CATALOG.filter((f) => f.fullText).map((f) => f.name);

/** SQLite's NOCASE and LIKE fold ASCII letters only. */
function fold(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function wildcardRegex(pattern: string): RegExp {
  const source = Array.from(pattern).map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`);
}

function matchString(stored: string, mode: MatchMode, value: string): boolean {
  switch (mode) {
    case 'contains':
      return fold(stored).includes(fold(value));
    case 'equals':
      return fold(stored) === fold(value);
    case 'exact':
      return stored === value;
    case 'pattern':
      return wildcardRegex(fold(value)).test(fold(stored));
  }
}

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function orderedNumber(field: QqlField, value: TokenValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  switch (field.type) {
    case 'integer':
      return value as number;
    case 'ipv4':
      return ipv4Number(value as string);
    case 'datetime':
      return Date.parse(value as string);
    case 'severity':
      return severityRank(value as string);
    default:
      return undefined;
  }
}

function valueMatches(field: QqlField, stored: TokenValue | undefined, value: QqlValue): boolean {
  if (value.kind === 'exists') {
    if (stored === undefined) return false;
    if (Array.isArray(stored)) return stored.length > 0;
    return stored !== '';
  }
  if (value.kind === 'string') {
    if (stored === undefined) return false;
    if (Array.isArray(stored)) return (stored as readonly unknown[]).some((element) => typeof element === 'string' && matchString(element, value.mode, value.value));
    return matchString(String(stored), value.mode, value.value);
  }
  const n = orderedNumber(field, stored);
  if (n === undefined) return false;
  const { first, last } = orderedSpan(value);
  return n >= first && n <= last;
}

function valueExpr(field: QqlField, stored: TokenValue | undefined, node: QqlValueExpr): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((item) => valueExpr(field, stored, item));
    case 'or':
      return node.items.some((item) => valueExpr(field, stored, item));
    case 'not':
      return !valueExpr(field, stored, node.item);
    default:
      return valueMatches(field, stored, node);
  }
}

function compare(n: number, op: string, value: OrderedValue): boolean {
  const { first, last } = orderedSpan(value);
  switch (op) {
    case '>':
      return n > last;
    case '>=':
      return n >= first;
    case '<':
      return n < first;
    default:
      return n <= last;
  }
}

function fieldMatches(field: QqlField, event: StoredEvent): boolean {
  const stored = field.token === 'raw' ? event.raw : event[field.token];
  const { test } = field;
  switch (test.kind) {
    case 'is':
      return valueMatches(field, stored, test.value);
    case 'list':
      return test.items.some((item) => valueMatches(field, stored, item));
    case 'group':
      return valueExpr(field, stored, test.expr);
    case 'compare': {
      const n = orderedNumber(field, stored);
      return n !== undefined && compare(n, test.op, test.value);
    }
    case 'range': {
      const n = orderedNumber(field, stored);
      if (n === undefined) return false;
      const lower = test.lower === null || (test.lower.inclusive ? n >= orderedSpan(test.lower.value).first : n > orderedSpan(test.lower.value).last);
      const upper = test.upper === null || (test.upper.inclusive ? n <= orderedSpan(test.upper.value).last : n < orderedSpan(test.upper.value).first);
      return lower && upper;
    }
  }
}

export function evaluate(expr: QqlExpr | null, event: StoredEvent): boolean {
  if (expr === null) return true;
  switch (expr.kind) {
    case 'and':
      return expr.items.every((item) => evaluate(item, event));
    case 'or':
      return expr.items.some((item) => evaluate(item, event));
    case 'not':
      return !evaluate(expr.item, event);
    case 'all':
      return true;
    case 'text': {
      const needle = expr.wildcards ? undefined : fold(expr.value);
      const regex = expr.wildcards ? wildcardRegex(`*${fold(expr.value)}*`) : undefined;
      return FULL_TEXT.some((name) => {
        const stored = event[name];
        if (typeof stored !== 'string') return false;
        return needle !== undefined ? fold(stored).includes(needle) : (regex?.test(fold(stored)) ?? false);
      });
    }
    case 'field':
      return fieldMatches(expr, event);
  }
}
