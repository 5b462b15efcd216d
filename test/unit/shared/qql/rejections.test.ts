/** qql.md §11: every input that must be rejected, with its code, span and message. */
import { describe, expect, it } from 'vitest';
import { parseError } from './qql-builders.js';

interface Rejection {
  readonly label?: string;
  readonly input: string;
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

const ports501 = `destinationPort:[${Array.from({ length: 501 }, (_, i) => String(i + 1)).join(', ')}]`;
const port501At = ports501.lastIndexOf('501');

const REJECTIONS: readonly Rejection[] = [
  { input: 'userName:"bob', code: 'E001', start: 9, end: 13, message: 'Unterminated string: the " at column 10 has no closing quote' },
  { input: 'processName:`cmd.exe', code: 'E002', start: 12, end: 20, message: 'Unterminated string: the ` at column 13 has no closing backtick' },
  { input: '(userName:bob AND action:Created', code: 'E003', start: 0, end: 1, message: 'Unbalanced parentheses: the ( at column 1 is never closed' },
  { input: 'userName:bob)', code: 'E004', start: 12, end: 13, message: 'Unbalanced parentheses: the ) at column 13 has no matching (' },
  { input: 'destinationPort:[80, 443', code: 'E005', start: 16, end: 17, message: 'Unbalanced brackets: the [ at column 17 is never closed' },
  { input: 'userName:', code: 'E007', start: 9, end: 9, message: "Missing value after 'userName:' at column 10" },
  { input: 'destinationPort>', code: 'E007', start: 16, end: 16, message: "Missing value after 'destinationPort>' at column 17" },
  { input: 'userName:""', code: 'E008', start: 9, end: 11, message: "Empty value for 'userName' at column 10" },
  { input: 'dstPort:443', code: 'E009', start: 0, end: 7, message: "Unknown token 'dstPort' at column 1. Did you mean 'destinationPort'?" },
  { input: 'usrName:bob', code: 'E009', start: 0, end: 7, message: "Unknown token 'usrName' at column 1. Did you mean 'userName'?" },
  { input: 'C:\\Windows\\System32', code: 'E009', start: 0, end: 1, message: "Unknown token 'C' at column 1" },
  {
    input: 'destinationPort:abc', code: 'E010', start: 16, end: 19,
    message: "'abc' at column 17 is not a valid whole number for 'destinationPort' (0 to 65535)",
  },
  {
    input: 'destinationPort:70000', code: 'E010', start: 16, end: 21,
    message: "'70000' at column 17 is not a valid whole number for 'destinationPort' (0 to 65535)",
  },
  {
    input: 'sourceIpv4:10.0.0.300', code: 'E011', start: 11, end: 21,
    message: "'10.0.0.300' at column 12 is not a valid IPv4 address, CIDR block or pattern for 'sourceIpv4'",
  },
  { input: 'sourceIpv4:10.0.0.0/33', code: 'E021', start: 19, end: 22, message: "CIDR prefix '/33' at column 20 must be between 0 and 32" },
  { input: 'eventTime:2024-13-01', code: 'E012', start: 10, end: 20, message: "'2024-13-01' at column 11 is not a valid date for 'eventTime'" },
  { input: 'eventTime>yesterday', code: 'E012', start: 10, end: 19, message: "'yesterday' at column 11 is not a valid date for 'eventTime'" },
  { input: 'eventTime:now-7d', code: 'E025', start: 10, end: 16, message: "Relative date 'now-7d' at column 11 needs a comparison or range" },
  { input: 'userName>bob', code: 'E013', start: 8, end: 9, message: "Operator '>' at column 9 cannot be used with text token 'userName'" },
  {
    input: 'destinationPort:44*', code: 'E014', start: 16, end: 19,
    message: "Wildcards at column 17 cannot be used with integer token 'destinationPort'",
  },
  { input: 'userName:bob AND', code: 'E015', start: 13, end: 16, message: "Unexpected end of query after 'AND' at column 14" },
  { input: 'OR userName:bob', code: 'E016', start: 0, end: 2, message: "Unexpected 'OR' at column 1" },
  { input: 'userName:bob AND OR action:x', code: 'E016', start: 17, end: 19, message: "Unexpected 'OR' at column 18" },
  { label: '5000 × a', input: 'a'.repeat(5000), code: 'E017', start: 4000, end: 5000, message: 'Query is too long: 5000 characters (limit 4000)' },
  {
    label: '33 × ( + a + 33 × )', input: `${'('.repeat(33)}a${')'.repeat(33)}`, code: 'E018', start: 32, end: 33,
    message: 'Nesting is too deep at column 33 (limit 32 levels)',
  },
  { label: 'list of 501 ports', input: ports501, code: 'E019', start: port501At, end: port501At + 3, message: 'Query has too many values: 501 (limit 500)' },
  {
    input: 'destinationPort:[443 .. 80]', code: 'E020', start: 16, end: 27,
    message: "Empty range for 'destinationPort' at column 17: 443 is after 80",
  },
  { input: 'userName!=bob', code: 'E022', start: 8, end: 10, message: "Unsupported operator '!=' at column 9" },
  { input: 'userName:and', code: 'E023', start: 9, end: 12, message: "'and' at column 10 is a reserved word; put it in quotes to search for it" },
  { label: 'userName:bob + U+0000', input: 'userName:bob\u0000', code: 'E024', start: 12, end: 13, message: 'Invalid character U+0000 at column 13' },
  { input: '-userName:bob', code: 'E026', start: 0, end: 13, message: "Free text '-userName:bob' at column 1 contains ':'" },
  { input: 'userName:()', code: 'E027', start: 9, end: 11, message: 'Empty group at column 10' },
  { input: 'destinationPort:[]', code: 'E027', start: 16, end: 18, message: 'Empty list at column 17' },
  { input: 'process:{name:cmd.exe}', code: 'E028', start: 8, end: 9, message: "Nested groups with '{' at column 9 are not supported" },
  { input: 'eventTime>now+9000y', code: 'E029', start: 10, end: 19, message: "Date 'now+9000y' at column 11 is out of range" },
];

describe('qql.md §11 rejections', () => {
  it('covers all 35 rejections', () => {
    expect(REJECTIONS).toHaveLength(35);
  });

  for (const rejection of REJECTIONS) {
    it(`${rejection.code} ${rejection.label ?? rejection.input}`, () => {
      const error = parseError(rejection.input);
      expect({ code: error.code, start: error.start, end: error.end, message: error.message }).toEqual({
        code: rejection.code, start: rejection.start, end: rejection.end, message: rejection.message,
      });
    });
  }

  it('gives the hints the spec names', () => {
    expect(parseError('userName:"bob').hint).toMatch(/backslash/);
    expect(parseError('userName:""').hint).toBe('NOT userName:* finds events without it.');
    expect(parseError('C:\\Windows\\System32').hint).toMatch(/quote/i);
    expect(parseError('userName!=bob').hint).toMatch(/NOT token=value/);
    expect(parseError('-userName:bob').hint).toMatch(/quote/i);
    expect(parseError('process:{name:cmd.exe}').hint).toMatch(/parent\.child:value/);
  });
});
