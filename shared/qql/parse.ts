/**
 * The QQL parser's entry point. Checks run in the order of qql.md §7: length (E017), characters
 * (E024), syntax, then catalogue and types left to right; the first problem is the result.
 */
import type { QqlQuery } from './ast.js';
import type { QqlError } from './errors.js';
import { QqlFailure, qqlErrors } from './errors.js';
import type { QqlLimits } from './limits.js';
import { DEFAULT_LIMITS } from './limits.js';
import { resolveQuery } from './resolve.js';
import { Scanner } from './scanner.js';
import { parseSyntax } from './syntax-parser.js';
import { DisplayZone } from './time-zone.js';

export interface ParseOptions {
  /** UTC milliseconds that relative dates (`now-7d`) count from; the parser never reads the clock */
  readonly now: number;
  /** IANA name of the display zone for dates without an offset and for `/unit`; default: the system zone */
  readonly timeZone?: string;
  /** §9 limits; only for tools and tests (the depth limit is fixed) */
  readonly limits?: Partial<QqlLimits>;
}

export type ParseResult =
  | { readonly ok: true; readonly query: QqlQuery }
  | { readonly ok: false; readonly error: QqlError };

const zones = new Map<string, DisplayZone>();

function displayZone(name: string | undefined): DisplayZone {
  const zoneName = name ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  let zone = zones.get(zoneName);
  if (zone === undefined) {
    zone = new DisplayZone(zoneName);
    zones.set(zoneName, zone);
  }
  return zone;
}

function isForbiddenControl(codePoint: number): boolean {
  return (codePoint <= 0x1f && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) || codePoint === 0x7f;
}

/**
 * Parses a query. Every problem with the query text comes back as `{ ok: false, error }`; this
 * function throws only for bad options (a non-finite `now`, an unknown `timeZone`: RangeError).
 */
export function parseQuery(text: string, options: ParseOptions): ParseResult {
  if (!Number.isFinite(options.now)) throw new RangeError(`parseQuery: now must be a finite number, got ${String(options.now)}`);
  const now = Math.floor(options.now);
  const zone = displayZone(options.timeZone);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  try {
    const points = Array.from(text);
    if (points.length > limits.maxLength) throw qqlErrors.tooLong(limits.maxLength, points.length, points.length, limits.maxLength);
    points.forEach((point, i) => {
      const codePoint = point.codePointAt(0) ?? 0;
      if (isForbiddenControl(codePoint)) throw qqlErrors.invalidCharacter(i, codePoint);
    });
    const syntax = parseSyntax(new Scanner(points), limits.maxValues);
    return { ok: true, query: resolveQuery(syntax, { now, zone }) };
  } catch (error) {
    if (error instanceof QqlFailure) return { ok: false, error: error.error };
    throw error;
  }
}
