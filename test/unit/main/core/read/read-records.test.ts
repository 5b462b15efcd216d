import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileRecords } from '../../../../../main/core/read/read-records.js';
import type { ReadFileRecordsOptions } from '../../../../../main/core/read/read-records.js';
import type { FrameItem } from '../../../../../main/core/read/record-framer.js';
import { encode, frame, tempDir } from './framing-helpers.js';

const dir = tempDir();
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function readAll(file: string, options?: ReadFileRecordsOptions): Promise<FrameItem[]> {
  const items: FrameItem[] = [];
  for await (const item of readFileRecords(file, options)) items.push(item);
  return items;
}

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const openDescriptors = (): number => fs.readdirSync('/proc/self/fd').length;

describe('readFileRecords', () => {
  it('reads an NDJSON file with CRLF, blank lines and a final line without newline', async () => {
    const file = write('a.ndjson', '{"a":1}\r\n\r\n{"b":2}\n{"c":3}');
    const expected: FrameItem[] = [
      { kind: 'record', offset: 0, length: 7, text: '{"a":1}' },
      { kind: 'record', offset: 11, length: 7, text: '{"b":2}' },
      { kind: 'record', offset: 19, length: 7, text: '{"c":3}' },
    ];
    expect(await readAll(file)).toEqual(expected);
    expect(await readAll(file, { chunkSize: 3 })).toEqual(expected);
  });

  it('reads a UTF-16LE document with odd requested chunk sizes the same as in one piece', async () => {
    const doc = '[\r\n    {\r\n        "a":  "😀"\r\n    },\r\n    {\r\n        "b":  [\r\n\r\n              ]\r\n    }\r\n]\r\n';
    const bytes = encode(doc, 'utf-16le', true);
    const file = write('ps.json', bytes);
    const expected = frame(bytes);
    expect(expected).toHaveLength(2);
    for (const chunkSize of [1, 5, 7, 64 * 1024]) expect(await readAll(file, { chunkSize })).toEqual(expected);
  });

  it('passes encoding and format overrides on', async () => {
    const file = write('override.json', '{"a":1}\n{"b":2}\n');
    const items = await readAll(file, { format: 'document', encoding: 'utf-8' });
    expect(items.map((i) => (i.kind === 'record' ? i.text : i.reason))).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports 10 MB and 50 MB lines as record_too_long and reads the lines after them', async () => {
    const mib = 1024 * 1024;
    const ten = Buffer.alloc(10_000_000, 0x61);
    const fifty = Buffer.alloc(50 * mib, 0x62);
    ten[0] = 0x7b;
    fifty[0] = 0x7b;
    const file = path.join(dir, 'huge.ndjson');
    const fd = fs.openSync(file, 'w');
    for (const part of [Buffer.from('{"a":1}\n'), ten, Buffer.from('\n{"b":2}\r\n'), fifty, Buffer.from('\r\n{"c":3}\n')]) fs.writeSync(fd, part);
    fs.closeSync(fd);
    const items = await readAll(file, { maxRecordBytes: mib });
    const bStart = 8 + ten.length + 1;
    const fiftyStart = bStart + 9;
    expect(items).toEqual([
      { kind: 'record', offset: 0, length: 7, text: '{"a":1}' },
      expect.objectContaining({ kind: 'error', reason: 'record_too_long', offset: 8, length: ten.length }),
      { kind: 'record', offset: bStart, length: 7, text: '{"b":2}' },
      expect.objectContaining({ kind: 'error', reason: 'record_too_long', offset: fiftyStart, length: fifty.length }),
      { kind: 'record', offset: fiftyStart + fifty.length + 2, length: 7, text: '{"c":3}' },
    ]);
    fs.rmSync(file);
  });

  it.skipIf(!fs.existsSync('/proc/self/fd'))('closes the file handle, also when the consumer stops early', async () => {
    const file = write('close.ndjson', '{"a":1}\n'.repeat(1000));
    const before = openDescriptors();
    await readAll(file, { chunkSize: 64 });
    expect(openDescriptors()).toBe(before);
    for await (const item of readFileRecords(file, { chunkSize: 64 })) {
      expect(item.kind).toBe('record');
      break;
    }
    expect(openDescriptors()).toBe(before);
  });

  it('rejects a missing file', async () => {
    await expect(readAll(path.join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
