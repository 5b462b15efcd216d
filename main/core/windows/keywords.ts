/**
 * Event Keywords (windows-events.md §4): decoding of every exported form and the named system bits.
 *
 * Tables are built once at module load. Decoding the usual values (the §4 table rows, in any of
 * their exported forms) returns a shared frozen result without allocating.
 */

/** A decoded Keywords value. `mask` is the unsigned 64-bit value when the input was numeric. */
export interface DecodedKeywords {
  readonly mask?: bigint;
  /** Keyword display names: named system bits of `mask`, or the names given. */
  readonly names: readonly string[];
}

export type AuditOutcome = 'success' | 'failure';

export const KEYWORD_AUDIT_FAILURE = 0x0010000000000000n;
export const KEYWORD_AUDIT_SUCCESS = 0x0020000000000000n;
export const KEYWORD_CORRELATION_HINT = 0x0040000000000000n;
export const KEYWORD_CLASSIC = 0x0080000000000000n;
export const KEYWORD_SQM = 0x0008000000000000n;
export const KEYWORD_WDI_DIAG = 0x0004000000000000n;
export const KEYWORD_RESPONSE_TIME = 0x0001000000000000n;

export const AUDIT_FAILURE_NAME = 'Audit Failure';
export const AUDIT_SUCCESS_NAME = 'Audit Success';

/** One row of the §4 table. Decimal columns are present where the table gives them. */
export interface KeywordTableRow {
  readonly mask: bigint;
  readonly name: string;
  readonly unsigned?: bigint;
  readonly signed?: bigint;
}

/** §4 table, every row as written ("same" in the signed column = the unsigned value). */
export const KEYWORD_TABLE: readonly KeywordTableRow[] = Object.freeze([
  { mask: 0x0010000000000000n, name: 'Audit Failure', unsigned: 4503599627370496n, signed: 4503599627370496n },
  { mask: 0x0020000000000000n, name: 'Audit Success', unsigned: 9007199254740992n, signed: 9007199254740992n },
  { mask: 0x0040000000000000n, name: 'Correlation Hint' },
  { mask: 0x0080000000000000n, name: 'Classic (legacy event source)', unsigned: 36028797018963968n, signed: 36028797018963968n },
  { mask: 0x0008000000000000n, name: 'SQM' },
  { mask: 0x0004000000000000n, name: 'WDI Diag' },
  { mask: 0x0001000000000000n, name: 'Response Time' },
  { mask: 0x8020000000000000n, name: 'Security channel + Audit Success', unsigned: 9232379236109516800n, signed: -9214364837600034816n },
  { mask: 0x8010000000000000n, name: 'Security channel + Audit Failure', unsigned: 9227875636482146304n, signed: -9218868437227405312n },
  { mask: 0x8080000000000000n, name: 'channel bit + Classic (e.g. System 7036/7045)', unsigned: 9259400833873739776n, signed: -9187343239835811840n },
  { mask: 0x8000000000000000n, name: 'channel bit only (e.g. Sysmon, many System events)', unsigned: 9223372036854775808n, signed: -9223372036854775808n },
]);

/**
 * The named system bits, in the stable order used for {@link keywordNames} (the §4 table order).
 * The display name of the Classic bit is `Classic`.
 */
export const KEYWORD_BITS: ReadonlyMap<string, bigint> = new Map<string, bigint>([
  [AUDIT_FAILURE_NAME, KEYWORD_AUDIT_FAILURE],
  [AUDIT_SUCCESS_NAME, KEYWORD_AUDIT_SUCCESS],
  ['Correlation Hint', KEYWORD_CORRELATION_HINT],
  ['Classic', KEYWORD_CLASSIC],
  ['SQM', KEYWORD_SQM],
  ['WDI Diag', KEYWORD_WDI_DIAG],
  ['Response Time', KEYWORD_RESPONSE_TIME],
]);

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
/** All named bits sit in bits 48–55. */
const NAMED_SHIFT = 48n;
const NAMED_BYTE = 0xffn;

/** Names for each value of bits 48–55: 256 frozen arrays built once. */
const NAMES_BY_BYTE: readonly (readonly string[])[] = (() => {
  const out: (readonly string[])[] = [];
  for (let b = 0; b < 256; b++) {
    const mask = BigInt(b) << NAMED_SHIFT;
    const names: string[] = [];
    for (const [name, bit] of KEYWORD_BITS) if ((mask & bit) !== 0n) names.push(name);
    out.push(Object.freeze(names));
  }
  return Object.freeze(out);
})();

const NO_NAMES: readonly string[] = Object.freeze([]);

/** Named system keyword bits set in `mask` (stable order: Audit Failure, Audit Success, Correlation Hint, Classic, SQM, WDI Diag, Response Time). */
export function keywordNames(mask: bigint): readonly string[] {
  return NAMES_BY_BYTE[Number((mask >> NAMED_SHIFT) & NAMED_BYTE)] ?? NO_NAMES;
}

function decodedFromMask(mask: bigint): DecodedKeywords {
  return Object.freeze({ mask, names: keywordNames(mask) });
}

/** Canonical spelling of the known names, keyed lower-case (`audit success` → `Audit Success`). */
const CANONICAL_NAME: ReadonlyMap<string, string> = new Map(
  [...KEYWORD_BITS.keys()].map((n) => [n.toLowerCase(), n] as const),
);

/** Frozen single-name results for the known names, keyed by their canonical spelling. */
const NAME_RESULT: ReadonlyMap<string, DecodedKeywords> = new Map(
  [...KEYWORD_BITS.keys()].map((n) => [n, Object.freeze({ names: Object.freeze([n]) })] as const),
);

function canonicalName(name: string): string {
  const trimmed = name.trim();
  return CANONICAL_NAME.get(trimmed.toLowerCase()) ?? trimmed;
}

/**
 * Pre-decoded results for the §4 table rows, keyed by every exported form (hex string as written
 * and lower-case, unsigned/signed decimal strings, JSON numbers), so the usual inputs need no parsing.
 */
const COMMON: ReadonlyMap<string | number, DecodedKeywords> = (() => {
  const m = new Map<string | number, DecodedKeywords>();
  for (const row of KEYWORD_TABLE) {
    const d = decodedFromMask(row.mask);
    const hex = row.mask.toString(16).padStart(16, '0');
    m.set(`0x${hex}`, d);
    m.set(`0x${hex.toUpperCase()}`, d);
    const unsigned = row.mask;
    const signed = BigInt.asIntN(64, row.mask);
    m.set(unsigned.toString(), d);
    m.set(signed.toString(), d);
    // Only values that a JSON double holds exactly may be keyed by number.
    if (BigInt(Number(unsigned)) === unsigned) m.set(Number(unsigned), d);
    if (BigInt(Number(signed)) === signed) m.set(Number(signed), d);
  }
  return m;
})();

/** Unsigned 64-bit value of a JSON number; undefined for non-integers, non-finite or out of range. */
export function keywordsMaskFromNumber(n: number): bigint | undefined {
  if (!Number.isInteger(n)) return undefined;
  const b = BigInt(n);
  if (b < INT64_MIN || b > UINT64_MAX) return undefined;
  return BigInt.asUintN(64, b);
}

const HEX_RE = /^0x[0-9a-f]+$/i;
const DEC_RE = /^[+-]?\d+$/;

function maskFromTrimmed(t: string): bigint | undefined {
  if (HEX_RE.test(t)) {
    // Leading zeros aside, more than 16 hex digits cannot be a 64-bit value.
    const b = BigInt(t);
    return b > UINT64_MAX ? undefined : b;
  }
  const b = BigInt(t);
  if (b < INT64_MIN || b > UINT64_MAX) return undefined;
  return BigInt.asUintN(64, b);
}

/**
 * Unsigned 64-bit value of a string: `0x…` hex, or a signed/unsigned decimal in the int64/uint64
 * range. Surrounding whitespace is ignored. Anything else → undefined.
 */
export function keywordsMaskFromString(s: string): bigint | undefined {
  const t = s.trim();
  if (!HEX_RE.test(t) && !DEC_RE.test(t)) return undefined;
  return maskFromTrimmed(t);
}

function decodedFromNames(list: readonly unknown[]): DecodedKeywords {
  const names: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const name = canonicalName(item);
    if (name !== '') names.push(name);
  }
  return { names };
}

/**
 * Decode a Keywords value in any exported form (§4): hex string (`"0x8020000000000000"`), signed
 * decimal JSON number (`-9214364837600034816`), unsigned or signed decimal string, bigint, a list
 * of names (`["Audit Success"]`), or a single name (`"Audit Failure"`, flat shape). Known names are
 * returned in their canonical spelling. Returns undefined for values that cannot be keywords
 * (non-integer or non-finite numbers, out-of-range values, empty strings, other types); never throws.
 */
export function decodeKeywords(value: unknown): DecodedKeywords | undefined {
  if (typeof value === 'number') {
    const hit = COMMON.get(value);
    if (hit !== undefined) return hit;
    const mask = keywordsMaskFromNumber(value);
    return mask === undefined ? undefined : decodedFromMask(mask);
  }
  if (typeof value === 'string') {
    const hit = COMMON.get(value);
    if (hit !== undefined) return hit;
    const t = value.trim();
    if (HEX_RE.test(t) || DEC_RE.test(t)) {
      // Numeric text out of the 64-bit range is not a name either.
      const mask = maskFromTrimmed(t);
      return mask === undefined ? undefined : decodedFromMask(mask);
    }
    const name = canonicalName(t);
    if (name === '') return undefined;
    return NAME_RESULT.get(name) ?? { names: [name] };
  }
  if (typeof value === 'bigint') {
    if (value < INT64_MIN || value > UINT64_MAX) return undefined;
    return decodedFromMask(BigInt.asUintN(64, value));
  }
  if (Array.isArray(value)) {
    // Winlogbeat's usual `["Audit Success"]`: shared result, no allocation.
    if (value.length === 1) {
      const only: unknown = value[0];
      if (typeof only === 'string') {
        const hit = NAME_RESULT.get(only);
        if (hit !== undefined) return hit;
      }
    }
    return decodedFromNames(value);
  }
  return undefined;
}

function hasName(names: readonly string[], wanted: string): boolean {
  for (const n of names) {
    if (n === wanted || n.trim().toLowerCase() === wanted.toLowerCase()) return true;
  }
  return false;
}

/**
 * Audit outcome from a mask (failure bit tested before success bit), a list of keyword names
 * (`Audit Failure` before `Audit Success`, case-insensitive), or a decoded value (mask first).
 * Non-audit keywords → undefined (the guide then uses `NA`).
 */
export function auditOutcome(keywords: bigint | readonly string[] | DecodedKeywords): AuditOutcome | undefined {
  if (typeof keywords === 'bigint') {
    if ((keywords & KEYWORD_AUDIT_FAILURE) !== 0n) return 'failure';
    if ((keywords & KEYWORD_AUDIT_SUCCESS) !== 0n) return 'success';
    return undefined;
  }
  if (isNameList(keywords)) {
    if (hasName(keywords, AUDIT_FAILURE_NAME)) return 'failure';
    if (hasName(keywords, AUDIT_SUCCESS_NAME)) return 'success';
    return undefined;
  }
  return keywords.mask !== undefined ? auditOutcome(keywords.mask) : auditOutcome(keywords.names);
}

function isNameList(v: readonly string[] | DecodedKeywords): v is readonly string[] {
  return Array.isArray(v);
}

/**
 * The guide's `eventType` (§4): the audit keyword name (`Audit Failure` before `Audit Success`);
 * for non-audit events, **proposal:** the first keyword display name if any (e.g. `Classic`),
 * else the empty string.
 */
export function keywordsEventType(keywords: DecodedKeywords): string {
  const outcome = auditOutcome(keywords);
  if (outcome === 'failure') return AUDIT_FAILURE_NAME;
  if (outcome === 'success') return AUDIT_SUCCESS_NAME;
  return keywords.names[0] ?? '';
}

/** NXLog `EventType` audit values → keyword name (§10.1: AUDIT_SUCCESS → Audit Success). */
const NXLOG_AUDIT_EVENT_TYPE: ReadonlyMap<string, string> = new Map([
  ['AUDIT_SUCCESS', AUDIT_SUCCESS_NAME],
  ['AUDIT_FAILURE', AUDIT_FAILURE_NAME],
]);

/** NXLog `EventType` → audit keyword name, or undefined for the non-audit types (case-insensitive). */
export function nxlogEventTypeToKeywordName(eventType: string): string | undefined {
  return NXLOG_AUDIT_EVENT_TYPE.get(eventType) ?? NXLOG_AUDIT_EVENT_TYPE.get(eventType.toUpperCase());
}
