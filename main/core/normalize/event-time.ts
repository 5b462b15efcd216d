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
  const text = value.trim();
  const msDate = MS_DATE.exec(text);
  if (msDate !== null) return inRange(Number(msDate[1]));
  const iso = ISO.exec(text);
  if (iso === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = iso;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!Number.isFinite(wall) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  if (zone === undefined) return inRange(wall - zoneOffsetMs(zoneLessTimeZone, wall));
  if (zone.toUpperCase() === 'Z') return inRange(wall);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
  return inRange(wall - sign * offset);
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

export function formatEventTime(ms: number): string {
  return new Date(ms).toISOString();
}
