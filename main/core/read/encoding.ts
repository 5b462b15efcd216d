/** Source encodings of exported event files (tailing.md §6): detection from the first bytes and strict per-record decoding. */

import { isUtf8 } from 'node:buffer';

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type EncodingDetection = { encoding: SourceEncoding; bomLength: number } | { unsupported: string };

interface Signature {
  readonly bytes: readonly number[];
  readonly result: EncodingDetection;
}

// Order matters: a longer signature is tried before any shorter one it starts with (UTF-32LE before UTF-16LE).
// The no-BOM UTF-16 rows of the spec's table (`7B 00`, `5B 00`, `20 00`, `0D 00`, `00 7B`, `00 5B`) are extended
// with the other JSON whitespace units (tab, LF, and space/CR for BE): a UTF-8 text never contains a NUL byte there.
const SIGNATURES: readonly Signature[] = [
  { bytes: [0xef, 0xbb, 0xbf], result: { encoding: 'utf-8', bomLength: 3 } },
  { bytes: [0xff, 0xfe, 0x00, 0x00], result: { unsupported: 'UTF-32LE (BOM FF FE 00 00)' } },
  { bytes: [0x00, 0x00, 0xfe, 0xff], result: { unsupported: 'UTF-32BE (BOM 00 00 FE FF)' } },
  { bytes: [0xff, 0xfe], result: { encoding: 'utf-16le', bomLength: 2 } },
  { bytes: [0xfe, 0xff], result: { encoding: 'utf-16be', bomLength: 2 } },
  ...[0x7b, 0x5b, 0x20, 0x0d, 0x0a, 0x09].map((b): Signature => ({ bytes: [b, 0x00], result: { encoding: 'utf-16le', bomLength: 0 } })),
  ...[0x7b, 0x5b, 0x20, 0x0d, 0x0a, 0x09].map((b): Signature => ({ bytes: [0x00, b], result: { encoding: 'utf-16be', bomLength: 0 } })),
];

const DEFAULT_UTF8: EncodingDetection = { encoding: 'utf-8', bomLength: 0 };

/**
 * Detects the encoding from the first bytes of a file (tailing.md §6).
 *
 * Returns `undefined` ("need more bytes") while `head` is a proper prefix of a signature that could still change the
 * answer (at most 4 bytes are ever needed, e.g. `FF FE` alone could still be the UTF-32LE BOM `FF FE 00 00`) and
 * `atEof` is false. With `atEof` true the answer is final: a lone `FF` is plain UTF-8 (its record then fails decoding).
 */
export function detectEncoding(head: Uint8Array, atEof = false): EncodingDetection | undefined {
  for (const sig of SIGNATURES) {
    const n = Math.min(sig.bytes.length, head.length);
    let matches = true;
    for (let i = 0; i < n; i++) {
      if (head[i] !== sig.bytes[i]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    if (head.length >= sig.bytes.length) return sig.result;
    if (!atEof) return undefined;
  }
  return head.length === 0 && !atEof ? undefined : DEFAULT_UTF8;
}

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'invalid_utf8' | 'invalid_utf16'; message: string };

/** Strictly decodes one complete record's bytes; never substitutes U+FFFD. */
export function decodeRecordText(bytes: Buffer, encoding: SourceEncoding): DecodeResult {
  if (encoding === 'utf-8') {
    if (isUtf8(bytes)) return { ok: true, text: bytes.toString('utf8') };
    return { ok: false, reason: 'invalid_utf8', message: `invalid UTF-8 sequence at byte ${firstInvalidUtf8(bytes)} of the record` };
  }
  if (bytes.length % 2 !== 0) {
    return { ok: false, reason: 'invalid_utf16', message: `odd byte length ${bytes.length} for UTF-16 text` };
  }
  // swap16 works in place, so big-endian input is swapped in a copy
  const le = encoding === 'utf-16le' ? bytes : Buffer.from(bytes).swap16();
  const text = le.toString('utf16le');
  if (isWellFormed(text)) return { ok: true, text };
  return { ok: false, reason: 'invalid_utf16', message: `unpaired surrogate at byte ${2 * firstLoneSurrogate(text)} of the record` };
}

interface WellFormedString {
  isWellFormed(): boolean;
}

// String.prototype.isWellFormed is in Node 20 (V8 11.3) but not in the ES2023 lib typings this project compiles with.
function isWellFormed(text: string): boolean {
  return (text as unknown as WellFormedString).isWellFormed();
}

function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

/** Index of the first byte that starts (or continues) an invalid UTF-8 sequence; only used to word error messages. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cont = bytes[i + k] ?? 0;
      if ((cont & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cont & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
