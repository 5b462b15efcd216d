/**
 * QQL errors (qql.md §7). `start`/`end` are 0-based code-point offsets of the offending span,
 * half-open; `{col}` in a message is `start + 1`.
 */

export type QqlErrorCode =
  | 'E001' | 'E002' | 'E003' | 'E004' | 'E005' | 'E006' | 'E007' | 'E008' | 'E009' | 'E010'
  | 'E011' | 'E012' | 'E013' | 'E014' | 'E015' | 'E016' | 'E017' | 'E018' | 'E019' | 'E020'
  | 'E021' | 'E022' | 'E023' | 'E024' | 'E025' | 'E026' | 'E027' | 'E028' | 'E029';

export interface QqlError {
  readonly code: QqlErrorCode;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly hint?: string;
}

/** Thrown inside the parser only; `parseQuery` turns it into a result and never lets it escape. */
export class QqlFailure extends Error {
  readonly error: QqlError;

  constructor(error: QqlError) {
    super(error.message);
    this.name = 'QqlFailure';
    this.error = error;
  }
}

const SHOWN_LIMIT = 40;

/** `{value}`/`{text}` as shown in messages: at most 40 code points, the last one `…` when cut. */
export function shown(text: string): string {
  const points = Array.from(text);
  return points.length <= SHOWN_LIMIT ? text : `${points.slice(0, SHOWN_LIMIT - 1).join('')}…`;
}

function failure(code: QqlErrorCode, start: number, end: number, message: string, hint?: string): QqlFailure {
  return new QqlFailure(hint === undefined ? { code, message, start, end } : { code, message, start, end, hint });
}

function orList(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1] ?? ''}`;
}

/** One constructor per error of the §7 table; each returns the failure to throw. */
export const qqlErrors = {
  unterminatedQuote: (start: number, end: number) => failure('E001', start, end,
    `Unterminated string: the " at column ${start + 1} has no closing quote`,
    'A backslash escapes the next quote; write \\\\ for a backslash, or use backticks.'),
  unterminatedBacktick: (start: number, end: number) => failure('E002', start, end,
    `Unterminated string: the \` at column ${start + 1} has no closing backtick`),
  unclosedParen: (start: number) => failure('E003', start, start + 1,
    `Unbalanced parentheses: the ( at column ${start + 1} is never closed`),
  unopenedParen: (start: number) => failure('E004', start, start + 1,
    `Unbalanced parentheses: the ) at column ${start + 1} has no matching (`),
  unclosedBracket: (start: number) => failure('E005', start, start + 1,
    `Unbalanced brackets: the [ at column ${start + 1} is never closed`),
  unopenedBracket: (start: number) => failure('E006', start, start + 1,
    `Unbalanced brackets: the ] at column ${start + 1} has no matching [`),
  missingValue: (at: number, written: string) => failure('E007', at, at,
    `Missing value after '${shown(written)}' at column ${at + 1}`),
  emptyValue: (start: number, end: number, token: string) => failure('E008', start, end,
    `Empty value for '${token}' at column ${start + 1}`, `NOT ${token}:* finds events without it.`),
  unknownToken: (start: number, end: number, name: string, suggestions: readonly string[]) => failure('E009', start, end,
    `Unknown token '${shown(name)}' at column ${start + 1}${suggestions.length > 0 ? `. Did you mean ${orList(suggestions)}?` : ''}`,
    suggestions.length > 0 ? undefined : "Quote text that contains ':' to search for it."),
  notInteger: (start: number, end: number, value: string, token: string, min: number, max: number) => failure('E010', start, end,
    `'${shown(value)}' at column ${start + 1} is not a valid whole number for '${token}' (${min} to ${max})`),
  notIpv4: (start: number, end: number, value: string, token: string) => failure('E011', start, end,
    `'${shown(value)}' at column ${start + 1} is not a valid IPv4 address, CIDR block or pattern for '${token}'`),
  notDate: (start: number, end: number, value: string, token: string) => failure('E012', start, end,
    `'${shown(value)}' at column ${start + 1} is not a valid date for '${token}'`),
  operatorOnText: (start: number, end: number, op: string, token: string, type = 'text') => failure('E013', start, end,
    `Operator '${op}' at column ${start + 1} cannot be used with ${type} token '${token}'`),
  wildcardsOnType: (start: number, end: number, type: string, token: string) => failure('E014', start, end,
    `Wildcards at column ${start + 1} cannot be used with ${type} token '${token}'`),
  endAfter: (start: number, end: number, word: string) => failure('E015', start, end,
    `Unexpected end of query after '${word}' at column ${start + 1}`),
  unexpected: (start: number, end: number, text: string, hint?: string) => failure('E016', start, end,
    `Unexpected '${shown(text)}' at column ${start + 1}`, hint),
  tooLong: (start: number, end: number, length: number, limit: number) => failure('E017', start, end,
    `Query is too long: ${length} characters (limit ${limit})`),
  tooDeep: (start: number, end: number, limit: number) => failure('E018', start, end,
    `Nesting is too deep at column ${start + 1} (limit ${limit} levels)`),
  tooManyValues: (start: number, end: number, count: number, limit: number) => failure('E019', start, end,
    `Query has too many values: ${count} (limit ${limit})`),
  emptyRange: (start: number, end: number, token: string, lo: string, hi: string) => failure('E020', start, end,
    `Empty range for '${token}' at column ${start + 1}: ${shown(lo)} is after ${shown(hi)}`),
  cidrPrefix: (start: number, end: number, prefix: string) => failure('E021', start, end,
    `CIDR prefix '/${shown(prefix)}' at column ${start + 1} must be between 0 and 32`),
  unsupportedOperator: (start: number, end: number, op: string) => failure('E022', start, end,
    `Unsupported operator '${op}' at column ${start + 1}`, 'Write NOT token=value.'),
  reservedWord: (start: number, end: number, word: string) => failure('E023', start, end,
    `'${word}' at column ${start + 1} is a reserved word; put it in quotes to search for it`),
  invalidCharacter: (start: number, codePoint: number) => failure('E024', start, start + 1,
    `Invalid character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at column ${start + 1}`),
  relativeNeedsComparison: (start: number, end: number, value: string) => failure('E025', start, end,
    `Relative date '${shown(value)}' at column ${start + 1} needs a comparison or range`),
  colonInFreeText: (start: number, end: number, text: string) => failure('E026', start, end,
    `Free text '${shown(text)}' at column ${start + 1} contains ':'`,
    'Quote it to search for that text, or check the token name.'),
  emptyGroup: (start: number, end: number) => failure('E027', start, end, `Empty group at column ${start + 1}`),
  emptyList: (start: number, end: number) => failure('E027', start, end, `Empty list at column ${start + 1}`),
  braces: (start: number) => failure('E028', start, start + 1,
    `Nested groups with '{' at column ${start + 1} are not supported`,
    'Write parent.child:value, or quote a value that contains braces.'),
  dateOutOfRange: (start: number, end: number, value: string) => failure('E029', start, end,
    `Date '${shown(value)}' at column ${start + 1} is out of range`),
} as const;
