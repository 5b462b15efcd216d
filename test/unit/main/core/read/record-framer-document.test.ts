import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceEncoding } from '../../../../../main/core/read/encoding.js';
import { RecordFramer } from '../../../../../main/core/read/record-framer.js';
import type { FrameItem } from '../../../../../main/core/read/record-framer.js';
import { encode, errors, frame, frameWith, records } from './framing-helpers.js';

/** Two elements the way Windows PowerShell 5.1 ConvertTo-Json writes them (CRLF, `":  "`, empty `[`/`]` pairs). */
const PS51_ELEMENT_A = [
  '    {',
  '        "Message":  "The PSEXESVC service entered the running state.",',
  '        "Id":  7036,',
  '        "Keywords":  -9187343239835811840,',
  '        "TimeCreated":  "\\/Date(1618997276102)\\/",',
  '        "MatchedQueryIds":  [',
  '',
  '                            ],',
  '        "Bookmark":  {',
  '',
  '                     },',
  '        "KeywordsDisplayNames":  [',
  '                                     "Classic"',
  '                                 ],',
  '        "Properties":  [',
  '                           {',
  '                               "Value":  "PSEXESVC \\u003c😀\\u003e"',
  '                           },',
  '                           {',
  '                               "Value":  "80 0 83 0"',
  '                           }',
  '                       ]',
  '    }',
];
const PS51_ELEMENT_B = [
  '    {',
  '        "Message":  null,',
  '        "Id":  4624,',
  '        "Properties":  [',
  '                           {',
  '                               "Value":  "C:\\\\Windows\\\\System32\\\\svchost.exe"',
  '                           }',
  '                       ]',
  '    }',
];

function ps51Document(elements: readonly (readonly string[])[]): string {
  return '[\r\n' + elements.map((e) => e.join('\r\n')).join(',\r\n') + '\r\n]\r\n';
}

/** Offsets (in UTF-16 units of `doc`) of the `{` that starts each top-level element of a PowerShell 5.1 array. */
const elementStarts = (doc: string): number[] => [...doc.matchAll(/^ {4}\{\r?$/gm)].map((m) => m.index + 4);

const texts = (items: readonly FrameItem[]): string[] => records(items).map((r) => r.text);
const parsed = (items: readonly FrameItem[]): unknown[] => texts(items).map((t) => JSON.parse(t) as unknown);

describe('RecordFramer, document mode', () => {
  it('frames a PowerShell 5.1 array (UTF-16LE BOM, CRLF) the same for any chunking', () => {
    const doc = ps51Document([PS51_ELEMENT_A, PS51_ELEMENT_B, PS51_ELEMENT_A]);
    const bytes = encode(doc, 'utf-16le', true);
    const framer = new RecordFramer();
    const expected = frameWith(framer, bytes);
    expect(framer.format).toBe('document');
    expect(framer.encoding).toBe('utf-16le');
    expect(errors(expected)).toEqual([]);
    const values = parsed(expected);
    expect(values).toHaveLength(3);
    expect(values[0]).toMatchObject({ Id: 7036, MatchedQueryIds: [], Bookmark: {}, Properties: [{ Value: 'PSEXESVC <😀>' }, { Value: '80 0 83 0' }] });
    expect(values[1]).toMatchObject({ Id: 4624, Properties: [{ Value: 'C:\\Windows\\System32\\svchost.exe' }] });
    // each record starts at its element's `{` (raw offset: BOM + 2 bytes per unit)
    const firstBrace = 2 + 2 * doc.indexOf('{');
    expect(records(expected)[0]?.offset).toBe(firstBrace);
    expect(records(expected)[0]?.length).toBe(2 * PS51_ELEMENT_A.join('\r\n').trim().length);
    for (const sizes of [[1], [2], [3], [7], [64], [1000, 1]]) expect(frame(bytes, sizes)).toEqual(expected);
  });

  it('frames the same PowerShell text as UTF-8 without BOM and as UTF-16BE', () => {
    const doc = ps51Document([PS51_ELEMENT_A, PS51_ELEMENT_B]);
    const utf8 = parsed(frame(encode(doc, 'utf-8'), [5]));
    expect(utf8).toHaveLength(2);
    expect(parsed(frame(encode(doc, 'utf-16be', true), [3]))).toEqual(utf8);
    expect(parsed(frame(encode(doc, 'utf-16le'), [3]))).toEqual(utf8);
  });

  it('frames evtx_dump -o json output: pretty objects preceded by `Record <n>` lines', () => {
    const one = JSON.stringify({ Event: { System: { EventID: 4624, Channel: 'Security' } } }, null, 2);
    const two = JSON.stringify({ Event: { System: { EventID: 4625 }, EventData: { a: '{[' } } }, null, 2);
    const doc = `Record 1\n${one}\nRecord 2\n${two}\n`;
    const framer = new RecordFramer();
    const items = frameWith(framer, Buffer.from(doc), [9]);
    expect(framer.format).toBe('document');
    expect(errors(items)).toEqual([]);
    expect(texts(items)).toEqual([one, two]);
    expect(records(items).map((r) => r.offset)).toEqual([9, 9 + one.length + 10]);
  });

  it('frames a single pretty-printed object as one record', () => {
    const text = JSON.stringify({ Id: 1, Properties: [{ Value: 'x' }] }, null, 4);
    const framer = new RecordFramer();
    const items = frameWith(framer, encode(`${text}\r\n`, 'utf-8', true), [4]);
    expect(framer.format).toBe('document');
    expect(items).toEqual([{ kind: 'record', offset: 3, length: Buffer.byteLength(text), text }]);
  });

  it('reports the cut last element of an array as truncated at finish()', () => {
    const doc = ps51Document([PS51_ELEMENT_B, PS51_ELEMENT_A]);
    const cutAt = doc.indexOf('"Value":  "80 0');
    const bytes = encode(doc.slice(0, cutAt), 'utf-16le', true);
    const framer = new RecordFramer();
    const pushed = framer.push(bytes);
    expect(pushed).toHaveLength(1);
    const secondStart = 2 + 2 * (elementStarts(doc)[1] ?? -1);
    expect(framer.committedOffset).toBeLessThanOrEqual(secondStart);
    expect(framer.finish()).toEqual([
      expect.objectContaining({ kind: 'error', reason: 'truncated', offset: secondStart, length: bytes.length - secondStart }),
    ]);
  });

  it('handles 10,000 and 100,000 levels of nesting without recursion', () => {
    for (const depth of [10_000, 100_000]) {
      const inner = '['.repeat(depth - 1) + ']'.repeat(depth - 1);
      const items = frame(Buffer.from(`[${inner}]`), [4096]);
      expect(items).toEqual([{ kind: 'record', offset: 1, length: inner.length, text: inner }]);
    }
    const objects = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(frame(Buffer.from(objects), [777])).toEqual([{ kind: 'record', offset: 0, length: objects.length, text: objects }]);
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    const element = '{"a":"}]\\"{[","b\\\\":"\\\\"}';
    expect(JSON.parse(element)).toEqual({ a: '}]"{[', 'b\\': '\\' });
    const doc = `[\n${element},\n${element}\n]`;
    for (const sizes of [[1], [2], [doc.length]]) expect(texts(frame(Buffer.from(doc), sizes))).toEqual([element, element]);
  });

  it('frames a compact one-line array and objects separated by commas', () => {
    expect(frame(Buffer.from('[{"a":1},{"b":2}]'))).toEqual([
      { kind: 'record', offset: 1, length: 7, text: '{"a":1}' },
      { kind: 'record', offset: 9, length: 7, text: '{"b":2}' },
    ]);
    expect(texts(frame(Buffer.from('{\n"a":1\n},\n{\n"b":2\n}\n')))).toEqual(['{\n"a":1\n}', '{\n"b":2\n}']);
    expect(texts(frame(Buffer.from('{"a":1} {"b":2}\n{"c":3}\n')))).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('emits scalar array elements as they are', () => {
    expect(texts(frame(Buffer.from('[1, "two,]", true, null, -2.5e3, {"x":[1]}]'), [3]))).toEqual([
      '1',
      '"two,]"',
      'true',
      'null',
      '-2.5e3',
      '{"x":[1]}',
    ]);
  });

  it('quarantines an element broken by a raw line break inside a string and continues', () => {
    const broken = [...PS51_ELEMENT_B];
    broken[1] = '        "Message":  "trunc';
    const doc = ps51Document([PS51_ELEMENT_A, broken, PS51_ELEMENT_B]);
    const bytes = encode(doc, 'utf-16le', true);
    const items = frame(bytes, [64]);
    expect(items.map((i) => (i.kind === 'record' ? 'record' : i.reason))).toEqual(['record', 'invalid_json', 'record']);
    expect(items[1]).toMatchObject({ offset: 2 + 2 * (elementStarts(doc)[1] ?? -1) });
    expect(items[1]?.length).toBe(2 * broken.join('\r\n').trim().length);
    expect(frame(bytes, [1])).toEqual(items);
  });

  it('resynchronizes at the next element line when an element never closes', () => {
    const unclosed = PS51_ELEMENT_B.slice(0, -2);
    const doc = ps51Document([PS51_ELEMENT_A, unclosed, PS51_ELEMENT_B, PS51_ELEMENT_A]);
    const items = frame(Buffer.from(doc), [50]);
    expect(items.map((i) => (i.kind === 'record' ? 'record' : i.reason))).toEqual(['record', 'invalid_json', 'record', 'record']);
    expect(items[1]).toMatchObject({ offset: Buffer.byteLength(doc.slice(0, elementStarts(doc)[1])) });
    // the span ends with the last line before the next element (here with the comma that preceded it)
    expect(errors(items)[0]?.length).toBe(unclosed.join('\r\n').trim().length + 1);
  });

  it('quarantines junk between top-level values and resumes at the next `{` line', () => {
    const doc = '{\n  "a": 1\n}\ngarbage here\n  more\n{\n  "b": 2\n}\n';
    const items = frame(Buffer.from(doc), [3]);
    expect(items.map((i) => (i.kind === 'record' ? i.text : i.reason))).toEqual(['{\n  "a": 1\n}', 'invalid_json', '{\n  "b": 2\n}']);
    expect(items[1]).toMatchObject({ offset: doc.indexOf('garbage'), length: 'garbage here\n  more'.length });
  });

  it('reports a too-long element once, with its full length, and keeps the next ones', () => {
    const big = JSON.stringify({ x: 'y'.repeat(10_000), nested: [{ q: '}]' }] }, null, 2);
    const doc = `[\n{"a":1},\n${big},\n{"b":2}\n]\n`;
    for (const sizes of [[doc.length], [100], [4096]]) {
      const items = frame(Buffer.from(doc), sizes, { maxRecordBytes: 1000 });
      expect(items).toEqual([
        { kind: 'record', offset: 2, length: 7, text: '{"a":1}' },
        expect.objectContaining({ kind: 'error', reason: 'record_too_long', offset: 11, length: big.length }),
        { kind: 'record', offset: 13 + big.length, length: 7, text: '{"b":2}' },
      ]);
    }
  });

  it('never commits past the closing bracket, so an appending writer is followed', () => {
    const v1 = '[\r\n    {"a":1},\r\n    {"b":2}\r\n]\r\n';
    const first = new RecordFramer();
    expect(texts(frameWith(first, Buffer.from(v1)))).toEqual(['{"a":1}', '{"b":2}']);
    const state = first.resumeState;
    expect(state).toMatchObject({ format: 'document', insideArray: true });
    if (state === undefined) return;
    expect(state.offset).toBeLessThanOrEqual(v1.indexOf(']'));
    // the writer replaces the final `]` with `,{…}]`
    const v2 = v1.slice(0, v1.lastIndexOf(']')) + ',\r\n    {"c":3}\r\n]\r\n';
    const second = RecordFramer.resume(state);
    expect(frameWith(second, Buffer.from(v2).subarray(state.offset), [5])).toEqual([
      { kind: 'record', offset: v2.indexOf('{"c"'), length: 7, text: '{"c":3}' },
    ]);
  });

  for (const encoding of ['utf-8', 'utf-16le'] as const) {
    it(`resumes a ${encoding} document from any point and emits every element exactly once`, () => {
      const doc = ps51Document([PS51_ELEMENT_A, PS51_ELEMENT_B, PS51_ELEMENT_A, PS51_ELEMENT_B]);
      const bytes = encode(doc, encoding, true);
      const all = records(frame(bytes));
      expect(all).toHaveLength(4);
      for (let cut = 40; cut < bytes.length; cut += 97) {
        const first = new RecordFramer();
        const seen = records(first.push(bytes.subarray(0, cut)));
        const state = first.resumeState;
        if (state === undefined) throw new Error(`no resume state at ${cut}`);
        const restored = JSON.parse(JSON.stringify(state)) as typeof state;
        seen.push(...records(frameWith(RecordFramer.resume(restored), bytes.subarray(state.offset), [11])));
        expect(seen).toEqual(all);
      }
    });
  }

  it('decides the format from the first content', () => {
    const decide = (text: string): string | undefined => {
      const framer = new RecordFramer();
      frameWith(framer, Buffer.from(text));
      return framer.format;
    };
    expect(decide('\r\n\r\n  [{"a":1}]')).toBe('document');
    expect(decide('{"a":1}\n{"a":2}\n')).toBe('lines');
    expect(decide('  {"a":[1,{"b":2}]}  \r\n')).toBe('lines');
    expect(decide('{\n"a":1}\n')).toBe('document');
    expect(decide('{"a":1}{"b":2}\n')).toBe('document');
    expect(decide('Record 1\n{\n"a":1}\n')).toBe('document');
    expect(decide('Record 1\n{"a":1}\n')).toBe('lines');
    expect(decide('\n\n   \n')).toBeUndefined();
  });

  it('waits for the first complete line before deciding', () => {
    const framer = new RecordFramer();
    expect(framer.push(Buffer.from('{"a":1,'))).toEqual([]);
    expect(framer.format).toBeUndefined();
    expect(framer.push(Buffer.from('"b":2}'))).toEqual([]);
    expect(framer.push(Buffer.from('\n{"c":3}\n'))).toHaveLength(2);
    expect(framer.format).toBe('lines');
  });

  it('honours an explicit format and encoding', () => {
    const items = frame(Buffer.from('{"a":1}\n{"b":2}\n'), [3], { format: 'document' });
    expect(texts(items)).toEqual(['{"a":1}', '{"b":2}']);
    const le = encode('{"a":1}\n', 'utf-16le', true);
    expect(texts(frame(le, [1], { encoding: 'utf-16le' }))).toEqual(['{"a":1}']);
  });

  it('frames random documents identically to JSON.parse for any chunking and encoding', () => {
    const value = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 });
    const style = fc.constantFrom('lines', 'pretty-array', 'compact-array', 'concatenated', 'crlf-lines');
    const encoding = fc.constantFrom<SourceEncoding>('utf-8', 'utf-16le', 'utf-16be');
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), style, encoding, fc.boolean(), fc.integer({ min: 1, max: 40 }), (values, how, enc, bom, chunk) => {
        const expected = values.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
        let text: string;
        if (how === 'lines') text = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
        else if (how === 'crlf-lines') text = values.map((v) => JSON.stringify(v)).join('\r\n');
        else if (how === 'pretty-array') text = JSON.stringify(values, null, 2) + '\r\n';
        else if (how === 'compact-array') text = JSON.stringify(values);
        else text = values.map((v) => JSON.stringify(v, null, 1)).join('\n');
        const items = frame(encode(text, enc, bom || enc === 'utf-16be'), [chunk]);
        expect(errors(items)).toEqual([]);
        expect(parsed(items)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
