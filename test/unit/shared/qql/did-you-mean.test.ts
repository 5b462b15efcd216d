/** §7.1 suggestions for unknown token names. */
import { describe, expect, it } from 'vitest';
import { FIELD_CATALOG } from '../../../../shared/catalog/field-catalog.js';
import { suggestTokens } from '../../../../shared/qql/did-you-mean.js';
import { parseError } from './qql-builders.js';

describe('did-you-mean', () => {
  it.each([
    ['dstPort', ['destinationPort']],
    ['usrName', ['userName']],
    ['C', []],
    ['src_ip', ['sourceIpv4', 'sourceIpv6']],
    ['cmdline', ['command']],
    ['msg', ['message']],
    ['user_name', ['userName']],
    ['hostname', ['deviceName', 'winlogHostname']],
    // distance 3 is allowed for names of 10+ characters
    ['destinationprot', ['destinationPort', 'destinationHost']],
    ['severty', ['deviceSeverity']],
    ['xyzzy', []],
  ])('%s → %j', (typed, expected) => {
    expect(suggestTokens(typed)).toEqual(expected);
  });

  it('suggests at most three, alias hits first', () => {
    expect(suggestTokens('event_id')).toEqual(['externalId', 'eventId', 'deviceEventId']);
  });

  it('formats one, two and three suggestions', () => {
    expect(parseError('dstPort:1').message).toBe("Unknown token 'dstPort' at column 1. Did you mean 'destinationPort'?");
    expect(parseError('src_ip:x').message).toBe("Unknown token 'src_ip' at column 1. Did you mean 'sourceIpv4' or 'sourceIpv6'?");
    expect(parseError('event_id:1').message).toBe("Unknown token 'event_id' at column 1. Did you mean 'externalId', 'eventId' or 'deviceEventId'?");
  });

  it('never resolves an alias silently', () => {
    expect(parseError('user:bob').code).toBe('E009');
  });

  it('has catalogue names that differ by more than case', () => {
    const lower = FIELD_CATALOG.map((f) => f.name.toLowerCase());
    expect(new Set([...lower, 'raw']).size).toBe(lower.length + 1);
  });

  it('stays quick for a very long name', () => {
    const started = performance.now();
    expect(suggestTokens('x'.repeat(4000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
