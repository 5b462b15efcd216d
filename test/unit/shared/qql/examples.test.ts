/** qql.md §10: every example parses to the expected tree and formats to its canonical form. */
import { describe, expect, it } from 'vitest';
import type { QqlExpr } from '../../../../shared/qql/index.js';
import { formatQuery } from '../../../../shared/qql/index.js';
import {
  NOW, and, compare, date, day, excl, exists, field, group, incl, int, ip, is, list, not, or, parseOk, range, sev, str, text, utc, vor,
} from './qql-builders.js';

const HOUR = 3_600_000;

interface Example {
  readonly n: number;
  readonly query: string;
  readonly root: QqlExpr | null;
  readonly canonical: string;
}

const processIs = (value: string): QqlExpr => field('processName', 'text', is(str('equals', value)));

const EXAMPLES: readonly Example[] = [
  { n: 1, query: '', root: null, canonical: '' },
  { n: 2, query: 'powershell', root: text('powershell'), canonical: 'powershell' },
  { n: 3, query: '"failed to log on"', root: text('failed to log on'), canonical: '"failed to log on"' },
  { n: 4, query: 'mimikatz sekurlsa', root: and(text('mimikatz'), text('sekurlsa')), canonical: 'mimikatz AND sekurlsa' },
  { n: 5, query: 'deviceName:WS01', root: field('deviceName', 'text', is(str('contains', 'WS01'))), canonical: 'deviceName:WS01' },
  { n: 6, query: 'deviceName=ws01', root: field('deviceName', 'text', is(str('equals', 'ws01'))), canonical: 'deviceName=ws01' },
  { n: 7, query: 'deviceName:`WS01`', root: field('deviceName', 'text', is(str('exact', 'WS01'))), canonical: 'deviceName:`WS01`' },
  { n: 8, query: 'deviceName: "WS01.corp"', root: field('deviceName', 'text', is(str('contains', 'WS01.corp'))), canonical: 'deviceName:WS01.corp' },
  { n: 9, query: 'externalId:4625', root: field('externalId', 'integer', is(int(4625))), canonical: 'externalId:4625' },
  {
    n: 10, query: 'externalId:[4624, 4625, 4634]', root: field('externalId', 'integer', list(int(4624), int(4625), int(4634))),
    canonical: 'externalId:[4624, 4625, 4634]',
  },
  {
    n: 11, query: 'externalId:[4624 .. 4634]', root: field('externalId', 'integer', range(incl(int(4624)), incl(int(4634)))),
    canonical: 'externalId:[4624 .. 4634]',
  },
  {
    n: 12, query: 'action:(Created OR Deleted)', root: field('action', 'keyword', group(vor(str('equals', 'Created'), str('equals', 'Deleted')))),
    canonical: 'action:(Created OR Deleted)',
  },
  { n: 13, query: 'action:"creat"', root: field('action', 'keyword', is(str('contains', 'creat'))), canonical: 'action:"creat"' },
  { n: 14, query: 'userName:admin', root: field('userName', 'text', is(str('contains', 'admin'))), canonical: 'userName:admin' },
  { n: 15, query: 'userName=administrator', root: field('userName', 'text', is(str('equals', 'administrator'))), canonical: 'userName=administrator' },
  { n: 16, query: 'userName:adm?n', root: field('userName', 'text', is(str('pattern', 'adm?n'))), canonical: 'userName:adm?n' },
  { n: 17, query: 'userName:*', root: field('userName', 'text', is(exists)), canonical: 'userName:*' },
  { n: 18, query: 'NOT userName:*', root: not(field('userName', 'text', is(exists))), canonical: 'NOT userName:*' },
  {
    n: 19, query: 'userName:* AND NOT userName:system',
    root: and(field('userName', 'text', is(exists)), not(field('userName', 'text', is(str('contains', 'system'))))),
    canonical: 'userName:* AND NOT userName:system',
  },
  {
    n: 20, query: 'processName:*\\powershell.exe', root: field('processName', 'text', is(str('pattern', '*\\powershell.exe'))),
    canonical: 'processName:*\\powershell.exe',
  },
  {
    n: 21, query: 'processName=cmd.exe OR processName=powershell.exe', root: or(processIs('cmd.exe'), processIs('powershell.exe')),
    canonical: 'processName=cmd.exe OR processName=powershell.exe',
  },
  { n: 22, query: 'command:*-enc*', root: field('command', 'text', is(str('pattern', '*-enc*'))), canonical: 'command:*-enc*' },
  {
    n: 23, query: 'command:`C:\\Windows\\system32\\cmd.exe /c whoami`',
    root: field('command', 'text', is(str('exact', 'C:\\Windows\\system32\\cmd.exe /c whoami'))),
    canonical: 'command:`C:\\Windows\\system32\\cmd.exe /c whoami`',
  },
  {
    n: 24, query: 'command:"\\\\server\\share"', root: field('command', 'text', is(str('contains', '\\server\\share'))),
    canonical: 'command:\\server\\share',
  },
  { n: 25, query: 'sourceIpv4:10.0.0.5', root: field('sourceIpv4', 'ipv4', is(ip('10.0.0.5'))), canonical: 'sourceIpv4:10.0.0.5' },
  { n: 26, query: 'sourceIpv4:10.0.0.0/8', root: field('sourceIpv4', 'ipv4', is(ip('10.0.0.0', 8))), canonical: 'sourceIpv4:10.0.0.0/8' },
  {
    n: 27, query: 'sourceIpv4:[192.168.1.10 .. 192.168.1.20]',
    root: field('sourceIpv4', 'ipv4', range(incl(ip('192.168.1.10')), incl(ip('192.168.1.20')))),
    canonical: 'sourceIpv4:[192.168.1.10 .. 192.168.1.20]',
  },
  {
    n: 28, query: 'NOT sourceIpv4:[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]',
    root: not(field('sourceIpv4', 'ipv4', list(ip('10.0.0.0', 8), ip('172.16.0.0', 12), ip('192.168.0.0', 16)))),
    canonical: 'NOT sourceIpv4:[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]',
  },
  { n: 29, query: 'sourceIpv4:192.168.*', root: field('sourceIpv4', 'ipv4', is(ip('192.168.0.0', 16))), canonical: 'sourceIpv4:192.168.0.0/16' },
  { n: 30, query: 'destinationPort:3389', root: field('destinationPort', 'integer', is(int(3389))), canonical: 'destinationPort:3389' },
  {
    n: 31, query: 'destinationPort:[1 .. 1023]', root: field('destinationPort', 'integer', range(incl(int(1)), incl(int(1023)))),
    canonical: 'destinationPort:[1 .. 1023]',
  },
  {
    n: 32, query: 'destinationPort:(1024 .. 49151)', root: field('destinationPort', 'integer', range(excl(int(1024)), excl(int(49151)))),
    canonical: 'destinationPort:(1024 .. 49151)',
  },
  {
    n: 33, query: 'destinationPort:[1024 TO 49151)', root: field('destinationPort', 'integer', range(incl(int(1024)), excl(int(49151)))),
    canonical: 'destinationPort:[1024 .. 49151)',
  },
  { n: 34, query: 'destinationPort>=49152', root: field('destinationPort', 'integer', compare('>=', int(49152))), canonical: 'destinationPort>=49152' },
  {
    n: 35, query: 'destinationPort:[80, 443, 8080]', root: field('destinationPort', 'integer', list(int(80), int(443), int(8080))),
    canonical: 'destinationPort:[80, 443, 8080]',
  },
  {
    n: 36, query: 'deviceSeverity:[Warning .. *]', root: field('deviceSeverity', 'severity', range(incl(sev('Warning', 3)), null)),
    canonical: 'deviceSeverity:[Warning .. *]',
  },
  {
    n: 37, query: 'eventTime>now-24h',
    root: field('eventTime', 'datetime', compare('>', date({ kind: 'relative', steps: [{ sign: -1, amount: 24, unit: 'h' }], round: null }, NOW - 24 * HOUR))),
    canonical: 'eventTime>now-24h',
  },
  {
    n: 38, query: 'eventTime>=now/d',
    root: field('eventTime', 'datetime', compare('>=', date({ kind: 'relative', steps: [], round: 'd' }, utc('2024-06-15T00:00:00Z')))),
    canonical: 'eventTime>=now/d',
  },
  {
    n: 39, query: 'eventTime:[now-7d/d .. now]',
    root: field('eventTime', 'datetime', range(
      incl(date({ kind: 'relative', steps: [{ sign: -1, amount: 7, unit: 'd' }], round: 'd' }, utc('2024-06-08T00:00:00Z'))),
      incl(date({ kind: 'relative', steps: [], round: null }, NOW)),
    )),
    canonical: 'eventTime:[now-7d/d .. now]',
  },
  {
    n: 40, query: 'eventTime:2024-05-01',
    root: field('eventTime', 'datetime', is(date(day(2024, 5, 1), utc('2024-05-01T00:00:00Z'), utc('2024-05-02T00:00:00Z') - 1))),
    canonical: 'eventTime:2024-05-01',
  },
  {
    n: 41, query: 'eventTime:[2024-05-01 .. 2024-05-07]',
    root: field('eventTime', 'datetime', range(
      incl(date(day(2024, 5, 1), utc('2024-05-01T00:00:00Z'), utc('2024-05-02T00:00:00Z') - 1)),
      incl(date(day(2024, 5, 7), utc('2024-05-07T00:00:00Z'), utc('2024-05-08T00:00:00Z') - 1)),
    )),
    canonical: 'eventTime:[2024-05-01 .. 2024-05-07]',
  },
  {
    n: 42, query: 'eventTime<2024-05-01T08:00:00Z',
    root: field('eventTime', 'datetime', compare('<', date(
      { kind: 'instant', year: 2024, month: 5, day: 1, hour: 8, minute: 0, second: 0, millisecond: 0, offsetMinutes: 0 },
      utc('2024-05-01T08:00:00Z'),
    ))),
    canonical: 'eventTime<2024-05-01T08:00Z',
  },
  {
    n: 43, query: 'eventTime:[2024-05-01T08:00+02:00 .. now-1M]',
    root: field('eventTime', 'datetime', range(
      incl(date(
        { kind: 'instant', year: 2024, month: 5, day: 1, hour: 8, minute: 0, second: 0, millisecond: 0, offsetMinutes: 120 },
        utc('2024-05-01T06:00:00Z'),
      )),
      incl(date({ kind: 'relative', steps: [{ sign: -1, amount: 1, unit: 'M' }], round: null }, utc('2024-05-15T12:00:00Z'))),
    )),
    canonical: 'eventTime:[2024-05-01T08:00+02:00 .. now-1M]',
  },
  { n: 44, query: 'tags:lateral-movement', root: field('tags', 'list', is(str('equals', 'lateral-movement'))), canonical: 'tags:lateral-movement' },
  {
    n: 45, query: 'tags:[persistence, privilege-escalation]',
    root: field('tags', 'list', list(str('equals', 'persistence'), str('equals', 'privilege-escalation'))),
    canonical: 'tags:[persistence, privilege-escalation]',
  },
  { n: 46, query: 'NOT tags:*', root: not(field('tags', 'list', is(exists))), canonical: 'NOT tags:*' },
  {
    n: 47, query: 'userName:bob OR userName:alice AND action:failure',
    root: or(
      field('userName', 'text', is(str('contains', 'bob'))),
      and(field('userName', 'text', is(str('contains', 'alice'))), field('action', 'keyword', is(str('equals', 'failure')))),
    ),
    canonical: 'userName:bob OR (userName:alice AND action:failure)',
  },
  {
    n: 48, query: 'NOT outcome:success AND deviceSeverity>Informational',
    root: and(not(field('outcome', 'keyword', is(str('equals', 'success')))), field('deviceSeverity', 'severity', compare('>', sev('Informational', 2)))),
    canonical: 'NOT outcome:success AND deviceSeverity>Informational',
  },
  {
    n: 49, query: '(processName:cmd.exe OR processName:powershell.exe) destinationPort:[80, 443]',
    root: and(
      or(field('processName', 'text', is(str('contains', 'cmd.exe'))), field('processName', 'text', is(str('contains', 'powershell.exe')))),
      field('destinationPort', 'integer', list(int(80), int(443))),
    ),
    canonical: '(processName:cmd.exe OR processName:powershell.exe) AND destinationPort:[80, 443]',
  },
  {
    n: 50, query: 'not USERNAME:bob and Action:Failure',
    root: and(not(field('userName', 'text', is(str('contains', 'bob')))), field('action', 'keyword', is(str('equals', 'Failure')))),
    canonical: 'NOT userName:bob AND action:Failure',
  },
  { n: 51, query: '"and"', root: text('and'), canonical: '"and"' },
  { n: 52, query: 'message:"access denied"', root: field('message', 'text', is(str('contains', 'access denied'))), canonical: 'message:"access denied"' },
];

describe('qql.md §10 examples', () => {
  it('covers all 52 examples', () => {
    expect(EXAMPLES.map((e) => e.n)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
  });

  for (const example of EXAMPLES) {
    it(`#${example.n} ${example.query === '' ? '(empty)' : example.query}`, () => {
      const query = parseOk(example.query);
      expect(query.root).toEqual(example.root);
      const canonical = formatQuery(query);
      expect(canonical).toBe(example.canonical);
      expect(parseOk(canonical)).toEqual(query);
    });
  }
});
