/** Boolean structure (§5.1), lexical rules (§3) and the syntax errors around them. */
import { describe, expect, it } from 'vitest';
import { formatQuery } from '../../../../shared/qql/index.js';
import {
  and, exists, field, group, is, not, or, parseError, parseOk, str, text, vand, vnot, vor,
} from './qql-builders.js';

const a = text('a');
const b = text('b');
const c = text('c');
const d = text('d');

describe('precedence: NOT > AND > OR', () => {
  it.each([
    ['a OR b AND c', or(a, and(b, c))],
    ['a AND b OR c', or(and(a, b), c)],
    ['NOT a AND b', and(not(a), b)],
    ['NOT a OR b', or(not(a), b)],
    ['a OR NOT b AND c', or(a, and(not(b), c))],
    ['(a OR b) AND c', and(or(a, b), c)],
    ['NOT (a OR b)', not(or(a, b))],
    ['NOT(a OR b)', not(or(a, b))],
    ['NOT NOT a', not(not(a))],
    ['a OR b OR c OR d', or(a, b, c, d)],
    ['a AND (b AND c) AND d', and(a, b, c, d)],
    ['a OR (b OR c)', or(a, b, c)],
    ['((a))', a],
    ['( a  OR  b )', or(a, b)],
  ])('%s', (query, root) => {
    expect(parseOk(query).root).toEqual(root);
  });

  it('reads adjacency as AND, binding tighter than OR', () => {
    expect(parseOk('a b').root).toEqual(and(a, b));
    expect(parseOk('a b OR c d').root).toEqual(or(and(a, b), and(c, d)));
    expect(parseOk('a\tb\nc\r\nd').root).toEqual(and(a, b, c, d));
    expect(parseOk('a NOT b').root).toEqual(and(a, not(b)));
    expect(parseOk('a AND b c').root).toEqual(and(a, b, c));
    expect(parseOk('(a) (b)').root).toEqual(and(a, b));
  });

  it('takes conjunctions in any case, and writes them upper-case', () => {
    const query = parseOk('a and b or not c');
    expect(query.root).toEqual(or(and(a, b), not(c)));
    expect(formatQuery(query)).toBe('(a AND b) OR NOT c');
  });

  it('lets a conjunction run straight into a parenthesis', () => {
    expect(parseOk('a AND(b OR c)').root).toEqual(and(a, or(b, c)));
    expect(parseOk('a OR(b)').root).toEqual(or(a, b));
  });

  it('treats words that only start like conjunctions as text', () => {
    expect(parseOk('ORACLE android NOTE').root).toEqual(and(text('ORACLE'), text('android'), text('NOTE')));
    expect(parseOk('to').root).toEqual(text('to'));
  });

  it('keeps value groups to the same precedence', () => {
    const root = parseOk('action:(a OR b AND NOT c d)').root;
    const eq = (v: string): ReturnType<typeof str> => str('equals', v);
    expect(root).toEqual(field('action', 'keyword', group(vor(eq('a'), vand(eq('b'), vnot(eq('c')), eq('d'))))));
    expect(parseOk('action:((a OR b) c)').root).toEqual(field('action', 'keyword', group(vand(vor(eq('a'), eq('b')), eq('c')))));
    expect(parseOk('action:(NOT(a))').root).toEqual(field('action', 'keyword', group(vnot(eq('a')))));
    expect(parseOk('action:((a))').root).toEqual(field('action', 'keyword', is(eq('a'))));
    expect(parseOk('action:(*)').root).toEqual(field('action', 'keyword', is(exists)));
  });
});

describe('lexical rules', () => {
  it('reads colons and backslashes inside bare values literally', () => {
    expect(parseOk('processName:C:\\Windows\\cmd.exe').root).toEqual(field('processName', 'text', is(str('contains', 'C:\\Windows\\cmd.exe'))));
  });

  it('applies only \\" and \\\\ as escapes in double quotes', () => {
    expect(parseOk('"C:\\Temp"').root).toEqual(text('C:\\Temp'));
    expect(parseOk('"say \\"hi\\" \\\\ \\n"').root).toEqual(text('say "hi" \\ \\n'));
    expect(parseOk('"a\\\\"').root).toEqual(text('a\\'));
  });

  it('takes backticks raw', () => {
    expect(parseOk('command:`a "b" \\ c`').root).toEqual(field('command', 'text', is(str('exact', 'a "b" \\ c'))));
  });

  it('makes * and ? literal inside quotes', () => {
    expect(parseOk('userName:"a*b?"').root).toEqual(field('userName', 'text', is(str('contains', 'a*b?'))));
    expect(parseOk('"power*shell"').root).toEqual(text('power*shell'));
    expect(parseOk('power*shell').root).toEqual(text('power*shell', true));
    expect(parseOk('*').root).toEqual({ kind: 'all' });
  });

  it('allows whitespace around the operator', () => {
    expect(parseOk('userName : bob').root).toEqual(field('userName', 'text', is(str('contains', 'bob'))));
    expect(parseOk('destinationPort >= 80').root).toEqual(parseOk('destinationPort>=80').root);
  });

  it('matches token names in any case and answers with the catalogue spelling', () => {
    expect(formatQuery(parseOk('DESTINATIONPORT:80 eventtime>now'))).toBe('destinationPort:80 AND eventTime>now');
  });

  it('reads dotted names as ordinary names', () => {
    expect(parseError('process.name:cmd.exe')).toMatchObject({ code: 'E009', start: 0, end: 12 });
  });

  it('ends a bare value at .. only inside lists and ranges', () => {
    expect(parseOk('userName:a..b').root).toEqual(field('userName', 'text', is(str('contains', 'a..b'))));
    expect(parseOk('destinationPort:[1..5]').root).toEqual(parseOk('destinationPort:[1 .. 5]').root);
    expect(parseOk('destinationPort:[1...5]').root).toEqual(parseOk('destinationPort:[1 .. 5]').root);
    expect(parseOk('destinationPort:[1 to 5]').root).toEqual(parseOk('destinationPort:[1 .. 5]').root);
    expect(parseError('action:[x, a..b]')).toMatchObject({ code: 'E016', start: 12, end: 14, message: "Unexpected '..' at column 13" });
  });

  it('reads TO as a value outside ranges', () => {
    expect(parseOk('action:[to, TO]').root).toEqual(field('action', 'keyword', { kind: 'list', items: [str('equals', 'to'), str('equals', 'TO')] }));
    expect(parseError('destinationPort:[TO .. 5]')).toMatchObject({ code: 'E023', start: 17, end: 19 });
  });
});

describe('syntax errors', () => {
  it.each([
    ['a AND', 'E015', 2, 5, "Unexpected end of query after 'AND' at column 3"],
    ['a or ', 'E015', 2, 4, "Unexpected end of query after 'or' at column 3"],
    ['NOT', 'E015', 0, 3, "Unexpected end of query after 'NOT' at column 1"],
    ['a NOT  ', 'E015', 2, 5, "Unexpected end of query after 'NOT' at column 3"],
    ['AND a', 'E016', 0, 3, "Unexpected 'AND' at column 1"],
    ['a AND AND b', 'E016', 6, 9, "Unexpected 'AND' at column 7"],
    ['a OR OR b', 'E016', 5, 7, "Unexpected 'OR' at column 6"],
    ['NOT"x"', 'E016', 3, 6, `Unexpected '"x"' at column 4`],
    ['a"b"', 'E016', 1, 4, `Unexpected '"b"' at column 2`],
    ['(a)b', 'E016', 3, 4, "Unexpected 'b' at column 4"],
    ['a ,', 'E016', 2, 3, "Unexpected ',' at column 3"],
    ['(a AND )', 'E016', 7, 8, "Unexpected ')' at column 8"],
    ['NOT )', 'E004', 4, 5, 'Unbalanced parentheses: the ) at column 5 has no matching ('],
    [')', 'E004', 0, 1, 'Unbalanced parentheses: the ) at column 1 has no matching ('],
    ['a ]', 'E006', 2, 3, 'Unbalanced brackets: the ] at column 3 has no matching ['],
    ['(a]', 'E006', 2, 3, 'Unbalanced brackets: the ] at column 3 has no matching ['],
    ['((a)', 'E003', 0, 1, 'Unbalanced parentheses: the ( at column 1 is never closed'],
    ['()', 'E027', 0, 2, 'Empty group at column 1'],
    ['( )', 'E027', 0, 3, 'Empty group at column 1'],
    ['a "b', 'E001', 2, 4, 'Unterminated string: the " at column 3 has no closing quote'],
    ['`x`', 'E016', 0, 3, "Unexpected '`x`' at column 1"],
    ['"', 'E001', 0, 1, 'Unterminated string: the " at column 1 has no closing quote'],
    ['""', 'E016', 0, 2, `Unexpected '""' at column 1`],
    ['{a}', 'E028', 0, 1, "Nested groups with '{' at column 1 are not supported"],
    ['!a', 'E016', 0, 2, "Unexpected '!a' at column 1"],
    ['userName==bob', 'E022', 8, 10, "Unsupported operator '==' at column 9"],
    ['userName=', 'E007', 9, 9, "Missing value after 'userName=' at column 10"],
    ['(userName:)', 'E007', 10, 10, "Missing value after 'userName:' at column 11"],
    ['userName:=a', 'E016', 9, 10, "Unexpected '=' at column 10"],
    ['userName=[a]', 'E016', 9, 10, "Unexpected '[' at column 10"],
    ['userName:[a b]', 'E016', 12, 13, "Unexpected 'b' at column 13"],
    ['userName:[a,]', 'E016', 12, 13, "Unexpected ']' at column 13"],
    ['userName:[a)', 'E016', 11, 12, "Unexpected ')' at column 12"],
    ['userName:(a', 'E003', 9, 10, 'Unbalanced parentheses: the ( at column 10 is never closed'],
    ['userName:(a OR )', 'E016', 15, 16, "Unexpected ')' at column 16"],
    ['userName:(OR a)', 'E016', 10, 12, "Unexpected 'OR' at column 11"],
    ['userName:(a NOT)', 'E016', 15, 16, "Unexpected ')' at column 16"],
    ['userName:[a, or]', 'E023', 13, 15, "'or' at column 14 is a reserved word; put it in quotes to search for it"],
    ['userName:NOT', 'E023', 9, 12, "'NOT' at column 10 is a reserved word; put it in quotes to search for it"],
    ['destinationPort:[1 .. 2', 'E005', 16, 17, 'Unbalanced brackets: the [ at column 17 is never closed'],
    ['destinationPort:(1 .. 2', 'E003', 16, 17, 'Unbalanced parentheses: the ( at column 17 is never closed'],
    ['destinationPort:[1 .. ]', 'E016', 22, 23, "Unexpected ']' at column 23"],
    ['destinationPort:[1 .. 2 3]', 'E016', 24, 25, "Unexpected '3' at column 25"],
    ['x:{', 'E028', 2, 3, "Nested groups with '{' at column 3 are not supported"],
    ['a\u007f', 'E024', 1, 2, 'Invalid character U+007F at column 2'],
    ['😀 "a', 'E001', 2, 4, 'Unterminated string: the " at column 3 has no closing quote'],
  ])('%j → %s', (query, code, start, end, message) => {
    expect(parseError(query)).toMatchObject({ code, start, end, message });
  });

  it('checks length, then characters, then syntax, then the catalogue', () => {
    expect(parseError(`\u0001${'a'.repeat(4000)}`).code).toBe('E017');
    expect(parseError('dstPort:1 \u0001').code).toBe('E024');
    expect(parseError('dstPort:1 AND').code).toBe('E015');
    expect(parseError('process:{x}').code).toBe('E028');
    expect(parseError('dstPort:abc destinationPort:abc').code).toBe('E009');
    expect(parseError('destinationPort:abc dstPort:1').code).toBe('E010');
  });

  it('counts positions in code points', () => {
    expect(parseError('😀😀 userName:""')).toMatchObject({ code: 'E008', start: 12, end: 14, message: "Empty value for 'userName' at column 13" });
  });

  it('shortens long values in messages to 40 code points', () => {
    const long = `${'x'.repeat(50)}:y`;
    expect(parseError(`-${long}`).message).toBe(`Free text '-${'x'.repeat(38)}…' at column 1 contains ':'`);
  });
});
