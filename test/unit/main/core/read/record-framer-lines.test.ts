import { describe, expect, it } from 'vitest';
import { RecordFramer } from '../../../../../main/core/read/record-framer.js';
import { encode, errors, frame, frameWith, lineStarts, records } from './framing-helpers.js';

describe('RecordFramer, line mode', () => {
  it('frames LF lines with raw offsets and lengths without the terminator', () => {
    const bytes = Buffer.from('{"a":1}\n{"b":"é"}\n');
    const items = frame(bytes);
    expect(items).toEqual([
      { kind: 'record', offset: 0, length: 7, text: '{"a":1}' },
      { kind: 'record', offset: 8, length: 10, text: '{"b":"é"}' },
    ]);
  });

  it('drops the CR of CRLF, also when CR and LF arrive in different chunks', () => {
    const bytes = Buffer.from('{"a":1}\r\n{"b":2}\r\n');
    for (const sizes of [[bytes.length], [8], [1], [3, 5]]) {
      expect(frame(bytes, sizes)).toEqual([
        { kind: 'record', offset: 0, length: 7, text: '{"a":1}' },
        { kind: 'record', offset: 9, length: 7, text: '{"b":2}' },
      ]);
    }
  });

  it('skips blank and whitespace-only lines silently and commits past them', () => {
    const bytes = Buffer.from('\n{"a":1}\r\n\r\n   \t\n{"b":2}\n\n');
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes, [4]);
    expect(records(items).map((r) => r.text)).toEqual(['{"a":1}', '{"b":2}']);
    expect(errors(items)).toEqual([]);
    expect(framer.committedOffset).toBe(bytes.length);
    expect(framer.format).toBe('lines');
  });

  it('keeps a final line without newline until finish()', () => {
    const framer = new RecordFramer();
    expect(framer.push(Buffer.from('{"a":1}\n{"b":'))).toHaveLength(1);
    expect(framer.committedOffset).toBe(8);
    expect(framer.push(Buffer.from('2}'))).toEqual([]);
    expect(framer.committedOffset).toBe(8);
    expect(framer.finish()).toEqual([{ kind: 'record', offset: 8, length: 7, text: '{"b":2}' }]);
    expect(framer.committedOffset).toBe(15);
  });

  it('emits a cut final line as a record (the consumer reports invalid JSON)', () => {
    const items = frame(Buffer.from('{"a":1}\n{"b":"cu'));
    expect(items[1]).toEqual({ kind: 'record', offset: 8, length: 8, text: '{"b":"cu' });
  });

  it('reports offsets as raw byte positions after a UTF-8 BOM', () => {
    const bytes = encode('{"a":1}\r\n{"b":2}\r\n', 'utf-8', true);
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes, [1]);
    expect(items).toEqual([
      { kind: 'record', offset: 3, length: 7, text: '{"a":1}' },
      { kind: 'record', offset: 12, length: 7, text: '{"b":2}' },
    ]);
    expect(framer.encoding).toBe('utf-8');
    expect(bytes.subarray(12, 19).toString()).toBe('{"b":2}');
  });

  const unicodeLines = ['{"emoji":"😀😀"}', '{"mixed":"ਅĀĀਅ€\\u0041"}', '{"x":"😀"}', '', '{"last":"😀"}'];

  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    it(`frames ${encoding} with BOM identically for every split and tiny chunk sizes`, () => {
      const text = unicodeLines.join('\r\n') + '\r\n';
      const bytes = encode(text, encoding, true);
      const expected = frame(bytes);
      expect(records(expected).map((r) => r.text)).toEqual(unicodeLines.filter((l) => l !== ''));
      // offsets are raw byte offsets: BOM (2) + 2 bytes per UTF-16 unit
      const second = records(expected)[1];
      expect(second?.offset).toBe(2 + 2 * (unicodeLines[0]!.length + 2));
      expect(second?.length).toBe(2 * unicodeLines[1]!.length);
      for (const sizes of [[1], [2], [3], [7], [5, 1, 2]]) expect(frame(bytes, sizes)).toEqual(expected);
      for (let split = 1; split < bytes.length; split++) {
        expect(frame(bytes, [split, bytes.length])).toEqual(expected);
      }
    });
  }

  it('frames UTF-16 chunks the same whatever their alignment in memory', () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const text = unicodeLines.join('\n') + '\n';
      const bytes = encode(text, encoding, true);
      const expected = frame(bytes);
      for (const shift of [0, 1, 2, 3]) {
        for (const size of [4, 6, 9, 64]) {
          const framer = new RecordFramer();
          const items = [];
          for (let at = 0; at < bytes.length; at += size) {
            const part = bytes.subarray(at, at + size);
            const backing = Buffer.alloc(part.length + 8);
            part.copy(backing, shift);
            items.push(...framer.push(backing.subarray(shift, shift + part.length)));
          }
          items.push(...framer.finish());
          expect(items).toEqual(expected);
        }
      }
    }
  });

  it('never takes a 0A 00 byte pair at an odd position for a UTF-16LE newline', () => {
    // "ਅĀ" is 05 0A 00 01 in UTF-16LE: bytes 1..2 are 0A 00
    const line = '{"v":"ਅĀ"}';
    const bytes = encode(`${line}\n${line}\n`, 'utf-16le', true);
    expect(records(frame(bytes, [3])).map((r) => r.text)).toEqual([line, line]);
  });

  it('never takes a 00 0A byte pair at an odd position for a UTF-16BE newline', () => {
    // "Āਅ" is 01 00 0A 05 in UTF-16BE: bytes 1..2 are 00 0A
    const line = '{"v":"Āਅ"}';
    const bytes = encode(`${line}\n${line}\n`, 'utf-16be', true);
    expect(records(frame(bytes, [3])).map((r) => r.text)).toEqual([line, line]);
  });

  it('detects UTF-16LE without BOM', () => {
    const bytes = encode('{"a":1}\r\n{"b":"😀"}\r\n', 'utf-16le');
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes, [1]);
    expect(framer.encoding).toBe('utf-16le');
    expect(items).toEqual([
      { kind: 'record', offset: 0, length: 14, text: '{"a":1}' },
      { kind: 'record', offset: 18, length: 20, text: '{"b":"😀"}' },
    ]);
  });

  it('reports a UTF-32 file once as unsupported_encoding', () => {
    const body = Buffer.alloc(40);
    Buffer.from('{}\n').forEach((b, i) => body.writeUInt32LE(b, i * 4));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), body]);
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes, [3]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'error', reason: 'unsupported_encoding', offset: 0 });
    expect(framer.resumeState).toBeUndefined();
  });

  it('quarantines an invalid UTF-8 line with its offset and keeps its neighbours', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"a":1}\n{"b":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\r\n{"c":3}\n'),
    ]);
    for (const sizes of [[bytes.length], [1], [5]]) {
      const items = frame(bytes, sizes);
      expect(items).toHaveLength(3);
      expect(items[0]).toMatchObject({ kind: 'record', text: '{"a":1}' });
      expect(items[1]).toMatchObject({ kind: 'error', reason: 'invalid_utf8', offset: 8, length: 10 });
      expect(items[1]?.kind === 'error' ? items[1].message : '').toContain('byte 6');
      expect(items[2]).toEqual({ kind: 'record', offset: 20, length: 7, text: '{"c":3}' });
    }
  });

  it('quarantines a UTF-16 line holding an unpaired surrogate', () => {
    const bytes = encode('{"a":1}\n{"b":"\ud83d"}\n{"c":"😀"}\n', 'utf-16le', true);
    const items = frame(bytes, [3]);
    expect(items.map((i) => (i.kind === 'record' ? i.text : i.reason))).toEqual(['{"a":1}', 'invalid_utf16', '{"c":"😀"}']);
    expect(items[1]?.offset).toBe(2 + 16);
  });

  it('passes NUL and garbage lines on as records without throwing', () => {
    const garbage = Buffer.from([0x00, 0x00, 0x01, 0x7f, 0x3c, 0x3e, 0x00]);
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n'), garbage, Buffer.from('\n\u0000\u0000\n{"b":2}\n')]);
    const items = frame(bytes, [2]);
    expect(errors(items)).toEqual([]);
    const texts = records(items).map((r) => r.text);
    expect(texts[0]).toBe('{"a":1}');
    expect(texts.at(-1)).toBe('{"b":2}');
    expect(texts).toHaveLength(4);
    expect(() => JSON.parse(texts[1]!) as unknown).toThrow();
  });

  it('emits NXLog syslog-prefixed lines from the first `{`, with the whole line as span', () => {
    const line = '<14>Mar  1 11:15:30 HOST nxWinEvt[892]: {"EventID":4624,"Hostname":"HOST"}';
    const bytes = Buffer.from(`${line}\n${line}\n`);
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes, [10]);
    expect(framer.format).toBe('lines');
    expect(items).toEqual([
      { kind: 'record', offset: 0, length: line.length, text: '{"EventID":4624,"Hostname":"HOST"}' },
      { kind: 'record', offset: line.length + 1, length: line.length, text: '{"EventID":4624,"Hostname":"HOST"}' },
    ]);
  });

  it('skips evtx_dump `Record <n>` lines between one-line values', () => {
    const bytes = Buffer.from('Record 1\n{"a":1}\nRecord 2\r\n{"b":2}\n');
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes);
    expect(framer.format).toBe('lines');
    expect(items).toEqual([
      { kind: 'record', offset: 9, length: 7, text: '{"a":1}' },
      { kind: 'record', offset: 27, length: 7, text: '{"b":2}' },
    ]);
  });

  it('stays in line mode when the first line is a cut JSON line', () => {
    const bytes = Buffer.from('{"a":"cut\n{"b":2}\n');
    const framer = new RecordFramer();
    const items = frameWith(framer, bytes);
    expect(framer.format).toBe('lines');
    expect(records(items).map((r) => r.text)).toEqual(['{"a":"cut', '{"b":2}']);
  });

  it('resumes at committedOffset and emits every remaining line exactly once', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `{"seq":${i}}`);
    const bytes = encode(lines.join('\r\n') + '\r\n', 'utf-16le', true);
    for (const cut of [30, 41, 100, 151, 250]) {
      const first = new RecordFramer();
      const seen = records(first.push(bytes.subarray(0, cut)));
      const state = first.resumeState;
      expect(state).toBeDefined();
      if (state === undefined) continue;
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      const second = RecordFramer.resume(state);
      seen.push(...records(frameWith(second, bytes.subarray(state.offset), [7])));
      expect(seen.map((r) => r.text)).toEqual(lines);
      expect(seen.map((r) => r.offset)).toEqual(records(frame(bytes)).map((r) => r.offset));
    }
  });

  it('cuts a too-long line short without buffering it and keeps the following lines', () => {
    const max = 1024;
    const long = `{"x":"${'y'.repeat(5000)}"}`;
    const bytes = Buffer.from(`{"a":1}\n${long}\r\n{"b":2}\n${long}`);
    for (const sizes of [[bytes.length], [100], [1000, 7]]) {
      const items = frame(bytes, sizes, { maxRecordBytes: max });
      expect(items).toEqual([
        { kind: 'record', offset: 0, length: 7, text: '{"a":1}' },
        expect.objectContaining({ kind: 'error', reason: 'record_too_long', offset: 8, length: long.length }),
        { kind: 'record', offset: 10 + long.length, length: 7, text: '{"b":2}' },
        expect.objectContaining({ kind: 'error', reason: 'record_too_long', offset: 18 + long.length, length: long.length }),
      ]);
    }
  });

  it('accepts a line of exactly maxRecordBytes', () => {
    const line = `{"x":"${'y'.repeat(100 - 8)}"}`;
    expect(line.length).toBe(100);
    const items = frame(Buffer.from(`${line}\r\n`), [30], { maxRecordBytes: 100 });
    expect(items).toEqual([{ kind: 'record', offset: 0, length: 100, text: line }]);
  });

  it('keeps the byte count of huge lines exact while memory stays flat', () => {
    const max = 1024 * 1024;
    const framer = new RecordFramer({ maxRecordBytes: max });
    const items = [...framer.push(Buffer.from('{"a":1}\n{"big":"'))];
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const total = 50 * 1024 * 1024;
    for (let sent = 0; sent < total; sent += chunk.length) {
      items.push(...framer.push(chunk));
      if (sent % (4 * 1024 * 1024) === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
    }
    items.push(...framer.push(Buffer.from('"}\n{"b":2}\n')));
    items.push(...framer.finish());
    expect(items).toEqual([
      { kind: 'record', offset: 0, length: 7, text: '{"a":1}' },
      expect.objectContaining({ kind: 'error', reason: 'record_too_long', offset: 8, length: 8 + total + 2 }),
      { kind: 'record', offset: 8 + 8 + total + 3, length: 7, text: '{"b":2}' },
    ]);
    // not a precise bound (garbage may linger until the next GC), but far below the 50 MiB line
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });

  it('splits the real line starts of a CRLF file', () => {
    const bytes = Buffer.from('{"a":1}\r\n\r\n{"b":2}\r\n{"c":3}');
    const starts = lineStarts(bytes);
    expect(records(frame(bytes, [2])).map((r) => r.offset)).toEqual([starts[0], starts[2], starts[3]]);
  });
});
