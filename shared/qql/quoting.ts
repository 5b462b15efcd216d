/** When a value can be written bare, and how to quote it otherwise (the inverse of scanner.ts). */
import { NOT_BARE_START, endsBare, hasWildcard, isAllStars, reservedWord } from './scanner.js';

export interface BareContext {
  /** inside a list or range, where `..` ends a bare value */
  readonly inList: boolean;
  /** the value is a pattern: its `*` and `?` are meant as wildcards */
  readonly pattern: boolean;
}

const NAME_THEN_OPERATOR = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(:|=|<|>|!=)/;

/** true when the scanner would read `value` back as one bare value with the same meaning */
export function isSafeBare(value: string, context: BareContext): boolean {
  const points = Array.from(value);
  const first = points[0];
  if (first === undefined || NOT_BARE_START.has(first)) return false;
  for (const c of points) {
    const code = c.codePointAt(0) ?? 0;
    if (endsBare(c) || code <= 0x1f || code === 0x7f) return false;
  }
  if (context.pattern ? isAllStars(value) : hasWildcard(value)) return false;
  if (context.inList && value.includes('..')) return false;
  return reservedWord(value) === undefined;
}

/** a bare free-text term must also not read as a field expression, nor contain `:` */
export function isSafeBareFreeText(value: string, pattern: boolean): boolean {
  return isSafeBare(value, { inList: false, pattern }) && !value.includes(':') && !NAME_THEN_OPERATOR.test(value);
}

export function doubleQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** undefined when the value contains a backtick, which backticks cannot hold */
export function backtickQuote(value: string): string | undefined {
  return value.includes('`') ? undefined : `\`${value}\``;
}
