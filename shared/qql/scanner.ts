/**
 * The QQL lexer (qql.md §3), as primitives over the query's code points. Which lexical rule applies
 * depends on where the parser is (a bare value ends at `..` only inside a list or range; `TO` is a
 * word only there), so the parser asks for one lexeme at a time instead of receiving a token stream.
 * Every primitive looks only forward from its start and returns where it stopped, so each code point
 * is read a bounded number of times and the whole parse stays linear.
 */

export type Comparison = '<' | '<=' | '>' | '>=';
export type FieldOperator = ':' | '=' | Comparison;
/** `!=` and `==` are recognised only to be rejected (E022). */
export type WrittenOperator = FieldOperator | '!=' | '==';

export type Keyword = 'AND' | 'OR' | 'NOT' | 'TO';

const WHITE = new Set([' ', '\t', '\r', '\n']);
const BARE_STOP = new Set([' ', '\t', '\r', '\n', '(', ')', '[', ']', '{', '}', ',', '"', '`']);
/** a bare value may not start with these (they start operators) */
export const NOT_BARE_START: ReadonlySet<string> = new Set(['<', '>', '=', ':', '!']);

export function isWhite(c: string | undefined): boolean {
  return c !== undefined && WHITE.has(c);
}

/** true where a bare value ends: end of input, whitespace, a bracket, a comma or a quote */
export function endsBare(c: string | undefined): boolean {
  return c === undefined || BARE_STOP.has(c);
}

export function isWildcard(c: string): boolean {
  return c === '*' || c === '?';
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** a value made only of `*`: the existence test (§5.3, §5.8) */
export function isAllStars(text: string): boolean {
  return /^\*+$/.test(text);
}

export function reservedWord(text: string): 'AND' | 'OR' | 'NOT' | undefined {
  const upper = text.toUpperCase();
  return upper === 'AND' || upper === 'OR' || upper === 'NOT' ? upper : undefined;
}

function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z_]$/.test(c);
}

function isIdentPart(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z0-9_]$/.test(c);
}

export interface QuotedLexeme {
  /** one past the closing quote, or the end of input when unterminated */
  readonly end: number;
  readonly value: string;
  readonly closed: boolean;
}

export class Scanner {
  readonly points: readonly string[];

  constructor(points: readonly string[]) {
    this.points = points;
  }

  get length(): number {
    return this.points.length;
  }

  at(i: number): string | undefined {
    return this.points[i];
  }

  text(start: number, end: number): string {
    return this.points.slice(start, end).join('');
  }

  skipWhite(i: number): number {
    let j = i;
    while (isWhite(this.points[j])) j++;
    return j;
  }

  /** `..` at i (the range separator, which also ends a bare value inside lists and ranges) */
  dotsAt(i: number): boolean {
    return this.points[i] === '.' && this.points[i + 1] === '.';
  }

  /** End of the bare run starting at i (i itself when none). */
  bareEnd(i: number, stopAtDots: boolean): number {
    let j = i;
    while (!endsBare(this.points[j]) && !(stopAtDots && this.dotsAt(j))) j++;
    return j;
  }

  /** `"…"` starting at i: `\"` is a quote, `\\` a backslash, any other backslash literal. */
  doubleQuoted(i: number): QuotedLexeme {
    const out: string[] = [];
    let j = i + 1;
    for (;;) {
      const c = this.points[j];
      if (c === undefined) return { end: j, value: out.join(''), closed: false };
      if (c === '"') return { end: j + 1, value: out.join(''), closed: true };
      const next = this.points[j + 1];
      if (c === '\\' && (next === '"' || next === '\\')) {
        out.push(next);
        j += 2;
      } else {
        out.push(c);
        j++;
      }
    }
  }

  /** `` `…` `` starting at i: raw, no escapes. */
  backticked(i: number): QuotedLexeme {
    let j = i + 1;
    while (this.points[j] !== undefined && this.points[j] !== '`') j++;
    const closed = this.points[j] === '`';
    return { end: closed ? j + 1 : j, value: this.text(i + 1, j), closed };
  }

  /** End of a token name (`ident { "." ident }`) starting at i, or i when there is none. */
  nameEnd(i: number): number {
    if (!isIdentStart(this.points[i])) return i;
    let j = i + 1;
    for (;;) {
      while (isIdentPart(this.points[j])) j++;
      if (this.points[j] === '.' && isIdentStart(this.points[j + 1])) j += 2;
      else return j;
    }
  }

  operatorAt(i: number): WrittenOperator | undefined {
    const c = this.points[i];
    const next = this.points[i + 1];
    switch (c) {
      case ':':
        return ':';
      case '=':
        return next === '=' ? '==' : '=';
      case '<':
        return next === '=' ? '<=' : '<';
      case '>':
        return next === '=' ? '>=' : '>';
      case '!':
        return next === '=' ? '!=' : undefined;
      default:
        return undefined;
    }
  }

  /** The reserved word at i when it is a whole bare run (any case). `TO` only when asked for. */
  keywordAt(i: number, withTo = false): Keyword | undefined {
    for (const word of withTo ? ['AND', 'OR', 'NOT', 'TO'] as const : ['AND', 'OR', 'NOT'] as const) {
      let matches = endsBare(this.points[i + word.length]);
      for (let k = 0; matches && k < word.length; k++) matches = this.points[i + k]?.toUpperCase() === word[k];
      if (matches) return word;
    }
    return undefined;
  }

  /** Range separator at i: `...`, `..` or the word `TO`; its length, or 0. */
  separatorAt(i: number): number {
    if (this.dotsAt(i)) return this.points[i + 2] === '.' ? 3 : 2;
    return this.keywordAt(i, true) === 'TO' ? 2 : 0;
  }

  /** End of the lexeme at i, for quoting it in an "Unexpected" message (quotes must be closed). */
  lexemeEnd(i: number, stopAtDots: boolean): number {
    const c = this.points[i];
    if (c === undefined) return i;
    if (c === '"') return this.doubleQuoted(i).end;
    if (c === '`') return this.backticked(i).end;
    if (stopAtDots && this.dotsAt(i)) return i + this.separatorAt(i);
    const op = this.operatorAt(i);
    if (op !== undefined) return i + op.length;
    const end = this.bareEnd(i, stopAtDots);
    return end > i ? end : i + 1;
  }
}
