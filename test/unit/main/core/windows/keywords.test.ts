import { describe, expect, it } from 'vitest';
import {
  KEYWORD_TABLE,
  auditOutcome,
  decodeKeywords,
  keywordNames,
  keywordsEventType,
  keywordsMaskFromNumber,
  keywordsMaskFromString,
  nxlogEventTypeToKeywordName,
} from '../../../../../main/core/windows/keywords.js';

const SUCCESS = 0x8020000000000000n;
const FAILURE = 0x8010000000000000n;
const CLASSIC = 0x8080000000000000n;
const CHANNEL = 0x8000000000000000n;

describe('decodeKeywords: the four forms of Audit Success / Failure (§4)', () => {
  it.each([
    ['hex string', '0x8020000000000000'],
    ['signed number', -9214364837600034816],
    ['unsigned decimal string', '9232379236109516800'],
    ['signed decimal string', '-9214364837600034816'],
  ] as const)('Audit Success as %s', (_form, value) => {
    const d = decodeKeywords(value);
    expect(d?.mask).toBe(SUCCESS);
    expect(d?.names).toEqual(['Audit Success']);
    expect(auditOutcome(d!)).toBe('success');
  });

  it.each([
    ['hex string', '0x8010000000000000'],
    ['signed number', -9218868437227405312],
    ['unsigned decimal string', '9227875636482146304'],
    ['signed decimal string', '-9218868437227405312'],
  ] as const)('Audit Failure as %s', (_form, value) => {
    const d = decodeKeywords(value);
    expect(d?.mask).toBe(FAILURE);
    expect(d?.names).toEqual(['Audit Failure']);
    expect(auditOutcome(d!)).toBe('failure');
  });

  it('decodes lists of names', () => {
    expect(decodeKeywords(['Audit Success'])).toEqual({ names: ['Audit Success'] });
    expect(decodeKeywords(['audit failure', 'Classic'])).toEqual({ names: ['Audit Failure', 'Classic'] });
    expect(auditOutcome(decodeKeywords(['Audit Success'])!)).toBe('success');
    expect(auditOutcome(decodeKeywords(['Audit Failure'])!)).toBe('failure');
    expect(decodeKeywords('Audit Failure')).toEqual({ names: ['Audit Failure'] });
    expect(decodeKeywords(['  Custom  ', 3])).toEqual({ names: ['Custom'] });
  });

  it('decodes the channel bit alone to no names', () => {
    for (const v of ['0x8000000000000000', -9223372036854775808, '9223372036854775808', '-9223372036854775808']) {
      const d = decodeKeywords(v);
      expect(d?.mask).toBe(CHANNEL);
      expect(d?.names).toEqual([]);
      expect(auditOutcome(d!)).toBeUndefined();
    }
  });

  it('decodes Classic', () => {
    const d = decodeKeywords(-9187343239835811840);
    expect(d?.mask).toBe(CLASSIC);
    expect(d?.names).toEqual(['Classic']);
    expect(auditOutcome(d!)).toBeUndefined();
    expect(keywordsEventType(d!)).toBe('Classic');
    expect(decodeKeywords('0X8080000000000000')?.names).toEqual(['Classic']);
  });

  it('decodes values outside the table and bigints', () => {
    expect(decodeKeywords('0x4000000000000036')?.mask).toBe(0x4000000000000036n);
    expect(decodeKeywords(' 0x0020000000000000 ')?.names).toEqual(['Audit Success']);
    expect(decodeKeywords(0)).toEqual({ mask: 0n, names: [] });
    expect(decodeKeywords(-1n)?.mask).toBe(0xffffffffffffffffn);
  });

  it('returns undefined, never throws, for values that cannot be keywords', () => {
    for (const v of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 64, -(2 ** 64), '', '   ', '0x1ffffffffffffffff', '18446744073709551616', '-9223372036854775809', null, undefined, {}, true, 1n << 64n]) {
      expect(decodeKeywords(v)).toBeUndefined();
    }
  });
});

describe('keywordNames', () => {
  it('names the system bits in a stable order', () => {
    expect(keywordNames(0x00ff000000000000n)).toEqual([
      'Audit Failure', 'Audit Success', 'Correlation Hint', 'Classic', 'SQM', 'WDI Diag', 'Response Time',
    ]);
    expect(keywordNames(0x0004000000000000n | 0x0010000000000000n)).toEqual(['Audit Failure', 'WDI Diag']);
    expect(keywordNames(0n)).toEqual([]);
    expect(keywordNames(0x0002000000000000n)).toEqual([]);
  });
});

describe('auditOutcome', () => {
  it('tests failure before success', () => {
    expect(auditOutcome(0x0030000000000000n)).toBe('failure');
    expect(auditOutcome(['Audit Success', 'Audit Failure'])).toBe('failure');
    expect(auditOutcome(SUCCESS)).toBe('success');
    expect(auditOutcome([])).toBeUndefined();
    expect(auditOutcome({ mask: CHANNEL, names: ['Audit Success'] })).toBeUndefined();
  });

  it('gives the eventType of audit and non-audit keywords', () => {
    expect(keywordsEventType(decodeKeywords('0x8010000000000000')!)).toBe('Audit Failure');
    expect(keywordsEventType(decodeKeywords('0x8000000000000000')!)).toBe('');
  });

  it('maps NXLog EventType audit values', () => {
    expect(nxlogEventTypeToKeywordName('AUDIT_SUCCESS')).toBe('Audit Success');
    expect(nxlogEventTypeToKeywordName('audit_failure')).toBe('Audit Failure');
    expect(nxlogEventTypeToKeywordName('INFO')).toBeUndefined();
  });
});

describe('§4 table', () => {
  it('has consistent decimal columns', () => {
    expect(KEYWORD_TABLE).toHaveLength(11);
    for (const row of KEYWORD_TABLE) {
      if (row.unsigned !== undefined) expect(row.unsigned).toBe(row.mask);
      if (row.signed !== undefined) expect(BigInt.asUintN(64, row.signed)).toBe(row.mask);
    }
  });

  it('survives JSON doubles for the table masks', () => {
    for (const row of KEYWORD_TABLE) {
      if (row.signed === undefined) continue;
      const parsed = JSON.parse(row.signed.toString()) as number;
      expect(keywordsMaskFromNumber(parsed)).toBe(row.mask);
    }
    expect(keywordsMaskFromString('abc')).toBeUndefined();
  });
});
