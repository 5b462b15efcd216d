/**
 * Incremental, resumable framing of raw file bytes into records (tailing.md §5–§7).
 *
 * Bytes are pushed in file order and in chunks of any size. The framer holds at most one record plus one chunk:
 * a record longer than `maxRecordBytes` is not buffered any further and becomes one `record_too_long` item.
 *
 * Offsets are raw file offsets (BOM included). For every item, `offset`/`length` delimit the record's bytes in the
 * file (for lines without the line terminator). A line with a prefix before its JSON (NXLog syslog header
 * `<14>Mar  1 11:15:30 HOST nxWinEvt[892]: {…}`) keeps the whole line as its span; only its `text` starts at the
 * first `{`.
 *
 * Framing works on code units: bytes for UTF-8, 16-bit units for UTF-16. A UTF-16 chunk is first projected to one
 * byte per unit (the ASCII value when the high byte is 0, else 0xFF), so a single byte scanner serves all encodings
 * and a unit is never matched at an odd position; record bytes are decoded only once the record is complete.
 */

import { decodeRecordText, detectEncoding } from './encoding.js';
import type { SourceEncoding } from './encoding.js';

export type RecordFormat = 'lines' | 'document';

export type FrameErrorReason =
  | 'invalid_json'
  | 'invalid_utf8'
  | 'invalid_utf16'
  | 'record_too_long'
  | 'truncated'
  | 'unsupported_encoding';

export type FrameItem =
  | { kind: 'record'; offset: number; length: number; text: string }
  | { kind: 'error'; offset: number; length: number; reason: FrameErrorReason; message: string };

export interface FramerOptions {
  /** default 1 MiB */
  maxRecordBytes?: number;
  /** raw file offset of the first byte pushed; default 0 */
  startOffset?: number;
  /** detected from the first bytes when absent (a BOM is skipped only when `startOffset` is 0) */
  encoding?: SourceEncoding;
  /** decided from the first content when absent (tailing.md §7) */
  format?: RecordFormat;
  /** document mode only: `startOffset` lies between elements of an open top-level array */
  resumeInsideArray?: boolean;
}

/** Everything needed to continue framing at `offset` with a new framer; plain JSON-serializable data. */
export interface FramerResumeState {
  offset: number;
  encoding: SourceEncoding;
  format: RecordFormat;
  insideArray: boolean;
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const NON_ASCII = 0xff;

// kinds of the element being framed in document mode
const NONE = 0;
const CONTAINER = 1;
const STRING = 2;
const BARE = 3;

const OBJECT_TYPE = 1;
const ARRAY_TYPE = 2;
// bracket types are remembered up to this depth; deeper levels are only counted
const MAX_TYPED_DEPTH = 1 << 16;

const RECORD_LINE = /^Record\s+\d+\s*$/;
const DROP_BLANK_HEAD_BYTES = 64 * 1024;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const MAX_JUNK_LINE_TEXT = 48;

export class RecordFramer {
  private readonly maxRecordBytes: number;
  private readonly startOffset: number;
  private enc: SourceEncoding | undefined;
  private fmt: RecordFormat | undefined;
  private unit: 1 | 2 = 1;
  private bigEndian = false;

  private detecting: boolean;
  private head: Buffer[] = [];
  /** -1 until the encoding is settled */
  private bomLength = -1;
  /** blank bytes after the BOM dropped while waiting for the first content */
  private skipped = 0;
  private dead = false;
  private finished = false;

  /** raw offset of the next byte to scan (a carried odd UTF-16 byte sits here) */
  private pos: number;
  private oddByte = -1;
  private scratch: Buffer = Buffer.alloc(0);
  /** `scratch` seen as 16-bit cells, to write two projected units at once */
  private scratchPairs: Uint16Array = new Uint16Array(0);
  /** last unit of the previous chunk */
  private prevUnit = -1;

  private committed: number;
  private committedInArray: boolean;

  // the record being framed: a line, an element or a junk span
  private spanStart = 0;
  private pieces: Buffer[] = [];
  private tooLong = false;

  // line bookkeeping (document mode)
  private lineStart: number;
  private atLineStart = true;
  private lineIndent = 0;
  private lineFirstPos = -1;
  private lastContentLineEnd: number;

  // document mode structure
  private depth: number;
  private inArray: boolean;
  private expectValue = true;
  private inString = false;
  private escape = false;
  private types = new Uint8Array(64);
  private fillerOk = true;
  private elemKind = NONE;
  private damaged = '';
  private elemAtLineStart = false;
  private elemLineIndent = -1;
  private refIndent = -1;

  private junk = false;
  private junkLineCandidate = false;
  private junkLineText = '';

  constructor(options: FramerOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.startOffset = options.startOffset ?? 0;
    this.enc = options.encoding;
    this.fmt = options.resumeInsideArray === true ? 'document' : options.format;
    this.inArray = options.resumeInsideArray === true;
    this.depth = this.inArray ? 1 : 0;
    this.pos = this.startOffset;
    this.committed = this.startOffset;
    this.committedInArray = this.inArray;
    this.lineStart = this.startOffset;
    this.lastContentLineEnd = this.startOffset;
    this.detecting = true;
    if (this.enc !== undefined && this.fmt !== undefined && this.startOffset > 0) {
      this.setEncoding(this.enc);
      this.bomLength = 0;
      this.startRunning(this.startOffset);
    }
  }

  /** Resumes framing where a previous framer's `resumeState` left off. */
  static resume(state: FramerResumeState, options: Pick<FramerOptions, 'maxRecordBytes'> = {}): RecordFramer {
    return new RecordFramer({
      ...options,
      startOffset: state.offset,
      encoding: state.encoding,
      format: state.format,
      resumeInsideArray: state.format === 'document' && state.insideArray,
    });
  }

  /** Raw offset just after the last emitted item and any filler after it (blank lines, separators): a safe restart point. */
  get committedOffset(): number {
    return this.committed;
  }

  get format(): RecordFormat | undefined {
    return this.fmt;
  }

  get encoding(): SourceEncoding | undefined {
    return this.enc;
  }

  /** State at `committedOffset`; undefined until encoding and format are known (or after an unsupported encoding). */
  get resumeState(): FramerResumeState | undefined {
    if (this.detecting || this.dead || this.enc === undefined || this.fmt === undefined) return undefined;
    return { offset: this.committed, encoding: this.enc, format: this.fmt, insideArray: this.committedInArray };
  }

  push(chunk: Buffer): FrameItem[] {
    if (this.finished) throw new Error('RecordFramer: push() after finish()');
    const out: FrameItem[] = [];
    if (this.dead || chunk.length === 0) return out;
    if (this.detecting) this.detect(chunk, false, out);
    else this.feed(chunk, out);
    return out;
  }

  /** End of file: emits a final unterminated line, or reports an unterminated document element as `truncated`. */
  finish(): FrameItem[] {
    if (this.finished) return [];
    const out: FrameItem[] = [];
    if (!this.dead && this.detecting) this.detect(Buffer.alloc(0), true, out);
    this.finished = true;
    if (this.dead || this.detecting) return out;
    const end = this.pos + (this.oddByte >= 0 ? 1 : 0);
    if (this.fmt === 'lines') this.finishLines(end, out);
    else this.finishDocument(end, out);
    return out;
  }

  // ---- detection ----------------------------------------------------------------------------------------------

  private detect(chunk: Buffer, atEof: boolean, out: FrameItem[]): void {
    if (chunk.length > 0) this.head.push(Buffer.from(chunk));
    let head = this.head.length === 1 ? (this.head[0] ?? Buffer.alloc(0)) : Buffer.concat(this.head);
    this.head = [head];

    if (this.bomLength < 0) {
      let encoding = this.enc;
      let bomLength = 0;
      if (this.startOffset === 0 || encoding === undefined) {
        const detected = detectEncoding(head, atEof);
        if (detected === undefined) return;
        if ('unsupported' in detected) {
          if (encoding === undefined) {
            this.dead = true;
            this.head = [];
            this.committed = this.startOffset + head.length;
            out.push({
              kind: 'error',
              offset: this.startOffset,
              length: head.length,
              reason: 'unsupported_encoding',
              message: `unsupported encoding: ${detected.unsupported}`,
            });
            return;
          }
        } else if (encoding === undefined) {
          encoding = detected.encoding;
          bomLength = this.startOffset === 0 ? detected.bomLength : 0;
        } else if (detected.encoding === encoding && this.startOffset === 0) {
          bomLength = detected.bomLength;
        }
      }
      if (encoding === undefined) return;
      this.setEncoding(encoding);
      this.bomLength = bomLength;
      head = head.subarray(bomLength);
      this.head = [head];
    }

    if (this.fmt === undefined) {
      const units = this.project(head, head.length >> (this.unit - 1));
      const format = decideFormat(units, this.unit, atEof, this.maxRecordBytes);
      if (format === undefined) {
        // only blank lines so far: drop them so the head stays small (they are filler in either format)
        let blank = 0;
        while (blank < units.length && isBlank(units[blank] ?? NON_ASCII)) blank++;
        const lastLf = blank > 0 ? units.lastIndexOf(LF, blank - 1) : -1;
        if (lastLf >= 0 && (lastLf + 1) * this.unit >= DROP_BLANK_HEAD_BYTES) {
          const drop = (lastLf + 1) * this.unit;
          this.skipped += drop;
          this.head = [Buffer.from(head.subarray(drop))];
        }
        return;
      }
      this.fmt = format;
    }
    this.head = [];
    this.startRunning(this.startOffset + this.bomLength + this.skipped);
    if (head.length > 0) this.feed(head, out);
  }

  private setEncoding(encoding: SourceEncoding): void {
    this.enc = encoding;
    this.unit = encoding === 'utf-8' ? 1 : 2;
    this.bigEndian = encoding === 'utf-16be';
  }

  private startRunning(offset: number): void {
    this.detecting = false;
    this.pos = offset;
    this.committed = this.pos;
    this.lineStart = this.pos;
    this.lastContentLineEnd = this.pos;
  }

  // ---- chunk plumbing -----------------------------------------------------------------------------------------

  private feed(chunk: Buffer, out: FrameItem[]): void {
    let raw = chunk;
    let n: number;
    let units: Buffer;
    if (this.unit === 1) {
      n = raw.length;
      units = raw;
    } else {
      if (this.oddByte >= 0) {
        raw = Buffer.concat([Buffer.of(this.oddByte), chunk]);
        this.oddByte = -1;
      }
      n = raw.length >> 1;
      if (raw.length % 2 === 1) this.oddByte = raw[raw.length - 1] ?? 0;
      units = this.project(raw, n);
    }
    if (n === 0) return;
    const base = this.pos;
    if (this.fmt === 'lines') this.scanLines(raw, units, n, base, out);
    else this.scanDocument(raw, units, n, base, out);
    this.pos = base + n * this.unit;
    this.prevUnit = units[n - 1] ?? -1;
  }

  /** One byte per code unit: the same buffer for UTF-8, a reused projection for UTF-16. */
  private project(raw: Buffer, n: number): Buffer {
    if (this.unit === 1) return raw.subarray(0, n);
    if (this.scratch.length < n + 1) {
      this.scratch = Buffer.allocUnsafeSlow((Math.max(n + 1, 2 * this.scratch.length) + 1) & ~1);
      this.scratchPairs = new Uint16Array(this.scratch.buffer, this.scratch.byteOffset, this.scratch.length >> 1);
    }
    const units = this.scratch;
    if (HOST_LITTLE_ENDIAN && raw.byteOffset % 4 === 0) {
      // two units per 32-bit read; when both are ASCII-range, one 16-bit write (about twice as fast as per unit)
      const pairs = this.scratchPairs;
      const quads = new Uint32Array(raw.buffer, raw.byteOffset, n >> 1);
      const highMask = this.bigEndian ? 0x00ff00ff : 0xff00ff00;
      const shift = this.bigEndian ? 8 : 0;
      for (let k = 0; k < quads.length; k++) {
        const x = quads[k] ?? 0xffffffff;
        if ((x & highMask) === 0) {
          pairs[k] = ((x >>> shift) & 0xff) | ((x >>> (shift + 8)) & 0xff00);
        } else {
          units[2 * k] = (x & (highMask & 0xffff)) === 0 ? (x >>> shift) & 0xff : NON_ASCII;
          units[2 * k + 1] = (x & (highMask & 0xffff0000)) === 0 ? (x >>> (shift + 16)) & 0xff : NON_ASCII;
        }
      }
      if (n % 2 === 1) units[n - 1] = this.projectUnit(raw, n - 1);
      return units.subarray(0, n);
    }
    for (let j = 0; j < n; j++) units[j] = this.projectUnit(raw, j);
    return units.subarray(0, n);
  }

  private projectUnit(raw: Buffer, j: number): number {
    const hi = raw[this.bigEndian ? 2 * j : 2 * j + 1];
    const lo = raw[this.bigEndian ? 2 * j + 1 : 2 * j];
    return hi === 0 && lo !== undefined ? lo : NON_ASCII;
  }

  /** Bytes of the current span from `spanStart` up to chunk index `endIdx` (raw bytes); copies only if it spans chunks. */
  private spanBytes(raw: Buffer, endIdx: number, base: number): Buffer {
    if (this.pieces.length === 0) return raw.subarray(this.spanStart - base, endIdx);
    this.pieces.push(raw.subarray(0, endIdx));
    const bytes = Buffer.concat(this.pieces);
    this.pieces = [];
    return bytes;
  }

  /** Keeps the unfinished span's bytes of this chunk, or stops keeping them once the span is too long. */
  private retain(raw: Buffer, n: number, base: number, slack: number): void {
    if (this.tooLong) return;
    const end = base + n * this.unit;
    if (end - this.spanStart > this.maxRecordBytes + slack) {
      this.tooLong = true;
      this.pieces = [];
      return;
    }
    const from = Math.max(this.spanStart - base, 0);
    if (from < n * this.unit) this.pieces.push(Buffer.from(raw.subarray(from, n * this.unit)));
  }

  private emitDecoded(bytes: Buffer, offset: number, out: FrameItem[], stripPrefix: boolean): void {
    const decoded = decodeRecordText(bytes, this.enc ?? 'utf-8');
    if (!decoded.ok) {
      out.push({ kind: 'error', offset, length: bytes.length, reason: decoded.reason, message: decoded.message });
      return;
    }
    let text = decoded.text;
    if (stripPrefix) {
      const first = text.trimStart().charCodeAt(0);
      if (first !== LBRACE && first !== LBRACKET) {
        if (text.trim() === '' || RECORD_LINE.test(text.trim())) return;
        const brace = text.indexOf('{');
        if (brace > 0) text = text.slice(brace);
      }
    }
    out.push({ kind: 'record', offset, length: bytes.length, text });
  }

  private tooLongItem(offset: number, length: number): FrameItem {
    return {
      kind: 'error',
      offset,
      length,
      reason: 'record_too_long',
      message: `record of ${length} bytes exceeds the limit of ${this.maxRecordBytes} bytes`,
    };
  }

  // ---- line mode ----------------------------------------------------------------------------------------------

  private scanLines(raw: Buffer, units: Buffer, n: number, base: number, out: FrameItem[]): void {
    const u = this.unit;
    let j = 0;
    for (;;) {
      const nl = units.indexOf(LF, j);
      if (nl === -1) break;
      this.spanStart = this.lineStart;
      const lineEnd = base + nl * u;
      const hasCr = lineEnd > this.spanStart && (nl > 0 ? units[nl - 1] === CR : this.prevUnit === CR);
      this.emitLine(raw, nl * u, lineEnd - this.spanStart - (hasCr ? u : 0), base, out);
      this.lineStart = lineEnd + u;
      this.committed = this.lineStart;
      j = nl + 1;
    }
    this.spanStart = this.lineStart;
    if (base + n * u > this.lineStart) this.retain(raw, n, base, u);
  }

  /** `endIdx`: raw index in this chunk where the line's terminator starts; `length`: line bytes without CR/LF. */
  private emitLine(raw: Buffer, endIdx: number, length: number, base: number, out: FrameItem[]): void {
    const offset = this.spanStart;
    const tooLong = this.tooLong;
    this.tooLong = false;
    if (length <= 0) {
      this.pieces = [];
      return;
    }
    if (tooLong || length > this.maxRecordBytes) {
      this.pieces = [];
      out.push(this.tooLongItem(offset, length));
      return;
    }
    const bytes = this.spanBytes(raw, endIdx, base).subarray(0, length);
    this.emitDecoded(bytes, offset, out, this.firstUnit(bytes) !== LBRACE);
  }

  private firstUnit(bytes: Buffer): number {
    if (this.unit === 1) return bytes[0] ?? -1;
    const hi = this.bigEndian ? bytes[0] : bytes[1];
    return hi === 0 ? (this.bigEndian ? bytes[1] : bytes[0]) ?? -1 : NON_ASCII;
  }

  private finishLines(end: number, out: FrameItem[]): void {
    this.spanStart = this.lineStart;
    let length = end - this.lineStart;
    if (length > 0) {
      if (this.oddByte >= 0 && !this.tooLong) this.pieces.push(Buffer.of(this.oddByte));
      else if (this.oddByte < 0 && this.prevUnit === CR) length -= this.unit;
      const empty = Buffer.alloc(0);
      this.emitLine(empty, 0, length, end, out);
    }
    this.committed = end;
  }

  // ---- document mode ------------------------------------------------------------------------------------------

  private scanDocument(raw: Buffer, units: Buffer, n: number, base: number, out: FrameItem[]): void {
    const u = this.unit;
    let depth = this.depth;
    let inString = this.inString;
    let escape = this.escape;
    let j = 0;
    while (j < n) {
      if (this.junk) {
        this.depth = depth;
        j = this.scanJunk(units, n, j, base, out);
        depth = this.depth;
        continue;
      }
      if (!inString && this.elemKind === CONTAINER) {
        this.depth = depth;
        j = this.scanContainer(units, n, j, base);
        depth = this.depth;
        inString = this.inString;
        if (j >= n) break;
      }
      if (inString) {
        for (; j < n; j++) {
          const c = units[j];
          if (escape) {
            if (c === LF || c === CR) break;
            escape = false;
          } else if (c === QUOTE) {
            inString = false;
            break;
          } else if (c === BACKSLASH) {
            escape = true;
          } else if (c === LF || c === CR) {
            break;
          }
        }
        if (j === n) break;
        if (inString) {
          // a raw line break cannot occur in a JSON string: the string (and its element) is broken
          inString = false;
          escape = false;
          if (this.damaged === '') this.damaged = `line break inside a string at byte ${base + j * u}`;
          if (this.elemKind === STRING) this.endElement(raw, j, base, out);
          continue;
        }
        j++;
        if (this.elemKind === STRING) this.endElement(raw, j, base, out);
        continue;
      }

      const c = units[j] ?? NON_ASCII;
      if (c === LF) {
        this.newLine(units, j, base);
        if (this.elemKind === BARE) this.endElement(raw, j, base, out);
        if (this.elemKind === NONE && this.fillerOk) this.commitFiller(base + (j + 1) * u);
        j++;
        continue;
      }
      if (c === SP || c === TAB || c === CR) {
        if (this.elemKind === BARE) this.endElement(raw, j, base, out);
        j++;
        continue;
      }
      const baseDepth = this.inArray ? 1 : 0;
      if (this.atLineStart) {
        this.atLineStart = false;
        this.lineFirstPos = base + j * u;
        this.lineIndent = (this.lineFirstPos - this.lineStart) / u;
        if (
          c === LBRACE &&
          this.elemKind === CONTAINER &&
          depth > baseDepth &&
          this.lineIndent <= this.elemLineIndent &&
          (this.damaged !== '' || this.elemAtLineStart)
        ) {
          this.abandonElement(out);
          this.startElement(CONTAINER, j, base);
          depth = baseDepth + 1;
          this.types[depth] = OBJECT_TYPE;
          j++;
          continue;
        }
      }
      if (this.elemKind === BARE) {
        if (!isDelimiter(c)) {
          j++;
          continue;
        }
        this.endElement(raw, j, base, out);
      }
      if (depth > baseDepth) {
        if (c === QUOTE) {
          inString = true;
        } else if (c === LBRACE || c === LBRACKET) {
          depth++;
          if (depth < MAX_TYPED_DEPTH) this.setType(depth, c === LBRACE ? OBJECT_TYPE : ARRAY_TYPE);
        } else if (c === RBRACE || c === RBRACKET) {
          if (depth < this.types.length && this.damaged === '') {
            const expected = this.types[depth];
            if (expected !== (c === RBRACE ? OBJECT_TYPE : ARRAY_TYPE)) {
              this.damaged = `mismatched '${String.fromCharCode(c)}' at byte ${base + j * u}`;
            }
          }
          depth--;
          if (depth === baseDepth) this.endElement(raw, j + 1, base, out);
        }
        j++;
        continue;
      }

      // between elements
      this.depth = depth;
      this.inString = false;
      this.atBase(c, j, base);
      depth = this.depth;
      inString = this.inString;
      j++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    if (this.elemKind !== NONE) this.retain(raw, n, base, 0);
  }

  /**
   * The hot loop: inside a container element and outside strings. Returns at the end of the chunk, or at a unit the
   * general loop must handle: the bracket that closes the element, a line break inside a string (`inString` is then
   * left true), or the first `{` of a line that may start the next element.
   */
  private scanContainer(units: Buffer, n: number, j: number, base: number): number {
    const u = this.unit;
    const baseDepth = this.inArray ? 1 : 0;
    let depth = this.depth;
    let atLineStart = this.atLineStart;
    let lineStart = this.lineStart;
    let inString = false;
    scan: for (; j < n; j++) {
      const c = units[j] ?? 0;
      if (c === SP) continue;
      if (c < SP) {
        if (c === LF) {
          if (!atLineStart) {
            const before = j > 0 ? units[j - 1] : this.prevUnit;
            this.lastContentLineEnd = base + j * u - (before === CR ? u : 0);
          }
          lineStart = base + (j + 1) * u;
          atLineStart = true;
          continue;
        }
        if (c === CR || c === TAB) continue;
      }
      if (atLineStart) {
        const first = base + j * u;
        const indent = (first - lineStart) / u;
        if (c === LBRACE && indent <= this.elemLineIndent && (this.damaged !== '' || this.elemAtLineStart)) break;
        atLineStart = false;
        this.lineFirstPos = first;
        this.lineIndent = indent;
      }
      if (c === QUOTE) {
        for (j++; j < n; j++) {
          const k = units[j] ?? 0;
          if (k > QUOTE && k !== BACKSLASH) continue;
          if (k === QUOTE) continue scan;
          if (k === BACKSLASH) {
            // an escape at the chunk end or before a line break is left to the general loop
            if (j + 1 >= n || units[j + 1] === LF || units[j + 1] === CR) {
              inString = true;
              break scan;
            }
            j++;
          } else if (k === LF || k === CR) {
            inString = true;
            break scan;
          }
        }
        inString = true;
        break;
      }
      // `[`/`{` and `]`/`}` differ only in bit 0x20
      const folded = c | 0x20;
      if (folded === LBRACE) {
        depth++;
        if (depth < MAX_TYPED_DEPTH) this.setType(depth, c === LBRACE ? OBJECT_TYPE : ARRAY_TYPE);
      } else if (folded === RBRACE) {
        if (depth - 1 === baseDepth) break;
        if (depth < this.types.length && this.damaged === '' && this.types[depth] !== (c === RBRACE ? OBJECT_TYPE : ARRAY_TYPE)) {
          this.damaged = `mismatched '${String.fromCharCode(c)}' at byte ${base + j * u}`;
        }
        depth--;
      }
    }
    this.depth = depth;
    this.atLineStart = atLineStart;
    this.lineStart = lineStart;
    this.inString = inString;
    return j;
  }

  private newLine(units: Buffer, j: number, base: number): void {
    const u = this.unit;
    const at = base + j * u;
    if (!this.atLineStart) {
      const before = j > 0 ? units[j - 1] : this.prevUnit;
      this.lastContentLineEnd = before === CR ? at - u : at;
    }
    this.lineStart = at + u;
    this.atLineStart = true;
  }

  private commitFiller(offset: number): void {
    this.committed = offset;
    this.committedInArray = this.inArray;
  }

  private setType(depth: number, type: number): void {
    if (depth >= this.types.length) {
      const grown = new Uint8Array(Math.min(MAX_TYPED_DEPTH, this.types.length * 2));
      grown.set(this.types);
      this.types = grown;
    }
    this.types[depth] = type;
  }

  /** A non-blank unit at base level: starts an element, separates elements, closes the array, or starts junk. */
  private atBase(c: number, j: number, base: number): void {
    const at = base + j * this.unit;
    if (!this.inArray) {
      if (c === LBRACKET) {
        this.inArray = true;
        this.depth = 1;
        this.expectValue = true;
        this.setType(1, ARRAY_TYPE);
        if (this.fillerOk) this.commitFiller(at + this.unit);
      } else if (c === LBRACE) {
        this.startElement(CONTAINER, j, base);
        this.depth = 1;
        this.setType(1, OBJECT_TYPE);
      } else if (c === COMMA) {
        // tolerated: objects separated by commas without an enclosing array
        if (this.fillerOk) this.commitFiller(at + this.unit);
      } else {
        this.startJunk(c, at);
      }
      return;
    }
    if (c === COMMA) {
      this.expectValue = true;
      if (this.fillerOk) this.commitFiller(at + this.unit);
    } else if (c === RBRACKET) {
      this.inArray = false;
      this.depth = 0;
      // never commit past the closing bracket: an appending writer replaces it with `,{…}]`
      this.fillerOk = false;
    } else if (c === LBRACE || c === LBRACKET) {
      // also without a preceding comma: each complete element is still worth keeping
      this.startElement(CONTAINER, j, base);
      this.depth = 2;
      this.setType(2, c === LBRACE ? OBJECT_TYPE : ARRAY_TYPE);
    } else if (this.expectValue && c === QUOTE) {
      this.startElement(STRING, j, base);
      this.inString = true;
    } else if (this.expectValue && isScalarStart(c)) {
      this.startElement(BARE, j, base);
    } else {
      this.startJunk(c, at);
    }
  }

  private startElement(kind: number, j: number, base: number): void {
    const at = base + j * this.unit;
    this.elemKind = kind;
    this.spanStart = at;
    this.pieces = [];
    this.tooLong = false;
    this.damaged = '';
    this.expectValue = false;
    this.elemAtLineStart = at === this.lineFirstPos;
    this.elemLineIndent = this.lineIndent;
  }

  /** The element ends before chunk unit `endJ`. */
  private endElement(raw: Buffer, endJ: number, base: number, out: FrameItem[]): void {
    const end = base + endJ * this.unit;
    const offset = this.spanStart;
    const length = end - offset;
    if (this.tooLong || length > this.maxRecordBytes) {
      this.pieces = [];
      out.push(this.tooLongItem(offset, length));
    } else if (this.damaged !== '') {
      this.pieces = [];
      out.push({ kind: 'error', offset, length, reason: 'invalid_json', message: this.damaged });
    } else {
      this.emitDecoded(this.spanBytes(raw, endJ * this.unit, base), offset, out, false);
    }
    this.elemKind = NONE;
    this.tooLong = false;
    this.damaged = '';
    this.refIndent = this.elemAtLineStart ? this.elemLineIndent : -1;
    this.fillerOk = true;
    this.commitFiller(end);
  }

  /** Resynchronization: the element never closed before a line that starts the next one. */
  private abandonElement(out: FrameItem[]): void {
    const offset = this.spanStart;
    const end = Math.max(this.lastContentLineEnd, offset);
    const reason = this.damaged !== '' ? this.damaged : 'element not closed';
    out.push({
      kind: 'error',
      offset,
      length: end - offset,
      reason: 'invalid_json',
      message: `${reason}; next element found at byte ${this.lineFirstPos}`,
    });
    this.pieces = [];
    this.elemKind = NONE;
    this.tooLong = false;
    this.damaged = '';
    this.inString = false;
    this.escape = false;
    this.fillerOk = true;
    this.commitFiller(this.lineStart);
  }

  private startJunk(c: number, at: number): void {
    this.junk = true;
    this.spanStart = at;
    this.junkLineCandidate = at === this.lineFirstPos;
    this.junkLineText = this.junkLineCandidate ? String.fromCharCode(c) : '';
  }

  /** Skips content that is not part of any element until a line that starts one; returns where scanning resumes. */
  private scanJunk(units: Buffer, n: number, j: number, base: number, out: FrameItem[]): number {
    const u = this.unit;
    for (; j < n; j++) {
      const c = units[j] ?? NON_ASCII;
      if (c === LF) {
        if (this.junkLineCandidate && RECORD_LINE.test(this.junkLineText)) {
          // an evtx_dump `Record <n>` line: not junk itself, but it ends the junk before it
          if (this.spanStart < this.lineStart) this.emitJunk(this.lastContentLineEnd, out);
          this.junk = false;
          this.newLine(units, j, base);
          if (this.fillerOk) this.commitFiller(this.lineStart);
          return j + 1;
        }
        this.newLine(units, j, base);
        this.junkLineCandidate = true;
        this.junkLineText = '';
        continue;
      }
      if (c === SP || c === TAB || c === CR) {
        if (this.junkLineText !== '') this.junkLineText += ' ';
        continue;
      }
      if (this.atLineStart) {
        this.atLineStart = false;
        this.lineFirstPos = base + j * u;
        this.lineIndent = (this.lineFirstPos - this.lineStart) / u;
        if (this.resyncesJunk(c)) {
          this.emitJunk(this.lastContentLineEnd, out);
          this.junk = false;
          this.depth = this.inArray ? 1 : 0;
          this.commitFiller(this.lineStart);
          return j;
        }
      }
      if (this.junkLineCandidate) {
        if (this.junkLineText.length < MAX_JUNK_LINE_TEXT) this.junkLineText += String.fromCharCode(c);
        else this.junkLineCandidate = false;
      }
    }
    return n;
  }

  private resyncesJunk(c: number): boolean {
    if (!this.inArray) return c === LBRACE || c === LBRACKET;
    if (c === LBRACE) return this.refIndent < 0 || this.lineIndent <= this.refIndent;
    return c === RBRACKET && this.refIndent >= 0 && this.lineIndent < this.refIndent;
  }

  private emitJunk(end: number, out: FrameItem[]): void {
    const offset = this.spanStart;
    out.push({
      kind: 'error',
      offset,
      length: Math.max(end - offset, 0),
      reason: 'invalid_json',
      message: `unexpected content outside any JSON value at byte ${offset}`,
    });
    this.fillerOk = true;
  }

  private finishDocument(end: number, out: FrameItem[]): void {
    if (this.junk) {
      const recordLine = this.junkLineCandidate && RECORD_LINE.test(this.junkLineText.trim());
      if (!recordLine) this.emitJunk(this.atLineStart ? this.lastContentLineEnd : end, out);
      else if (this.spanStart < this.lineStart) this.emitJunk(this.lastContentLineEnd, out);
      this.junk = false;
      this.commitFiller(end);
    } else if (this.elemKind !== NONE) {
      out.push({
        kind: 'error',
        offset: this.spanStart,
        length: end - this.spanStart,
        reason: 'truncated',
        message: `end of file inside a JSON value that started at byte ${this.spanStart}`,
      });
      this.pieces = [];
      this.elemKind = NONE;
      this.commitFiller(end);
    } else if (this.oddByte >= 0) {
      out.push({ kind: 'error', offset: this.pos, length: 1, reason: 'invalid_utf16', message: 'odd trailing byte in UTF-16 text' });
      this.commitFiller(end);
    }
  }
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === RBRACKET || c === RBRACE || c === LBRACE || c === LBRACKET || c === QUOTE || c === COLON;
}

function isScalarStart(c: number): boolean {
  return c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
}

/**
 * tailing.md §7: document mode when the first content is `[`, or when the first line (after blank and `Record <n>`
 * lines, from its first `{`) is not a complete JSON value on its own. A first line that ends inside a string is a
 * damaged JSON line, not pretty-printed output, so it means line mode. Returns undefined while more bytes are needed.
 */
function decideFormat(units: Buffer, unit: number, atEof: boolean, maxRecordBytes: number): RecordFormat | undefined {
  const n = units.length;
  let j = 0;
  for (;;) {
    while (j < n && isBlank(units[j] ?? NON_ASCII)) j++;
    if (j >= n) return undefined;
    if (units[j] === LBRACKET) return 'document';
    const nl = units.indexOf(LF, j);
    if (nl === -1 && !atEof) return (n - j) * unit > maxRecordBytes ? 'lines' : undefined;
    const lineEnd = nl === -1 ? n : nl;
    const line = units.subarray(j, lineEnd);
    if (line.length < 64 && RECORD_LINE.test(line.toString('latin1').trim())) {
      if (nl === -1) return undefined;
      j = nl + 1;
      continue;
    }
    const start = units[j] === LBRACE ? 0 : line.indexOf(LBRACE);
    if (start === -1) return 'lines';
    return firstValueShape(line, start) === 'pretty' ? 'document' : 'lines';
  }
}

function isBlank(c: number): boolean {
  return c === SP || c === TAB || c === CR || c === LF;
}

/** Scans one line from a `{`: `complete` (one value and only blanks after it), `pretty` (unclosed or more values), `broken`. */
function firstValueShape(line: Buffer, start: number): 'complete' | 'pretty' | 'broken' {
  let depth = 0;
  let inString = false;
  let escape = false;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (escape) escape = false;
      else if (c === BACKSLASH) escape = true;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === LBRACE || c === LBRACKET) depth++;
    else if (c === RBRACE || c === RBRACKET) {
      depth--;
      if (depth === 0) {
        for (let k = i + 1; k < line.length; k++) if (!isBlank(line[k] ?? NON_ASCII)) return 'pretty';
        return 'complete';
      }
    }
  }
  return inString ? 'broken' : 'pretty';
}
