import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventContractViolations } from '../../../../../shared/catalog/event-validation.js';
import { normalizeRecord } from '../../../../../main/core/normalize/normalizer.js';
import { SHAPES } from '../../../../../main/core/normalize/source-record.js';

const options = { sourceTimeZone: 'UTC' } as const;
const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'Event', 'System', 'EventData', 'winlog', 'event_data', 'Properties', 'Id', 'EventID', 'Computer', 'Name', 'logset', 'TimeCreated');
const key = fc.oneof(hostileKeys, fc.string({ maxLength: 12 }));
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('-', '', '0x3e7', '::ffff:10.0.0.1', '%%14592', '/Date(1618997276102)/', '2019-05-12T17:09:02.275164Z', 'S-1-5-18', '8.8.8.8', '2001:db8::1'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 8 }),
})).value;

/** Records that look like each shape at the top, with arbitrary content underneath. */
const shaped = fc.oneof(
  fc.record({ Event: fc.record({ System: fc.dictionary(key, json), EventData: json, UserData: json }) }),
  fc.record({ winlog: fc.dictionary(key, json), event: json, '@timestamp': scalar, source: json, destination: json }),
  fc.record({ Id: scalar, ProviderName: scalar, TimeCreated: scalar, Properties: json, Version: scalar, Qualifiers: scalar, UserId: json }),
  fc.record({ Computer: scalar, Name: scalar, logset: scalar, EventID: scalar, TimeCreated: scalar, src: scalar, DestAddress: scalar }),
  fc.record({ EventID: scalar, SourceName: scalar, Hostname: scalar, EventTime: scalar, SourceAddress: scalar, Keywords: scalar }),
);

describe('normalizer on arbitrary JSON', () => {
  it('never throws, and every event it returns satisfies the catalog types', () => {
    fc.assert(fc.property(fc.oneof(json, shaped), fc.constantFrom(undefined, ...SHAPES), (value, shape) => {
      const result = normalizeRecord(value, shape === undefined ? options : { ...options, shape });
      if (result.ok) expect(eventContractViolations(result.event)).toEqual([]);
      else expect(result.reason.length).toBeGreaterThan(0);
    }), { numRuns: 3000 });
  });

  it('never writes to Object.prototype, whatever the keys', () => {
    const payload = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"Event":{"System":{"__proto__":{"polluted":1},"EventID":4624,"Computer":"x","TimeCreated":{"#attributes":{"SystemTime":"2020-01-01T00:00:00Z"}}},"EventData":{"__proto__":{"polluted":1},"prototype":{"polluted":1}}}}';
    fc.assert(fc.property(fc.oneof(json, shaped), (value) => {
      normalizeRecord(value, options);
      normalizeRecord(JSON.parse(payload), options);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }), { numRuns: 500 });
  });

  it('returns an error, not a crash, for 10,000-deep nesting in any field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = i % 2 === 0 ? [deep] : { a: deep };
    const records = [
      deep,
      { Event: { System: { EventID: deep, Computer: deep, TimeCreated: deep }, EventData: deep } },
      { Computer: 'h', Name: 'P:1', EventID: 1, TimeCreated: '2020-01-01T00:00:00Z', Data: deep },
      JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
    ];
    for (const record of records) expect(() => normalizeRecord(record, options)).not.toThrow();
  });
});
