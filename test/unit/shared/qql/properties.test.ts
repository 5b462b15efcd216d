/** Property tests: the parser never throws, canonical forms round-trip, and parsing stays linear. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseOptions, ParseResult } from '../../../../shared/qql/index.js';
import { formatQuery, parseQuery } from '../../../../shared/qql/index.js';
import { OPTIONS, parseError, parseOk } from './qql-builders.js';

const UNLIMITED: ParseOptions = { ...OPTIONS, limits: { maxLength: Infinity, maxValues: Infinity } };

/** parse, and never let anything escape: the result must be a well-formed success or QQL error */
function checkedParse(query: string, options: ParseOptions = OPTIONS): ParseResult {
  const result = parseQuery(query, options);
  if (!result.ok) {
    const length = Array.from(query).length;
    expect(result.error.code).toMatch(/^E0(0[1-9]|1\d|2\d)$/);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.start).toBeGreaterThanOrEqual(0);
    expect(result.error.end).toBeGreaterThanOrEqual(result.error.start);
    expect(result.error.end).toBeLessThanOrEqual(length);
  }
  return result;
}

function expectRoundTrip(result: ParseResult): void {
  if (!result.ok) return;
  const canonical = formatQuery(result.query);
  const again = parseQuery(canonical, OPTIONS);
  if (!again.ok) throw new Error(`canonical form ${JSON.stringify(canonical)} is rejected: ${again.error.message}`);
  expect(again.query).toEqual(result.query);
  expect(formatQuery(again.query)).toBe(canonical);
}

const FRAGMENTS = [
  'a', 'bob', 'x.y', 'userName', 'USERNAME', 'destinationPort', 'eventTime', 'sourceIpv4', 'deviceSeverity', 'tags', 'action',
  'geoSourceCoordinates', 'raw', 'dstPort', ':', '=', '==', '!=', '!', '<', '<=', '>', '>=', ' ', '  ', '\t', '\n', '(', ')', '[', ']',
  '{', '}', ',', '.', '..', '...', 'TO', 'to', 'AND', 'and', 'OR', 'or', 'NOT', 'not', '"', '`', '\\', "'", ';', '--', '%', '_', '*',
  '?', '-', '+', '/', '10.0.0.1', '192.168.*', '/8', '/33', '2024-05-01', 'T08:00', 'Z', '+02:00', 'now', 'now-1d', '/d', '-7d', '443',
  '70000', '0', 'Warning', 'debug', '\u0000', '\u007f', 'é', '😀', '\u00a0',
  'userName:', 'action=', 'tags:', 'raw:', 'destinationPort:', 'externalId>=', 'sourceIpv4:', 'eventTime>', 'eventTime:',
  'deviceSeverity<=', 'deviceSeverity:', 'geoSourceCoordinates:', ' AND ', ' OR ', ' NOT ', 'NOT ', ' (', ') ', ', ', ' .. ', ' TO ',
];

const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(''));

describe('the parser never throws', () => {
  it('on arbitrary Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (query) => {
      expectRoundTrip(checkedParse(query));
    }), { numRuns: 1000 });
  });

  it('on strings made of QQL fragments, and what it accepts round-trips', () => {
    fc.assert(fc.property(soup, (query) => {
      expectRoundTrip(checkedParse(query));
    }), { numRuns: 5000 });
  });

  it('in the time zone of the tests or any other', () => {
    fc.assert(fc.property(soup, fc.constantFrom('UTC', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati'), (query, timeZone) => {
      checkedParse(query, { ...OPTIONS, timeZone });
    }), { numRuns: 1000 });
  });
});

// ---- queries built from the grammar ----

const NASTY = ["'", '"', ';', '--', '%', '_', '\\', '*', '?', ' ', 'a', 'B', '0', '.', ':', ',', '(', ')', '[', ']', '{', '}', '<', '=', '!', '`', 'é'];
const nastyText = fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

const dq = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const BARE_FIRST = ["'", ';', '-', '%', '_', '\\', '*', '?', 'a', 'Z', '7', '.', '@'];
const BARE_REST = [...BARE_FIRST, ':', '=', '<', '!', '/', '+'];
/** a bare value as the grammar allows it after `:`; `inList` forbids `..` */
const bareValue = (inList: boolean): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...BARE_FIRST), fc.array(fc.constantFrom(...BARE_REST), { maxLength: 7 }))
    .map(([first, rest]) => first + rest.join(''))
    .filter((v) => !/^(and|or|not)$/i.test(v) && !(inList && v.includes('..')));

const stringValue = (inList: boolean): fc.Arbitrary<string> => fc.oneof(
  nastyText.map(dq),
  nastyText.filter((v) => !v.includes('`')).map((v) => `\`${v}\``),
  bareValue(inList),
);

const textTokens = fc.constantFrom('userName', 'command', 'action', 'tags', 'processName', 'outcome', 'raw');
const textClause = fc.oneof(
  fc.tuple(textTokens, fc.constantFrom(':', '=', ': '), stringValue(false)).map(([t, op, v]) => `${t}${op}${v}`),
  fc.tuple(textTokens, fc.array(stringValue(true), { minLength: 1, maxLength: 4 })).map(([t, vs]) => `${t}:[${vs.join(', ')}]`),
  // a first value followed by `..` would make the parenthesis a range (§4), hence stringValue(true) there
  fc.tuple(textTokens, stringValue(true), stringValue(false), stringValue(false))
    .map(([t, a, b, c]) => `${t}:(${a} OR NOT ${b} ${c})`),
  textTokens.map((t) => `${t}:*`),
);

const port = fc.integer({ min: 0, max: 65535 });
const integerClause = fc.oneof(
  port.map((p) => `destinationPort:${p}`),
  fc.tuple(fc.constantFrom('<', '<=', '>', '>='), port).map(([op, p]) => `sourcePort${op}${p}`),
  fc.array(port, { minLength: 1, maxLength: 5 }).map((ps) => `externalId:[${ps.join(', ')}]`),
  fc.tuple(port, port, fc.constantFrom('..', '...', 'TO'), fc.constantFrom('[', '('), fc.constantFrom(']', ')'))
    .map(([a, b, sep, open, close]) => `destinationPort:${open}${Math.min(a, b)} ${sep} ${Math.max(a, b)}${close}`),
  fc.tuple(port, port).map(([a, b]) => `destinationPort:(${a} OR ${b})`),
);

const octet = fc.integer({ min: 0, max: 255 });
const address = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const ipClause = fc.oneof(
  address.map((a) => `sourceIpv4:${a}`),
  fc.tuple(address, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `destinationIpv4:${a}/${p}`),
  fc.tuple(octet, octet).map(([a, b]) => `sourceIpv4:${a}.${b}.*`),
  fc.tuple(fc.constantFrom('<', '>='), address).map(([op, a]) => `sourceIpv4${op}${a}`),
);

const severityClause = fc.tuple(
  fc.constantFrom('debug', 'Informational', 'WARNING', 'Error', 'alert'),
  fc.constantFrom(':', '=', '>', '<='),
).map(([label, op]) => `deviceSeverity${op}${label}`);

const dayText = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instantText = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 16), `${d.toISOString().slice(0, 19)}+05:30`));
const relativeText = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 400 }), fc.constantFrom('y', 'M', 'w', 'd', 'h', 'm', 's')), { maxLength: 3 }),
  fc.option(fc.constantFrom('y', 'M', 'w', 'd', 'h', 'm', 's'), { nil: undefined }),
).map(([steps, round]) => `now${steps.map(([s, n, u]) => `${s}${n}${u}`).join('')}${round === undefined ? '' : `/${round}`}`);
const dateClause = fc.oneof(
  dayText.map((d) => `eventTime:${d}`),
  fc.tuple(fc.constantFrom('<', '<=', '>', '>='), fc.oneof(dayText, instantText, relativeText)).map(([op, d]) => `eventTime${op}${d}`),
  fc.tuple(relativeText, fc.constantFrom('[', '(')).map(([d, open]) => `eventTime:${open}${d} .. *]`),
);

const freeTerm = fc.oneof(
  nastyText.map(dq),
  // a name followed by an operator starts a field expression (§3), so it is no free term
  bareValue(false).filter((v) => !v.includes(':') && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(=|<|!=)/.test(v)),
);

const clause = fc.oneof(textClause, integerClause, ipClause, severityClause, dateClause, freeTerm);

const { query: grammarQuery } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    clause,
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) (${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) AND (${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) or (${b})`),
    tie('query').map((a) => `NOT (${a})`),
    tie('query').map((a) => `not ${a}`),
  ),
}));

describe('queries built from the grammar', () => {
  it('parse, and their canonical form parses back to the same tree', () => {
    fc.assert(fc.property(grammarQuery, (query) => {
      const result = checkedParse(query);
      if (!result.ok) throw new Error(`${JSON.stringify(query)} was rejected: ${result.error.message}`);
      expectRoundTrip(result);
    }), { numRuns: 3000 });
  });

  it('keep every value out of the syntax: quotes and SQL metacharacters survive unchanged', () => {
    fc.assert(fc.property(nastyText, (value) => {
      const query = parseOk(`command:${dq(value)}`);
      expect(query.root).toEqual({ kind: 'field', token: 'command', type: 'text', test: { kind: 'is', value: { kind: 'string', mode: 'contains', value } } });
    }));
  });
});

// ---- limits and linearity ----

function bestTime(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('limits and linear time', () => {
  const clauses = 'userName:bob AND destinationPort:[80, 443] OR "x y" NOT eventTime>now-1d action:(a OR b) ';

  it('rejects a 100 KB query as too long before reading it', () => {
    const error = parseError(clauses.repeat(Math.ceil(100_000 / clauses.length)));
    expect(error.code).toBe('E017');
  });

  it('parses 100 KB of clauses without the length limit, without stack trouble', () => {
    const result = parseQuery(clauses.repeat(Math.ceil(100_000 / clauses.length)), UNLIMITED);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['clauses', clauses],
    ['adjacent words', 'a '],
    ['a value group', 'b OR '],
    ['whitespace', '  \t '],
  ])('takes time linear in the input (%s)', (_label, unit) => {
    const make = (size: number): string => {
      const body = unit.repeat(Math.ceil(size / unit.length));
      return unit === 'b OR ' ? `action:(${body}b)` : `${body}x`;
    };
    const small = make(10_000);
    const large = make(100_000);
    const tSmall = bestTime(() => parseQuery(small, UNLIMITED));
    const tLarge = bestTime(() => parseQuery(large, UNLIMITED));
    // linear is ×10; quadratic would be ×100
    expect(tLarge / Math.max(tSmall, 0.05)).toBeLessThan(35);
  });

  it('gives the depth error, not a crash, for 10,000 nested parentheses', () => {
    expect(parseError('('.repeat(10_000))).toMatchObject({ code: 'E017' });
    const error = parseError('('.repeat(10_000), UNLIMITED);
    expect(error).toMatchObject({ code: 'E018', start: 32, end: 33, message: 'Nesting is too deep at column 33 (limit 32 levels)' });
  });

  it('counts stacked NOT and value groups toward the depth', () => {
    expect(parseError(`${'NOT '.repeat(10_000)}a`, UNLIMITED)).toMatchObject({ code: 'E018', start: 128, end: 131 });
    expect(parseError(`userName:${'('.repeat(10_000)}`, UNLIMITED)).toMatchObject({ code: 'E018', start: 41, end: 42 });
    expect(parseError(`(NOT (${'NOT '.repeat(30)}a))`)).toMatchObject({ code: 'E018' });
    expect(parseOk(`${'('.repeat(32)}a${')'.repeat(32)}`).root).toEqual({ kind: 'text', value: 'a', wildcards: false });
    expect(parseOk(`${'NOT '.repeat(32)}a`).root).toBeDefined();
  });

  it('allows 500 values and counts each list element', () => {
    const list = (n: number): string => `destinationPort:[${Array.from({ length: n }, (_, i) => String(i)).join(',')}]`;
    expect(parseOk(list(500)).root).toBeDefined();
    expect(parseError(list(501)).message).toBe('Query has too many values: 501 (limit 500)');
    expect(parseError(`${list(400)} ${list(200)}`).message).toBe('Query has too many values: 600 (limit 500)');
  });
});
