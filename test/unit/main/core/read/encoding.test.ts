import { describe, expect, it } from 'vitest';
import { decodeRecordText, detectEncoding } from '../../../../../main/core/read/encoding.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x7b], { encoding: 'utf-8', bomLength: 3 }],
    ['UTF-16LE BOM', [0xff, 0xfe, 0x5b, 0x00], { encoding: 'utf-16le', bomLength: 2 }],
    ['UTF-16BE BOM', [0xfe, 0xff, 0x00, 0x5b], { encoding: 'utf-16be', bomLength: 2 }],
    ['UTF-16LE `{`', [0x7b, 0x00, 0x22, 0x00], { encoding: 'utf-16le', bomLength: 0 }],
    ['UTF-16LE `[`', [0x5b, 0x00, 0x0d, 0x00], { encoding: 'utf-16le', bomLength: 0 }],
    ['UTF-16LE space', [0x20, 0x00, 0x7b, 0x00], { encoding: 'utf-16le', bomLength: 0 }],
    ['UTF-16LE CR', [0x0d, 0x00, 0x0a, 0x00], { encoding: 'utf-16le', bomLength: 0 }],
    ['UTF-16BE `{`', [0x00, 0x7b, 0x00, 0x22], { encoding: 'utf-16be', bomLength: 0 }],
    ['UTF-16BE `[`', [0x00, 0x5b, 0x00, 0x0d], { encoding: 'utf-16be', bomLength: 0 }],
    ['plain UTF-8', [0x7b, 0x22, 0x61, 0x22], { encoding: 'utf-8', bomLength: 0 }],
    ['UTF-8 starting with a non-ASCII char', [0xc3, 0xa9, 0x7b, 0x7d], { encoding: 'utf-8', bomLength: 0 }],
  ])('%s', (_name, head, expected) => {
    expect(detectEncoding(Uint8Array.from(head))).toEqual(expected);
  });

  it('reports UTF-32 BOMs as unsupported', () => {
    expect(detectEncoding(bytes(0xff, 0xfe, 0x00, 0x00))).toEqual({ unsupported: expect.stringContaining('UTF-32LE') as unknown });
    expect(detectEncoding(bytes(0x00, 0x00, 0xfe, 0xff))).toEqual({ unsupported: expect.stringContaining('UTF-32BE') as unknown });
  });

  it('asks for more bytes while a longer signature could still match', () => {
    expect(detectEncoding(bytes())).toBeUndefined();
    expect(detectEncoding(bytes(0xff))).toBeUndefined();
    expect(detectEncoding(bytes(0xff, 0xfe))).toBeUndefined();
    expect(detectEncoding(bytes(0xff, 0xfe, 0x00))).toBeUndefined();
    expect(detectEncoding(bytes(0xef, 0xbb))).toBeUndefined();
    expect(detectEncoding(bytes(0x7b))).toBeUndefined();
    expect(detectEncoding(bytes(0x00, 0x00, 0xfe))).toBeUndefined();
    // `FF FE` followed by a non-zero byte can only be UTF-16LE
    expect(detectEncoding(bytes(0xff, 0xfe, 0x7b))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(bytes(0x7b, 0x22))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('gives a final answer at end of file', () => {
    expect(detectEncoding(bytes(0xff), true)).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(bytes(0xff, 0xfe), true)).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(bytes(0x7b), true)).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(detectEncoding(bytes(), true)).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });
});

describe('decodeRecordText', () => {
  it('decodes valid UTF-8, UTF-16LE and UTF-16BE', () => {
    const text = '{"a":"é😀"}';
    expect(decodeRecordText(Buffer.from(text, 'utf8'), 'utf-8')).toEqual({ ok: true, text });
    expect(decodeRecordText(Buffer.from(text, 'utf16le'), 'utf-16le')).toEqual({ ok: true, text });
    expect(decodeRecordText(Buffer.from(text, 'utf16le').swap16(), 'utf-16be')).toEqual({ ok: true, text });
  });

  it('does not modify big-endian input', () => {
    const be = Buffer.from('{}', 'utf16le').swap16();
    const copy = Buffer.from(be);
    decodeRecordText(be, 'utf-16be');
    expect(be).toEqual(copy);
  });

  it('rejects invalid UTF-8 and says where', () => {
    const bad = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const result = decodeRecordText(bad, 'utf-8');
    expect(result).toMatchObject({ ok: false, reason: 'invalid_utf8' });
    expect(result.ok ? '' : result.message).toContain('byte 6');
  });

  it.each([
    ['overlong', [0xc0, 0xaf]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['cut sequence', [0xe2, 0x82]],
    ['lone continuation', [0x80]],
  ])('rejects %s UTF-8', (_name, seq) => {
    const result = decodeRecordText(Buffer.concat([Buffer.from('ab'), Buffer.from(seq)]), 'utf-8');
    expect(result).toMatchObject({ ok: false, reason: 'invalid_utf8' });
    expect(result.ok ? '' : result.message).toContain('byte 2');
  });

  it('rejects unpaired surrogates and odd lengths in UTF-16', () => {
    const lone = Buffer.from('{"a":"x\ud800y"}', 'utf16le');
    const le = decodeRecordText(lone, 'utf-16le');
    expect(le).toMatchObject({ ok: false, reason: 'invalid_utf16' });
    expect(le.ok ? '' : le.message).toContain('byte 14');
    expect(decodeRecordText(Buffer.from(lone).swap16(), 'utf-16be')).toMatchObject({ ok: false, reason: 'invalid_utf16' });
    expect(decodeRecordText(Buffer.from('\udc00', 'utf16le'), 'utf-16le')).toMatchObject({ ok: false, reason: 'invalid_utf16' });
    expect(decodeRecordText(Buffer.from([0x7b, 0x00, 0x7d]), 'utf-16le')).toMatchObject({ ok: false, reason: 'invalid_utf16' });
  });
});
