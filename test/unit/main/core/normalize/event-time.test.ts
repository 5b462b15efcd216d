import { describe, expect, it } from 'vitest';
import { formatEventTime, parseEventTime } from '../../../../../main/core/normalize/event-time.js';

describe('parseEventTime', () => {
  const at = (iso: string): number => Date.parse(iso);

  it.each([
    ['2019-05-12T12:52:43.702578Z', '2019-05-12T12:52:43.702Z'],
    ['2021-04-21T09:27:56.1021840Z', '2021-04-21T09:27:56.102Z'],
    ['/Date(1618997276102)/', '2021-04-21T09:27:56.102Z'],
    ['2020-12-04T22:41:05.4719674+00:00', '2020-12-04T22:41:05.471Z'],
    ['2024-03-01T11:15:30.1234567+01:00', '2024-03-01T10:15:30.123Z'],
    ['2024-03-01T11:15:30-0530', '2024-03-01T16:45:30.000Z'],
    ['2019-05-12 17:09:02.275', '2019-05-12T17:09:02.275Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseEventTime(input, 'UTC')).toBe(at(expected));
  });

  it('reads zone-less times in the source zone, across daylight saving', () => {
    expect(parseEventTime('2020-08-05 02:09:26', 'America/New_York')).toBe(at('2020-08-05T06:09:26Z'));
    expect(parseEventTime('2020-01-05 02:09:26', 'America/New_York')).toBe(at('2020-01-05T07:09:26Z'));
    expect(parseEventTime('2020-08-05 02:09:26', 'Asia/Kolkata')).toBe(at('2020-08-04T20:39:26Z'));
  });

  it.each([['yesterday'], ['2020-13-01T00:00:00Z'], ['2020-01-01T25:00:00Z'], [''], [null], [{}], [Number.NaN], ['/Date(99999999999999999)/']])(
    'rejects %j', (input) => {
      expect(parseEventTime(input, 'UTC')).toBeUndefined();
    },
  );
});

describe('parseEventTime fast path', () => {
  it.each([
    ['2019-05-12T12:52:43Z', '2019-05-12T12:52:43.000Z'],
    ['2019-05-12T12:52:43.7Z', '2019-05-12T12:52:43.700Z'],
    ['2019-05-12T12:52:43.70Z', '2019-05-12T12:52:43.700Z'],
    ['2019-05-12T12:52:43.123456789Z', '2019-05-12T12:52:43.123Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseEventTime(input, 'UTC')).toBe(Date.parse(expected));
  });

  it.each([['2019-05-12T12:52:43.Z'], ['2019-05-12T12:52:4x.1Z'], ['2019-00-12T12:52:43Z'], ['2019-05-12T12:52:43.1a2Z']])('rejects %s', (input) => {
    expect(parseEventTime(input, 'UTC')).toBeUndefined();
  });
});

describe('formatEventTime', () => {
  it('writes ISO-8601 UTC with milliseconds, like Date.toISOString', () => {
    const samples = [0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, Date.UTC(2021, 4, 14, 12, 54, 5, 7), Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(Math.random() * Date.UTC(2100, 0, 1)));
    for (const ms of samples) expect(formatEventTime(ms)).toBe(new Date(ms).toISOString());
  });
});
