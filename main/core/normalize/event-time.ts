/** Event times in every exported form → UTC epoch milliseconds. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

export const MIN_EVENT_TIME = Date.UTC(1970, 0, 1);
export const MAX_EVENT_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * `/Date(ms)/` (PowerShell 5.1), ISO-8601 with `Z` or an offset, and zone-less
 * `YYYY-MM-DD hh:mm:ss[.fff]` (older NXLog, Sysmon UtcTime) read in `zoneLessTimeZone`.
 */
export function parseEventTime(value: unknown, zoneLessTimeZone: string): number | undefined {
  if (typeof value === 'number') return inRange(value);
  if (typeof value !== 'string') return undefined;
  const fast = parseUtcFast(value);
  if (fast !== undefined) return inRange(fast);
  const text = value.trim();
  const msDate = MS_DATE.exec(text);
  if (msDate !== null) return inRange(Number(msDate[1]));
  const iso = ISO.exec(text);
  if (iso === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = iso;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!Number.isFinite(wall) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  if (zone === undefined) return inRange(wall - zoneOffsetMs(zoneLessTimeZone, wall));
  if (zone.toUpperCase() === 'Z') return inRange(wall);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
  return inRange(wall - sign * offset);
}

/** `YYYY-MM-DDThh:mm:ss[.f…]Z`, the form of every evtx and Winlogbeat time, without a regex. */
function parseUtcFast(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  let ms = 0;
  if (length > 20) {
    if (text.charCodeAt(19) !== 46 /* . */) return undefined;
    const fractionDigits = length - 21;
    if (fractionDigits < 1 || digits(text, 20, fractionDigits) < 0) return undefined;
    ms = digits(text, 20, Math.min(3, fractionDigits)) * (fractionDigits >= 3 ? 1 : fractionDigits === 2 ? 10 : 100);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The decimal number in text[start, start+count), or -1 if any character is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function inRange(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= MIN_EVENT_TIME && ms <= MAX_EVENT_TIME ? Math.trunc(ms) : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at the wall-clock instant `wallAsUtc`, in ms (DST-aware). */
function zoneOffsetMs(timeZone: string, wallAsUtc: number): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const first = offsetAt(timeZone, wallAsUtc);
  // the offset at the resulting instant can differ across a DST change: take the second reading
  return offsetAt(timeZone, wallAsUtc - first);
}

function offsetAt(timeZone: string, instant: number): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - (instant - (instant % 1000 + 1000) % 1000);
}

/** Throws a RangeError for an unknown IANA zone, so a bad `--source-tz` fails at start. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/** ISO-8601 UTC with milliseconds; events of one file mostly share a day, so its prefix is reused. */
export function formatEventTime(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  let rest = ms - day * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedDayPrefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
