/** The canonical form (§5.1): quoting choices and the round trip on hand-picked awkward values. */
import { describe, expect, it } from 'vitest';
import { formatQuery } from '../../../../shared/qql/index.js';
import { parseOk } from './qql-builders.js';

function canonical(query: string): string {
  const parsed = parseOk(query);
  const formatted = formatQuery(parsed);
  expect(parseOk(formatted)).toEqual(parsed);
  return formatted;
}

describe('formatQuery', () => {
  it.each([
    ['', ''],
    ['   ', ''],
    ['a  b', 'a AND b'],
    ['a or b c', 'a OR (b AND c)'],
    ['NOT (a b)', 'NOT (a AND b)'],
    ['(a OR b) (c OR d)', '(a OR b) AND (c OR d)'],
    ['**', '*'],
    ['"a b"', '"a b"'],
    ['"a"', 'a'],
    ['"x:y"', '"x:y"'],
    ['"a=b"', '"a=b"'],
    ['"a.b<c"', '"a.b<c"'],
    ['"a!=b"', '"a!=b"'],
    ['"a!b"', 'a!b'],
    ['"-a"', '-a'],
    ['"or"', '"or"'],
    ['"NOT"', '"NOT"'],
    ['"to"', 'to'],
    ['"a*"', '"a*"'],
    ['"!a"', '"!a"'],
    ['"{a}"', '"{a}"'],
    ['"a\\"b\\\\c"', '"a\\"b\\\\c"'],
    ["\"'; DROP TABLE events; --\"", "\"'; DROP TABLE events; --\""],
    ['"100%_\\\\"', '100%_\\'],
    ['userName:"a b"', 'userName:"a b"'],
    ['userName:"x"', 'userName:x'],
    ['userName:"and"', 'userName:"and"'],
    ['userName:"*"', 'userName:"*"'],
    ['userName:":x"', 'userName:":x"'],
    ['userName:"a:b"', 'userName:a:b'],
    ['userName:"a..b"', 'userName:a..b'],
    ['userName:["a..b", c]', 'userName:["a..b", c]'],
    ['action:"x"', 'action:"x"'],
    ['action="x"', 'action:x'],
    ['action="x y"', 'action="x y"'],
    ['action="x*"', 'action="x*"'],
    ['action=x*', 'action:x*'],
    ['userName=x', 'userName=x'],
    ['userName="x y"', 'userName="x y"'],
    ['command:`a"b`', 'command:`a"b`'],
    ['action:((a..b) OR c)', 'action:((a..b) OR c)'],
    ['action:(c OR a..b)', 'action:(c OR a..b)'],
    ['action:(NOT a..b)', 'action:(NOT a..b)'],
    ['action:(a (b OR c))', 'action:(a AND (b OR c))'],
    ['tags:[x]', 'tags:[x]'],
    ['destinationPort:[* .. 80)', 'destinationPort:[* .. 80)'],
    ['destinationPort:(* TO *)', 'destinationPort:[* .. *]'],
    ['eventTime>now+0d-1h/m', 'eventTime>now+0d-1h/m'],
    ['eventTime>now-007d', 'eventTime>now-7d'],
  ])('%j → %j', (query, expected) => {
    expect(canonical(query)).toBe(expected);
  });
});
