import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceEncoding } from '../../../../../main/core/read/encoding.js';
import { RecordFramer } from '../../../../../main/core/read/record-framer.js';
import type { FrameItem, FramerOptions } from '../../../../../main/core/read/record-framer.js';

/** The project root (the folder holding package.json), found from this file's location. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const SAMPLES = path.resolve(PROJECT_ROOT, '../shared/samples');

export function encode(text: string, encoding: SourceEncoding, bom = false): Buffer {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const le = Buffer.from(text, 'utf16le');
  const body = encoding === 'utf-16le' ? le : le.swap16();
  if (!bom) return body;
  return Buffer.concat([Buffer.from(encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

/** Frames `bytes` pushed in chunks of the given sizes (cycled), then finishes. */
export function frame(bytes: Buffer, sizes: readonly number[] = [bytes.length || 1], options: FramerOptions = {}): FrameItem[] {
  const framer = new RecordFramer(options);
  return frameWith(framer, bytes, sizes);
}

export function frameWith(framer: RecordFramer, bytes: Buffer, sizes: readonly number[] = [bytes.length || 1]): FrameItem[] {
  const items: FrameItem[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1);
    // a copy, like a reused read buffer would be: the framer must not keep references into it
    const chunk = Buffer.from(bytes.subarray(at, at + size));
    items.push(...framer.push(chunk));
    chunk.fill(0x55);
    at += size;
    k++;
  }
  items.push(...framer.finish());
  return items;
}

export function records(items: readonly FrameItem[]): { offset: number; length: number; text: string }[] {
  return items.flatMap((item) => (item.kind === 'record' ? [{ offset: item.offset, length: item.length, text: item.text }] : []));
}

export function errors(items: readonly FrameItem[]): Extract<FrameItem, { kind: 'error' }>[] {
  return items.flatMap((item) => (item.kind === 'error' ? [item] : []));
}

/** Byte offsets where each line starts (line 1 at index 0), for line terminators LF or CRLF in UTF-8. */
export function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'xdr-read-'));
}
