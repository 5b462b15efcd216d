/**
 * Phase two of parsing: catalogue and type checks, left to right (qql.md §7 order), turning the
 * syntax tree into the AST. Throws QqlFailure on the first problem.
 */
import { SEVERITY_LABELS, severityRank } from '../catalog/severity.js';
import type {
  MatchMode, OrderedValue, QqlExpr, QqlField, QqlQuery, QqlTest, QqlValue, QqlValueExpr, RangeBound,
} from './ast.js';
import { orderedSpan } from './ast.js';
import { parseDate, resolveDate } from './datetime-value.js';
import { suggestTokens } from './did-you-mean.js';
import { qqlErrors } from './errors.js';
import { lastAddress, parseIpv4 } from './ipv4-value.js';
import { hasWildcard, isAllStars } from './scanner.js';
import type { SynExpr, SynField, SynFree, SynRange, SynScalar, SynSpan, SynValueExpr } from './syntax-tree.js';
import type { DisplayZone } from './time-zone.js';
import type { QqlToken } from './tokens.js';
import { integerRange, resolveToken } from './tokens.js';

export interface ResolveContext {
  /** UTC milliseconds that relative dates count from */
  readonly now: number;
  readonly zone: DisplayZone;
}

const EXISTS: QqlValue = { kind: 'exists' };

export function resolveQuery(syntax: SynExpr | null, context: ResolveContext): QqlQuery {
  return { kind: 'query', root: syntax === null ? null : new Resolver(context).expr(syntax) };
}

function flatten<T extends { readonly kind: string }>(kind: string, items: readonly T[], children: (item: T) => readonly T[] | undefined): T[] {
  return items.flatMap((item) => (item.kind === kind ? children(item) ?? [item] : [item]));
}

function isOrdered(token: QqlToken): boolean {
  return token.type === 'integer' || token.type === 'ipv4' || token.type === 'datetime' || token.type === 'severity';
}

/** the word E013 uses for a type that has no order */
function unorderedWord(token: QqlToken): string {
  return token.type === 'coordinates' ? 'coordinates' : 'text';
}

function isExistsScalar(scalar: SynScalar): boolean {
  return scalar.quote === 'bare' && isAllStars(scalar.text);
}

class Resolver {
  private readonly context: ResolveContext;

  constructor(context: ResolveContext) {
    this.context = context;
  }

  expr(node: SynExpr): QqlExpr {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const items = flatten<QqlExpr>(node.kind, node.items.map((item) => this.expr(item)), (item) => ('items' in item ? item.items : undefined));
        return node.kind === 'and' ? { kind: 'and', items } : { kind: 'or', items };
      }
      case 'not':
        return { kind: 'not', item: this.expr(node.item) };
      case 'free':
        return freeText(node);
      case 'field':
        return this.field(node);
    }
  }

  private field(node: SynField): QqlField {
    const token = resolveToken(node.name);
    if (token === undefined) {
      throw qqlErrors.unknownToken(node.nameSpan.start, node.nameSpan.end, node.name, suggestTokens(node.name));
    }
    return { kind: 'field', token: token.name, type: token.type, test: this.test(token, node) };
  }

  private test(token: QqlToken, node: SynField): QqlTest {
    if (node.op !== ':' && node.op !== '=') {
      if (!isOrdered(token)) throw this.unordered(token, node.opSpan, node.op);
      return { kind: 'compare', op: node.op, value: this.ordered(token, node.match, true) };
    }
    const match = node.match;
    if (token.type === 'coordinates' && !(match.kind === 'scalar' && isExistsScalar(match))) {
      throw this.unordered(token, node.opSpan, node.op);
    }
    switch (match.kind) {
      case 'scalar':
        return { kind: 'is', value: this.value(token, match, node.op) };
      case 'list':
        return { kind: 'list', items: match.items.map((item) => this.value(token, item, ':')) };
      case 'group': {
        const expr = this.valueExpr(token, match.expr);
        return expr.kind === 'and' || expr.kind === 'or' || expr.kind === 'not' ? { kind: 'group', expr } : { kind: 'is', value: expr };
      }
      case 'range':
        return this.range(token, match);
    }
  }

  private range(token: QqlToken, range: SynRange): QqlTest {
    if (!isOrdered(token)) throw this.unordered(token, range, 'range');
    const bound = (scalar: SynScalar | null, inclusive: boolean): RangeBound | null =>
      scalar === null ? null : { value: this.ordered(token, scalar, true), inclusive };
    const lower = bound(range.lower, range.lowerInclusive);
    const upper = bound(range.upper, range.upperInclusive);
    if (lower !== null && upper !== null && range.lower !== null && range.upper !== null
      && orderedSpan(lower.value).first > orderedSpan(upper.value).last) {
      throw qqlErrors.emptyRange(range.start, range.end, token.name, range.lower.text, range.upper.text);
    }
    return { kind: 'range', lower, upper };
  }

  private unordered(token: QqlToken, span: SynSpan, op: string): Error {
    return qqlErrors.operatorOnText(span.start, span.end, op, token.name, unorderedWord(token));
  }

  private valueExpr(token: QqlToken, node: SynValueExpr): QqlValueExpr {
    switch (node.kind) {
      case 'scalar':
        return this.value(token, node, ':');
      case 'and':
      case 'or': {
        const items = flatten<QqlValueExpr>(node.kind, node.items.map((item) => this.valueExpr(token, item)), (item) => ('items' in item ? item.items : undefined));
        return node.kind === 'and' ? { kind: 'and', items } : { kind: 'or', items };
      }
      case 'not':
        return { kind: 'not', item: this.valueExpr(token, node.item) };
    }
  }

  /** A value after `:` or `=` (directly, or as a list element or group member). */
  private value(token: QqlToken, scalar: SynScalar, op: ':' | '='): QqlValue {
    if (isExistsScalar(scalar)) return EXISTS;
    switch (token.type) {
      case 'text':
      case 'keyword':
      case 'list':
        return this.string(token, scalar, op);
      case 'coordinates':
        throw qqlErrors.operatorOnText(scalar.start, scalar.end, op, token.name, 'coordinates');
      default:
        return this.ordered(token, scalar, false);
    }
  }

  private string(token: QqlToken, scalar: SynScalar, op: ':' | '='): QqlValue {
    if (scalar.text === '') throw qqlErrors.emptyValue(scalar.start, scalar.end, token.name);
    let mode: MatchMode;
    if (scalar.quote === 'backtick') mode = 'exact';
    else if (scalar.quote === 'double') mode = op === '=' ? 'equals' : 'contains';
    else if (hasWildcard(scalar.text)) mode = 'pattern';
    else if (op === '=' || token.type !== 'text') mode = 'equals';
    else mode = 'contains';
    return { kind: 'string', mode, value: scalar.text };
  }

  /** A value of an ordered type; `relative` dates only where a comparison or range takes them. */
  private ordered(token: QqlToken, scalar: SynScalar, relative: boolean): OrderedValue {
    const { text, start, end } = scalar;
    if (text === '') throw qqlErrors.emptyValue(start, end, token.name);
    const wildcards = scalar.quote === 'bare' && hasWildcard(text);
    switch (token.type) {
      case 'integer': {
        if (wildcards) throw qqlErrors.wildcardsOnType(start, end, token.type, token.name);
        const [min, max] = integerRange(token.name);
        const digits = /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : '';
        const value = digits !== '' && digits.length <= 16 ? Number(digits) : NaN;
        if (!(value >= min && value <= max)) throw qqlErrors.notInteger(start, end, text, token.name, min, max);
        return { kind: 'integer', value };
      }
      case 'ipv4': {
        const parsed = parseIpv4(text, scalar.quote === 'bare');
        if (parsed.ok) return { kind: 'ipv4', first: parsed.block.first, last: lastAddress(parsed.block), prefix: parsed.block.prefix };
        if (parsed.problem === 'invalid') throw qqlErrors.notIpv4(start, end, text, token.name);
        const inner = scalar.quote === 'bare' ? 0 : 1;
        throw qqlErrors.cidrPrefix(start + inner + parsed.slash, end - inner, parsed.prefix);
      }
      case 'severity': {
        if (wildcards) throw qqlErrors.wildcardsOnType(start, end, token.type, token.name);
        const rank = severityRank(text);
        const label = rank === undefined ? undefined : SEVERITY_LABELS[rank - 1];
        if (rank === undefined || label === undefined) {
          throw qqlErrors.unexpected(start, end, text, `${token.name} is one of ${SEVERITY_LABELS.join(', ')}.`);
        }
        return { kind: 'severity', label, rank };
      }
      case 'datetime': {
        if (wildcards) throw qqlErrors.wildcardsOnType(start, end, token.type, token.name);
        const parsed = parseDate(text, scalar.quote !== 'bare');
        if (!parsed.ok) {
          throw parsed.problem === 'range' ? qqlErrors.dateOutOfRange(start, end, text) : qqlErrors.notDate(start, end, text, token.name);
        }
        if (parsed.expr.kind === 'relative' && !relative) throw qqlErrors.relativeNeedsComparison(start, end, text);
        const span = resolveDate(parsed.expr, this.context.now, this.context.zone);
        if (span === undefined) throw qqlErrors.dateOutOfRange(start, end, text);
        return { kind: 'datetime', date: parsed.expr, first: span.first, last: span.last };
      }
      default:
        throw this.unordered(token, scalar, '=');
    }
  }
}

function freeText(node: SynFree): QqlExpr {
  if (node.quote === 'double') return { kind: 'text', value: node.text, wildcards: false };
  if (isAllStars(node.text)) return { kind: 'all' };
  return { kind: 'text', value: node.text, wildcards: hasWildcard(node.text) };
}
