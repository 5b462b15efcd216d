import { v5 as uuidV5, validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentEventKey, eventUuid, naturalEventKey } from '../../../../../main/core/normalize/event-identity.js';

describe('eventId', () => {
  it('is an RFC 9562 version 5 UUID, identical to a reference implementation', () => {
    for (const key of ['record|host|provider|1|0', 'content|abc', 'ünïcödé|😀', '']) {
      const id = eventUuid(key);
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(5);
      expect(id).toBe(uuidV5(key, '6c1d4f0e-5b7a-4f57-9b3e-2f0e8b6c9a41'));
    }
  });

  it('keys a record by computer, provider, record id and time, ignoring case of names', () => {
    const a = naturalEventKey({ computer: 'HOST01.example.test', provider: 'Microsoft-Windows-Security-Auditing', recordId: 1201, timeMs: 5 });
    const b = naturalEventKey({ computer: 'host01.EXAMPLE.test', provider: 'microsoft-windows-security-auditing', recordId: 1201, timeMs: 5 });
    expect(a).toBe(b);
    expect(naturalEventKey({ computer: 'h', provider: 'p', recordId: 1202, timeMs: 5 })).not.toBe(naturalEventKey({ computer: 'h', provider: 'p', recordId: 1201, timeMs: 5 }));
    expect(naturalEventKey({ computer: 'h', provider: 'p', recordId: undefined, timeMs: 5 })).toBeUndefined();
  });

  it('falls back to a content hash that ignores key order and whitespace', () => {
    expect(contentEventKey(JSON.parse('{"b":1, "a":{"y":[1,2],"x":null}}'))).toBe(contentEventKey({ a: { x: null, y: [1, 2] }, b: 1 }));
    expect(contentEventKey({ a: 1 })).not.toBe(contentEventKey({ a: 2 }));
  });

  it('writes canonical JSON iteratively, whatever the depth', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: true }], a: null })).toBe('{"a":null,"b":[1,{"c":true,"d":"x"}]}');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(canonicalJson(deep)).toHaveLength(200_001);
  });
});

describe('eventId of long keys', () => {
  it('matches the reference for keys longer than the scratch buffer', () => {
    const key = `content|${'é'.repeat(5000)}`;
    expect(eventUuid(key)).toBe(uuidV5(key, '6c1d4f0e-5b7a-4f57-9b3e-2f0e8b6c9a41'));
  });
});
