/** Typed values (§5.2–§5.9): match modes, integers, IPv4, severity, datetimes, coordinates. */
import { describe, expect, it } from 'vitest';
import type { QqlField, QqlTest } from '../../../../shared/qql/index.js';
import { formatQuery, orderedSpan } from '../../../../shared/qql/index.js';
import { NOW, OPTIONS, exists, int, ip, is, parseError, parseOk, sev, str, utc } from './qql-builders.js';

function testOf(query: string, options = OPTIONS): QqlTest {
  const root = parseOk(query, options).root;
  if (root?.kind !== 'field') throw new Error(`${query} is not a field expression`);
  return (root satisfies QqlField).test;
}

/** the closed span of the single value of `t:v` / `t>v` */
function spanOf(query: string, options = OPTIONS): { first: number; last: number } {
  const test = testOf(query, options);
  if (test.kind === 'compare') return orderedSpan(test.value);
  if (test.kind === 'is' && test.value.kind !== 'exists' && test.value.kind !== 'string') return orderedSpan(test.value);
  throw new Error(`${query} has no ordered value`);
}

describe('match modes (§5.2)', () => {
  it.each([
    ['userName:bob', str('contains', 'bob')],
    ['userName:"bob"', str('contains', 'bob')],
    ['userName:`Bob`', str('exact', 'Bob')],
    ['userName=bob', str('equals', 'bob')],
    ['userName="b*b"', str('equals', 'b*b')],
    ['userName=`Bob`', str('exact', 'Bob')],
    ['userName:b*b', str('pattern', 'b*b')],
    ['userName=b?b', str('pattern', 'b?b')],
    ['action:Created', str('equals', 'Created')],
    ['action:"creat"', str('contains', 'creat')],
    ['action:creat*', str('pattern', 'creat*')],
    ['tags:x', str('equals', 'x')],
    ['permissions:"Read"', str('contains', 'Read')],
    ['raw:mimikatz', str('contains', 'mimikatz')],
    ['userName:**', exists],
    ['eventTime:*', exists],
    ['destinationPort=*', exists],
  ])('%s', (query, value) => {
    expect(testOf(query)).toEqual(is(value));
  });

  it('reads every list element and group member as if written after t:', () => {
    expect(testOf('userName:[bob, "al ice", `Eve`, m*, *]')).toEqual({
      kind: 'list', items: [str('contains', 'bob'), str('contains', 'al ice'), str('exact', 'Eve'), str('pattern', 'm*'), exists],
    });
  });

  it('rejects comparisons and ranges on text, keyword and list tokens (E013)', () => {
    expect(parseError('action<=x')).toMatchObject({ code: 'E013', start: 6, end: 8, message: "Operator '<=' at column 7 cannot be used with text token 'action'" });
    expect(parseError('userName:[a .. b]')).toMatchObject({ code: 'E013', start: 9, end: 17, message: "Operator 'range' at column 10 cannot be used with text token 'userName'" });
    expect(parseError('tags:(a TO b)')).toMatchObject({ code: 'E013', message: "Operator 'range' at column 6 cannot be used with text token 'tags'" });
  });

  it('rejects empty quoted values (E008)', () => {
    expect(parseError('userName:``')).toMatchObject({ code: 'E008', start: 9, end: 11 });
    expect(parseError('action:[a, ""]')).toMatchObject({ code: 'E008', start: 11, end: 13, message: "Empty value for 'action' at column 12" });
    expect(parseError('destinationPort:""')).toMatchObject({ code: 'E008' });
  });
});

describe('integers (§5.4)', () => {
  it('reads decimal digits within the token range; quotes only delimit', () => {
    expect(testOf('destinationPort:0')).toEqual(is(int(0)));
    expect(testOf('destinationPort:65535')).toEqual(is(int(65535)));
    expect(testOf('destinationPort:"0080"')).toEqual(is(int(80)));
    expect(testOf('processId:4294967295')).toEqual(is(int(4294967295)));
    expect(testOf('recordId:9007199254740991')).toEqual(is(int(9007199254740991)));
    expect(testOf('externalId=4625')).toEqual(is(int(4625)));
  });

  it.each([
    ['destinationPort:-1', "'-1' at column 17 is not a valid whole number for 'destinationPort' (0 to 65535)"],
    ['destinationPort:1.5', "'1.5' at column 17 is not a valid whole number for 'destinationPort' (0 to 65535)"],
    ['destinationPort:"44*"', "'44*' at column 17 is not a valid whole number for 'destinationPort' (0 to 65535)"],
    ['processId:4294967296', "'4294967296' at column 11 is not a valid whole number for 'processId' (0 to 4294967295)"],
    ['recordId:99999999999999999999', "'99999999999999999999' at column 10 is not a valid whole number for 'recordId' (0 to 9007199254740991)"],
  ])('rejects %s', (query, message) => {
    expect(parseError(query)).toMatchObject({ code: 'E010', message });
  });

  it('rejects wildcards (E014)', () => {
    expect(parseError('destinationPort>4?')).toMatchObject({ code: 'E014', start: 16, end: 18 });
  });

  it('reads range brackets as inclusive or exclusive', () => {
    expect(testOf('destinationPort:(1 .. 5]')).toEqual({ kind: 'range', lower: { value: int(1), inclusive: false }, upper: { value: int(5), inclusive: true } });
    expect(testOf('destinationPort:[* TO 5]')).toEqual({ kind: 'range', lower: null, upper: { value: int(5), inclusive: true } });
    expect(testOf('destinationPort:(* TO *)')).toEqual({ kind: 'range', lower: null, upper: null });
    expect(testOf('destinationPort:[5 .. 5]')).toEqual({ kind: 'range', lower: { value: int(5), inclusive: true }, upper: { value: int(5), inclusive: true } });
  });
});

describe('IPv4 (§5.5)', () => {
  it.each([
    ['sourceIpv4:0.0.0.0', ip('0.0.0.0')],
    ['sourceIpv4:255.255.255.255', ip('255.255.255.255')],
    ['sourceIpv4:10.1.2.3/8', ip('10.0.0.0', 8)],
    ['sourceIpv4:10.1.2.3/32', ip('10.1.2.3')],
    ['sourceIpv4:1.2.3.4/0', ip('0.0.0.0', 0)],
    ['sourceIpv4:10.*', ip('10.0.0.0', 8)],
    ['sourceIpv4:10.*.*.*', ip('10.0.0.0', 8)],
    ['sourceIpv4:192.168.1.*', ip('192.168.1.0', 24)],
    ['sourceIpv4:"10.0.0.5"', ip('10.0.0.5')],
  ])('%s', (query, value) => {
    expect(testOf(query)).toEqual(is(value));
  });

  it('masks host bits and writes the block canonically', () => {
    expect(formatQuery(parseOk('sourceIpv4:10.1.2.3/8'))).toBe('sourceIpv4:10.0.0.0/8');
  });

  it.each(['10.0.0', '10.0.0.0.1', '010.0.0.1', '10.*.0.1', '*.*.*.*', '10.0.0.?', '10.0.0.0/', '10.0.0.0/x', '10.*/8', 'a.b.c.d', '"10.*"'])(
    'rejects %s (E011)', (value) => {
      expect(parseError(`sourceIpv4:${value}`)).toMatchObject({ code: 'E011', start: 11, end: 11 + value.length });
    },
  );

  it('points E021 at the prefix, inside quotes too', () => {
    expect(parseError('sourceIpv4:"10.0.0.0/40"')).toMatchObject({ code: 'E021', start: 20, end: 23, message: "CIDR prefix '/40' at column 21 must be between 0 and 32" });
  });

  it('compares and ranges in numeric order, blocks by their ends', () => {
    expect(spanOf('sourceIpv4>10.0.0.0/8')).toEqual({ first: ip('10.0.0.0').first, last: ip('10.255.255.255').first });
    expect(parseError('sourceIpv4:[10.0.0.20 .. 10.0.0.1]')).toMatchObject({ code: 'E020', message: "Empty range for 'sourceIpv4' at column 12: 10.0.0.20 is after 10.0.0.1" });
  });
});

describe('severity', () => {
  it('reads level names in any case, in rank order', () => {
    expect(testOf('deviceSeverity:warning')).toEqual(is(sev('Warning', 3)));
    expect(testOf('deviceSeverity>=ALERT')).toEqual({ kind: 'compare', op: '>=', value: sev('Alert', 5) });
    expect(spanOf('deviceSeverity<Debug')).toEqual({ first: 1, last: 1 });
    expect(parseError('deviceSeverity:[Error .. Warning]').code).toBe('E020');
  });

  it('rejects other words and wildcards', () => {
    expect(parseError('deviceSeverity:critical')).toMatchObject({ code: 'E016', start: 15, end: 23, message: "Unexpected 'critical' at column 16" });
    expect(parseError('deviceSeverity:critical').hint).toBe('deviceSeverity is one of Debug, Informational, Warning, Error, Alert.');
    expect(parseError('deviceSeverity:Warn*')).toMatchObject({ code: 'E014', message: "Wildcards at column 16 cannot be used with severity token 'deviceSeverity'" });
  });
});

describe('datetimes (§5.6)', () => {
  const berlin = { ...OPTIONS, timeZone: 'Europe/Berlin' };

  it('reads a day as the whole day in the display zone', () => {
    expect(spanOf('eventTime:2024-05-01', berlin)).toEqual({ first: utc('2024-04-30T22:00:00Z'), last: utc('2024-05-01T22:00:00Z') - 1 });
    // the day clocks go forward has 23 hours
    expect(spanOf('eventTime:2024-03-31', berlin)).toEqual({ first: utc('2024-03-30T23:00:00Z'), last: utc('2024-03-31T22:00:00Z') - 1 });
  });

  it('reads instants with and without an offset', () => {
    expect(spanOf('eventTime:2024-05-01T08:00', berlin).first).toBe(utc('2024-05-01T06:00:00Z'));
    expect(spanOf('eventTime:2024-05-01T08:00:30.5Z').first).toBe(utc('2024-05-01T08:00:30.500Z'));
    expect(spanOf('eventTime:2024-05-01T08:00:30.123999Z').first).toBe(utc('2024-05-01T08:00:30.123Z'));
    expect(spanOf('eventTime:2024-05-01T08:00-05:30').first).toBe(utc('2024-05-01T13:30:00Z'));
    expect(spanOf('eventTime:"2024-05-01 08:00Z"').first).toBe(utc('2024-05-01T08:00:00Z'));
    expect(formatQuery(parseOk('eventTime:2024-05-01T08:00:00.000+00:00'))).toBe('eventTime:2024-05-01T08:00Z');
    expect(formatQuery(parseOk('eventTime:2024-05-01T08:00:00-00:00'))).toBe('eventTime:2024-05-01T08:00Z');
    expect(formatQuery(parseOk('eventTime:2024-05-01T08:00:01.5+05:30'))).toBe('eventTime:2024-05-01T08:00:01.500+05:30');
  });

  it.each([
    ['eventTime:2024-02-30', 'E012'],
    ['eventTime:2023-02-29', 'E012'],
    ['eventTime:2024-05-01T24:00', 'E012'],
    ['eventTime:2024-05-01T08:60', 'E012'],
    // unquoted, the space ends the value and `08:00` is free text
    ['eventTime:2024-05-01 08:00', 'E026'],
    ['eventTime:2024-5-1', 'E012'],
    ['eventTime:2024-05-01T08:00+2', 'E012'],
    ['eventTime>now-7', 'E012'],
    ['eventTime>now-7x', 'E012'],
    ['eventTime>now/', 'E012'],
    ['eventTime>nowish', 'E012'],
    ['eventTime:0000-01-01', 'E029'],
    ['eventTime>now-3000y', 'E029'],
    ['eventTime>now+99999999999999999999d', 'E029'],
    ['eventTime:now', 'E025'],
    ['eventTime=now/d', 'E025'],
    ['eventTime:[now, 2024-01-01]', 'E025'],
    ['eventTime:(now-1d OR 2024-01-01)', 'E025'],
    ['eventTime:2024-05-*', 'E014'],
  ])('%s → %s', (query, code) => {
    expect(parseError(query).code).toBe(code);
  });

  it('reads 2024-02-29 and the calendar limits', () => {
    expect(testOf('eventTime:2024-02-29').kind).toBe('is');
    expect(testOf('eventTime:0001-01-01').kind).toBe('is');
    expect(testOf('eventTime:9999-12-31').kind).toBe('is');
  });

  it('resolves relative dates against the given now, never the clock', () => {
    expect(spanOf('eventTime>now').first).toBe(NOW);
    expect(spanOf('eventTime>now-90m+30s').first).toBe(NOW - 90 * 60_000 + 30_000);
    expect(spanOf('eventTime>now-1w').first).toBe(utc('2024-06-08T12:00:00Z'));
    expect(spanOf('eventTime>now+1y-2M').first).toBe(utc('2025-04-15T12:00:00Z'));
    expect(spanOf('eventTime>NOW-1d', { ...OPTIONS, now: 0 }).first).toBe(-86_400_000);
  });

  it('clamps month and year steps to the last day of the month', () => {
    const march31 = { ...OPTIONS, now: utc('2024-03-31T10:00:00Z') };
    expect(spanOf('eventTime>now-1M', march31).first).toBe(utc('2024-02-29T10:00:00Z'));
    expect(spanOf('eventTime>now+1M', march31).first).toBe(utc('2024-04-30T10:00:00Z'));
    const leapDay = { ...OPTIONS, now: utc('2024-02-29T10:00:00Z') };
    expect(spanOf('eventTime>now+1y', leapDay).first).toBe(utc('2025-02-28T10:00:00Z'));
  });

  it('rounds down to the start of the unit in the display zone, on either side of a comparison', () => {
    expect(spanOf('eventTime>=now/d').first).toBe(utc('2024-06-15T00:00:00Z'));
    expect(spanOf('eventTime<=now/d').first).toBe(utc('2024-06-15T00:00:00Z'));
    expect(spanOf('eventTime>=now/d', berlin).first).toBe(utc('2024-06-14T22:00:00Z'));
    expect(spanOf('eventTime>=now/w').first).toBe(utc('2024-06-10T00:00:00Z'));
    expect(spanOf('eventTime>=now/M').first).toBe(utc('2024-06-01T00:00:00Z'));
    expect(spanOf('eventTime>=now/y', berlin).first).toBe(utc('2023-12-31T23:00:00Z'));
    expect(spanOf('eventTime>=now-7d/d').first).toBe(utc('2024-06-08T00:00:00Z'));
    expect(spanOf('eventTime>=now/h', { ...OPTIONS, now: utc('2024-06-15T12:40:00Z'), timeZone: 'Asia/Kolkata' }).first)
      .toBe(utc('2024-06-15T12:30:00Z'));
  });

  it('checks ranges by their ends: a day ends at its last millisecond', () => {
    expect(testOf('eventTime:[2024-05-01T12:00Z .. 2024-05-01]').kind).toBe('range');
    expect(parseError('eventTime:[2024-05-02 .. 2024-05-01T12:00Z]')).toMatchObject({
      code: 'E020', message: "Empty range for 'eventTime' at column 11: 2024-05-02 is after 2024-05-01T12:00Z",
    });
  });
});

describe('coordinates', () => {
  it('only test existence', () => {
    expect(testOf('geoSourceCoordinates:*')).toEqual(is(exists));
    expect(parseError('geoSourceCoordinates:1')).toMatchObject({
      code: 'E013', start: 20, end: 21, message: "Operator ':' at column 21 cannot be used with coordinates token 'geoSourceCoordinates'",
    });
    expect(parseError('geoDestinationCoordinates>1').code).toBe('E013');
    expect(parseError('geoDestinationCoordinates:[1 .. 2]').code).toBe('E013');
  });
});

describe('orderedSpan', () => {
  it('gives the closed span of stored numbers', () => {
    expect(spanOf('destinationPort:80')).toEqual({ first: 80, last: 80 });
    expect(spanOf('deviceSeverity:Error')).toEqual({ first: 4, last: 4 });
    expect(spanOf('sourceIpv4:192.168.*')).toEqual({ first: ip('192.168.0.0').first, last: ip('192.168.255.255').first });
  });
});
