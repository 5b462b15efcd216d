/**
 * Wall-clock arithmetic in the display time zone (qql.md §5.6), through Intl only, so it runs in the
 * shared zone (no Node, no DOM). Years are proleptic Gregorian.
 */

export interface WallTime {
  readonly year: number;
  /** 1 … 12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** UTC milliseconds of wall fields read as UTC; out-of-range fields roll over (day 0 = last day of the previous month). */
export function utcFromFields(w: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(w.year, w.month - 1, w.day);
  date.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return date.getTime();
}

export function fieldsFromUtc(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
  };
}

export function daysInMonth(year: number, month: number): number {
  return fieldsFromUtc(utcFromFields({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 })).day;
}

export class DisplayZone {
  readonly name: string;
  private readonly format: Intl.DateTimeFormat | undefined;

  /** Throws RangeError for a name Intl does not know (a caller error, not a query error). */
  constructor(name: string) {
    this.name = name;
    this.format = name.toUpperCase() === 'UTC' ? undefined : new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  /** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
  offsetAt(ms: number): number {
    if (this.format === undefined) return 0;
    const fields: Record<string, number> = {};
    let bc = false;
    for (const part of this.format.formatToParts(new Date(ms))) {
      if (part.type === 'era') bc = part.value.startsWith('B');
      else if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wall = utcFromFields({
      year: bc ? 1 - (fields.year ?? 0) : fields.year ?? 0, month: fields.month ?? 1, day: fields.day ?? 1,
      hour: fields.hour ?? 0, minute: fields.minute ?? 0, second: fields.second ?? 0, millisecond: 0,
    });
    const wholeSecond = Math.floor(ms / 1000) * 1000;
    return wall - wholeSecond;
  }

  toWall(ms: number): WallTime {
    return fieldsFromUtc(ms + this.offsetAt(ms));
  }

  /** The instant of a wall time; in a gap (clocks moved forward) the later reading wins. */
  fromWall(w: WallTime): number {
    const local = utcFromFields(w);
    const first = local - this.offsetAt(local);
    const offset = this.offsetAt(first);
    const second = local - offset;
    if (second === first) return first;
    return this.offsetAt(second) === offset ? second : Math.max(first, second);
  }
}
