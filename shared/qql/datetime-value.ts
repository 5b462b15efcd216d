/**
 * Datetime values (qql.md §5.6): what was written (`DateExpr`, kept for formatting) and the span of
 * UTC milliseconds it stands for, resolved against a given `now` and display zone.
 */
import type { DisplayZone, WallTime } from './time-zone.js';
import { daysInMonth, utcFromFields } from './time-zone.js';

export type DateUnit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm' | 's';

export interface DateStep {
  readonly sign: 1 | -1;
  readonly amount: number;
  readonly unit: DateUnit;
}

export type DateExpr =
  /** a whole day in the display zone */
  | { readonly kind: 'day'; readonly year: number; readonly month: number; readonly day: number }
  /** an instant; `offsetMinutes` null = the display zone */
  | {
    readonly kind: 'instant'; readonly year: number; readonly month: number; readonly day: number;
    readonly hour: number; readonly minute: number; readonly second: number; readonly millisecond: number;
    readonly offsetMinutes: number | null;
  }
  /** `now`, steps, then rounding down to the start of `round` */
  | { readonly kind: 'relative'; readonly steps: readonly DateStep[]; readonly round: DateUnit | null };

export type DateParse =
  | { readonly ok: true; readonly expr: DateExpr }
  | { readonly ok: false; readonly problem: 'invalid' | 'range' };

/** Closed span of UTC milliseconds: a day is [start, next start − 1], an instant [t, t]. */
export interface MillisecondSpan {
  readonly first: number;
  readonly last: number;
}

const INVALID: DateParse = { ok: false, problem: 'invalid' };
const OUT_OF_RANGE: DateParse = { ok: false, problem: 'range' };

const UNITS = new Set<string>(['y', 'M', 'w', 'd', 'h', 'm', 's']);
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:\d{2})?$/;
/** larger step amounts are out of range whatever the unit */
const MAX_AMOUNT_DIGITS = 15;

const MIN_MS = utcFromFields({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
const END_MS = utcFromFields({ year: 10000, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 });

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms < END_MS;
}

function isUnit(c: string | undefined): c is DateUnit {
  return c !== undefined && UNITS.has(c);
}

/** `quoted`: a space instead of `T` is allowed only inside quotes. */
export function parseDate(text: string, quoted: boolean): DateParse {
  if (text.slice(0, 3).toLowerCase() === 'now') return parseRelative(text);
  const day = DAY.exec(text);
  if (day !== null) {
    const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return INVALID;
    return year < 1 ? OUT_OF_RANGE : { ok: true, expr: { kind: 'day', year, month, day: dayOfMonth } };
  }
  const m = INSTANT.exec(text);
  if (m === null || (!quoted && text.includes(' '))) return INVALID;
  const [year, month, dayOfMonth, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = Number(m[6] ?? '0');
  const millisecond = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (year === undefined || month === undefined || dayOfMonth === undefined || hour === undefined || minute === undefined) return INVALID;
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return INVALID;
  if (hour > 23 || minute > 59 || second > 59) return INVALID;
  let offsetMinutes: number | null = null;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') offsetMinutes = 0;
    else {
      const hours = Number(zone.slice(1, 3));
      const minutes = Number(zone.slice(4, 6));
      if (hours > 23 || minutes > 59) return INVALID;
      const total = hours * 60 + minutes;
      offsetMinutes = zone.startsWith('-') && total !== 0 ? -total : total;
    }
  }
  if (year < 1) return OUT_OF_RANGE;
  return { ok: true, expr: { kind: 'instant', year, month, day: dayOfMonth, hour, minute, second, millisecond, offsetMinutes } };
}

function parseRelative(text: string): DateParse {
  const steps: DateStep[] = [];
  let i = 3;
  let tooLarge = false;
  while (text[i] === '+' || text[i] === '-') {
    const sign = text[i] === '-' ? -1 : 1;
    let j = i + 1;
    while (text[j] !== undefined && /\d/.test(text[j] ?? '')) j++;
    const unit = text[j];
    if (j === i + 1 || !isUnit(unit)) return INVALID;
    const digits = text.slice(i + 1, j).replace(/^0+(?=\d)/, '');
    if (digits.length > MAX_AMOUNT_DIGITS) tooLarge = true;
    steps.push({ sign, amount: Number(digits), unit });
    i = j + 1;
  }
  let round: DateUnit | null = null;
  if (text[i] === '/') {
    const unit = text[i + 1];
    if (!isUnit(unit)) return INVALID;
    round = unit;
    i += 2;
  }
  if (i !== text.length) return INVALID;
  return tooLarge ? OUT_OF_RANGE : { ok: true, expr: { kind: 'relative', steps, round } };
}

const EXACT_MS: Partial<Record<DateUnit, number>> = { h: 3_600_000, m: 60_000, s: 1000 };

function withDay(w: WallTime, year: number, month: number): WallTime {
  return { ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) };
}

function step(ms: number, s: DateStep, zone: DisplayZone): number {
  const exact = EXACT_MS[s.unit];
  if (exact !== undefined) return ms + s.sign * s.amount * exact;
  const w = zone.toWall(ms);
  const n = s.sign * s.amount;
  switch (s.unit) {
    case 'y': {
      const year = w.year + n;
      return year < 1 || year > 9999 ? NaN : zone.fromWall(withDay(w, year, w.month));
    }
    case 'M': {
      const months = w.year * 12 + (w.month - 1) + n;
      const year = Math.floor(months / 12);
      return year < 1 || year > 9999 ? NaN : zone.fromWall(withDay(w, year, months - year * 12 + 1));
    }
    default: {
      const days = (s.unit === 'w' ? 7 : 1) * n;
      return Math.abs(days) > 4_000_000 ? NaN : zone.fromWall({ ...w, day: w.day + days });
    }
  }
}

function roundDown(ms: number, unit: DateUnit, zone: DisplayZone): number {
  const w = zone.toWall(ms);
  const midnight = { ...w, hour: 0, minute: 0, second: 0, millisecond: 0 };
  switch (unit) {
    case 'y':
      return zone.fromWall({ ...midnight, month: 1, day: 1 });
    case 'M':
      return zone.fromWall({ ...midnight, day: 1 });
    case 'w': {
      // weeks start on Monday (ISO 8601)
      const weekday = new Date(utcFromFields(midnight)).getUTCDay();
      return zone.fromWall({ ...midnight, day: w.day - ((weekday + 6) % 7) });
    }
    case 'd':
      return zone.fromWall(midnight);
    case 'h':
      return zone.fromWall({ ...w, minute: 0, second: 0, millisecond: 0 });
    case 'm':
      return zone.fromWall({ ...w, second: 0, millisecond: 0 });
    case 's':
      return zone.fromWall({ ...w, millisecond: 0 });
  }
}

/** The UTC span a date stands for, or undefined when it falls outside 0001-01-01 … 9999-12-31 (E029). */
export function resolveDate(expr: DateExpr, now: number, zone: DisplayZone): MillisecondSpan | undefined {
  switch (expr.kind) {
    case 'day': {
      const start = zone.fromWall({ year: expr.year, month: expr.month, day: expr.day, hour: 0, minute: 0, second: 0, millisecond: 0 });
      const next = zone.fromWall({ year: expr.year, month: expr.month, day: expr.day + 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
      return { first: start, last: next - 1 };
    }
    case 'instant': {
      const ms = expr.offsetMinutes === null ? zone.fromWall(expr) : utcFromFields(expr) - expr.offsetMinutes * 60_000;
      return { first: ms, last: ms };
    }
    case 'relative': {
      let ms = now;
      for (const s of expr.steps) {
        ms = step(ms, s, zone);
        if (!inRange(ms)) return undefined;
      }
      if (expr.round !== null) ms = roundDown(ms, expr.round, zone);
      return inRange(ms) ? { first: ms, last: ms } : undefined;
    }
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(expr: DateExpr): string {
  switch (expr.kind) {
    case 'day':
      return `${pad(expr.year, 4)}-${pad(expr.month, 2)}-${pad(expr.day, 2)}`;
    case 'instant': {
      let text = `${pad(expr.year, 4)}-${pad(expr.month, 2)}-${pad(expr.day, 2)}T${pad(expr.hour, 2)}:${pad(expr.minute, 2)}`;
      if (expr.second !== 0 || expr.millisecond !== 0) text += `:${pad(expr.second, 2)}`;
      if (expr.millisecond !== 0) text += `.${pad(expr.millisecond, 3)}`;
      if (expr.offsetMinutes === 0) text += 'Z';
      else if (expr.offsetMinutes !== null) {
        const abs = Math.abs(expr.offsetMinutes);
        text += `${expr.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
      }
      return text;
    }
    case 'relative':
      return `now${expr.steps.map((s) => `${s.sign < 0 ? '-' : '+'}${s.amount}${s.unit}`).join('')}${expr.round === null ? '' : `/${expr.round}`}`;
  }
}
