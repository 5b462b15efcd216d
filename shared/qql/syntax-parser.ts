/**
 * Phase one of parsing: the grammar of qql.md §4 by recursive descent, producing the syntax tree.
 * Recursion happens only at `(` and is refused past MAX_DEPTH before descending; stacked NOTs are
 * counted in a loop. Lookahead is bounded (one value, to tell a range from a list or group).
 */
import { MAX_DEPTH } from './limits.js';
import { qqlErrors } from './errors.js';
import type { QqlFailure } from './errors.js';
import type { Scanner, WrittenOperator } from './scanner.js';
import { NOT_BARE_START, endsBare, isWhite, reservedWord } from './scanner.js';
import type { SynExpr, SynFree, SynGroup, SynList, SynRange, SynScalar, SynSpan, SynValueExpr } from './syntax-tree.js';

interface Builders<T> {
  readonly combine: (kind: 'and' | 'or', items: T[]) => T;
  readonly negate: (item: T) => T;
}

const CLAUSES: Builders<SynExpr> = {
  combine: (kind, items) => (kind === 'and' ? { kind, items } : { kind, items }),
  negate: (item) => ({ kind: 'not', item }),
};

const VALUES: Builders<SynValueExpr> = {
  combine: (kind, items) => (kind === 'and' ? { kind, items } : { kind, items }),
  negate: (item) => ({ kind: 'not', item }),
};

/** Parses the whole query; throws QqlFailure on the first syntax error or when over the value limit. */
export function parseSyntax(scanner: Scanner, maxValues: number): SynExpr | null {
  return new SyntaxParser(scanner, maxValues).query();
}

class SyntaxParser {
  private readonly s: Scanner;
  private readonly maxValues: number;
  private pos = 0;
  private depth = 0;
  private openGroups = 0;
  private values = 0;
  private firstOverLimit: SynSpan | undefined;

  constructor(scanner: Scanner, maxValues: number) {
    this.s = scanner;
    this.maxValues = maxValues;
  }

  query(): SynExpr | null {
    const s = this.s;
    this.pos = s.skipWhite(0);
    let expr: SynExpr | null = null;
    if (this.pos < s.length) {
      expr = this.or(this.clause, CLAUSES);
      const rest = s.skipWhite(this.pos);
      if (rest < s.length) throw this.misplaced(rest);
    }
    if (this.firstOverLimit !== undefined) {
      throw qqlErrors.tooManyValues(this.firstOverLimit.start, this.firstOverLimit.end, this.values, this.maxValues);
    }
    return expr;
  }

  // ---- boolean structure, shared by clauses and value groups ----

  private or<T>(primary: () => T, build: Builders<T>): T {
    const items = [this.and(primary, build)];
    for (;;) {
      const p = this.s.skipWhite(this.pos);
      if (p === this.pos || this.s.keywordAt(p) !== 'OR') break;
      this.afterWord(p, p + 2);
      items.push(this.and(primary, build));
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : build.combine('or', items);
  }

  private and<T>(primary: () => T, build: Builders<T>): T {
    const s = this.s;
    const items = [this.not(primary, build)];
    for (;;) {
      const p = s.skipWhite(this.pos);
      if (p === this.pos || p >= s.length || s.at(p) === ')') break;
      const word = s.keywordAt(p);
      if (word === 'OR') break;
      if (word === 'AND') this.afterWord(p, p + 3);
      else this.pos = p;
      items.push(this.not(primary, build));
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : build.combine('and', items);
  }

  private not<T>(primary: () => T, build: Builders<T>): T {
    let negations = 0;
    while (this.s.keywordAt(this.pos) === 'NOT') {
      if (this.depth >= MAX_DEPTH) throw qqlErrors.tooDeep(this.pos, this.pos + 3, MAX_DEPTH);
      this.depth++;
      negations++;
      this.afterWord(this.pos, this.pos + 3);
    }
    let node = primary();
    this.depth -= negations;
    for (let i = 0; i < negations; i++) node = build.negate(node);
    return node;
  }

  /** After AND, OR or NOT at [start, end): whitespace or `(` must follow, then something to combine. */
  private afterWord(start: number, end: number): void {
    const s = this.s;
    const next = s.skipWhite(end);
    if (next >= s.length) throw qqlErrors.endAfter(start, end, s.text(start, end));
    if (!isWhite(s.at(end)) && s.at(end) !== '(') throw this.unexpected(end, false);
    this.pos = next;
  }

  private group<T>(open: number, primary: () => T, build: Builders<T>): T {
    const s = this.s;
    if (this.depth >= MAX_DEPTH) throw qqlErrors.tooDeep(open, open + 1, MAX_DEPTH);
    this.depth++;
    this.openGroups++;
    const first = s.skipWhite(open + 1);
    if (first >= s.length) throw qqlErrors.unclosedParen(open);
    if (s.at(first) === ')') throw qqlErrors.emptyGroup(open, first + 1);
    this.pos = first;
    const expr = this.or(primary, build);
    const close = s.skipWhite(this.pos);
    if (close >= s.length) throw qqlErrors.unclosedParen(open);
    if (s.at(close) !== ')') throw this.misplaced(close);
    this.pos = close + 1;
    this.depth--;
    this.openGroups--;
    return expr;
  }

  // ---- clauses ----

  private readonly clause = (): SynExpr => {
    const s = this.s;
    const start = this.pos;
    const c = s.at(start);
    if (c === '(') return this.group(start, this.clause, CLAUSES);
    if (c === '"') {
      const quoted = s.doubleQuoted(start);
      if (!quoted.closed) throw qqlErrors.unterminatedQuote(start, quoted.end);
      if (quoted.value === '') throw this.unexpected(start, false, 'An empty phrase matches nothing; remove it.');
      this.pos = quoted.end;
      return this.counted<SynFree>({ kind: 'free', quote: 'double', text: quoted.value, start, end: quoted.end });
    }
    if (c === '`') {
      throw this.unexpected(start, false, 'Backticks need a token (token:`value`); use double quotes to search all text.');
    }
    const word = s.keywordAt(start);
    if (word === 'AND' || word === 'OR') throw this.unexpected(start, false);
    const nameEnd = s.nameEnd(start);
    if (nameEnd > start) {
      const opStart = s.skipWhite(nameEnd);
      const op = s.operatorAt(opStart);
      if (op !== undefined) return this.field(start, nameEnd, opStart, op);
    }
    if (c === undefined || endsBare(c) || NOT_BARE_START.has(c)) throw this.misplaced(start);
    const end = s.bareEnd(start, false);
    const text = s.text(start, end);
    if (text.includes(':')) throw qqlErrors.colonInFreeText(start, end, text);
    this.pos = end;
    return this.counted<SynFree>({ kind: 'free', quote: 'bare', text, start, end });
  };

  private field(nameStart: number, nameEnd: number, opStart: number, op: WrittenOperator): SynExpr {
    const s = this.s;
    const opEnd = opStart + op.length;
    if (op === '!=' || op === '==') throw qqlErrors.unsupportedOperator(opStart, opEnd, op);
    const name = s.text(nameStart, nameEnd);
    const at = s.skipWhite(opEnd);
    const c = s.at(at);
    if (c === undefined || c === ')' || c === ']' || c === ',') throw qqlErrors.missingValue(opEnd, name + op);
    const base = { kind: 'field', name, nameSpan: { start: nameStart, end: nameEnd }, opSpan: { start: opStart, end: opEnd } } as const;
    if (op === ':' && c === '[') return { ...base, op, match: this.bracket(at) };
    if (op === ':' && c === '(') return { ...base, op, match: this.paren(at) };
    const match = this.counted(this.scalar(at, false));
    this.pos = match.end;
    return op === ':' ? { ...base, op, match } : { ...base, op, match };
  }

  // ---- values ----

  private scalar(at: number, inRange: boolean): SynScalar {
    const s = this.s;
    const c = s.at(at);
    if (c === '"') {
      const quoted = s.doubleQuoted(at);
      if (!quoted.closed) throw qqlErrors.unterminatedQuote(at, quoted.end);
      return { kind: 'scalar', quote: 'double', text: quoted.value, start: at, end: quoted.end };
    }
    if (c === '`') {
      const quoted = s.backticked(at);
      if (!quoted.closed) throw qqlErrors.unterminatedBacktick(at, quoted.end);
      return { kind: 'scalar', quote: 'backtick', text: quoted.value, start: at, end: quoted.end };
    }
    if (c === '{') throw qqlErrors.braces(at);
    if (endsBare(c) || NOT_BARE_START.has(c ?? '') || (inRange && s.dotsAt(at))) throw this.unexpected(at, inRange);
    const end = s.bareEnd(at, inRange);
    const text = s.text(at, end);
    if (reservedWord(text) !== undefined) throw qqlErrors.reservedWord(at, end, text);
    return { kind: 'scalar', quote: 'bare', text, start: at, end };
  }

  /** `[` after `:`: a range when the first value is followed by a separator, else a list. */
  private bracket(open: number): SynList | SynRange {
    const s = this.s;
    let at = s.skipWhite(open + 1);
    if (at >= s.length) throw qqlErrors.unclosedBracket(open);
    if (s.at(at) === ']') throw qqlErrors.emptyList(open, at + 1);
    const first = this.scalar(at, true);
    let next = s.skipWhite(first.end);
    const separator = s.separatorAt(next);
    if (separator > 0) return this.rangeRest(open, first, next + separator);
    const items = [this.counted(first)];
    for (;;) {
      const c = s.at(next);
      if (c === undefined) throw qqlErrors.unclosedBracket(open);
      if (c === ']') {
        this.pos = next + 1;
        return { kind: 'list', items, start: open, end: next + 1 };
      }
      if (c !== ',') throw this.unexpected(next, true, 'Separate list values with commas.');
      at = s.skipWhite(next + 1);
      if (at >= s.length) throw qqlErrors.unclosedBracket(open);
      const item = this.counted(this.scalar(at, true));
      items.push(item);
      next = s.skipWhite(item.end);
    }
  }

  /** `(` after `:`: a range when the first value is followed by a separator, else a value group. */
  private paren(open: number): SynRange | SynGroup {
    const s = this.s;
    const at = s.skipWhite(open + 1);
    if (at >= s.length) throw qqlErrors.unclosedParen(open);
    if (s.at(at) === ')') throw qqlErrors.emptyGroup(open, at + 1);
    const firstEnd = this.valueEndAhead(at);
    if (firstEnd !== undefined) {
      const next = s.skipWhite(firstEnd);
      const separator = s.separatorAt(next);
      if (separator > 0) return this.rangeRest(open, this.scalar(at, true), next + separator);
    }
    const expr = this.group(open, this.groupValue, VALUES);
    return { kind: 'group', expr, start: open, end: this.pos };
  }

  /** Where the value at `at` would end as a range bound, without judging it; undefined if none starts there. */
  private valueEndAhead(at: number): number | undefined {
    const s = this.s;
    const c = s.at(at);
    if (c === '"') return s.doubleQuoted(at).end;
    if (c === '`') return s.backticked(at).end;
    if (endsBare(c) || NOT_BARE_START.has(c ?? '') || s.dotsAt(at)) return undefined;
    return s.bareEnd(at, true);
  }

  private rangeRest(open: number, first: SynScalar, afterSeparator: number): SynRange {
    const s = this.s;
    const unclosed = (): QqlFailure => (s.at(open) === '[' ? qqlErrors.unclosedBracket(open) : qqlErrors.unclosedParen(open));
    const lower = this.bound(first);
    const at = s.skipWhite(afterSeparator);
    if (at >= s.length) throw unclosed();
    const last = this.scalar(at, true);
    const upper = this.bound(last);
    const close = s.skipWhite(last.end);
    const c = s.at(close);
    if (c === undefined) throw unclosed();
    if (c !== ']' && c !== ')') throw this.unexpected(close, true);
    this.pos = close + 1;
    return this.counted({
      kind: 'range', lower, upper, lowerInclusive: s.at(open) === '[', upperInclusive: c === ']', start: open, end: close + 1,
    });
  }

  /** A range bound: `*` is unbounded; `TO` is reserved inside ranges. */
  private bound(scalar: SynScalar): SynScalar | null {
    if (scalar.quote !== 'bare') return scalar;
    if (/^\*+$/.test(scalar.text)) return null;
    if (scalar.text.toUpperCase() === 'TO') throw qqlErrors.reservedWord(scalar.start, scalar.end, scalar.text);
    return scalar;
  }

  private readonly groupValue = (): SynValueExpr => {
    const s = this.s;
    const at = this.pos;
    const c = s.at(at);
    if (c === '(') return this.group(at, this.groupValue, VALUES);
    const word = s.keywordAt(at);
    if (word === 'AND' || word === 'OR') throw this.unexpected(at, false);
    if (c === ')' || c === ']') throw this.misplaced(at);
    const scalar = this.counted(this.scalar(at, false));
    this.pos = scalar.end;
    return scalar;
  };

  // ---- bookkeeping and errors ----

  private counted<T extends SynSpan>(value: T): T {
    this.values++;
    if (this.values === this.maxValues + 1) this.firstOverLimit = { start: value.start, end: value.end };
    return value;
  }

  /** Something that cannot stand where a clause or the end of a group or query was expected. */
  private misplaced(at: number): QqlFailure {
    const c = this.s.at(at);
    if (c === ')' && this.openGroups === 0) return qqlErrors.unopenedParen(at);
    if (c === ']') return qqlErrors.unopenedBracket(at);
    if (c === '{') return qqlErrors.braces(at);
    return this.unexpected(at, false);
  }

  private unexpected(at: number, inRange: boolean, hint?: string): QqlFailure {
    const s = this.s;
    const c = s.at(at);
    if (c === '"') {
      const quoted = s.doubleQuoted(at);
      if (!quoted.closed) return qqlErrors.unterminatedQuote(at, quoted.end);
    }
    if (c === '`') {
      const quoted = s.backticked(at);
      if (!quoted.closed) return qqlErrors.unterminatedBacktick(at, quoted.end);
    }
    const end = s.lexemeEnd(at, inRange);
    return qqlErrors.unexpected(at, end, s.text(at, end), hint);
  }
}
