/** §8 suggestions. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Suggestions } from '../../../../shared/qql/index.js';
import { QQL_TOKENS, suggest } from '../../../../shared/qql/index.js';

const labels = (s: Suggestions): string[] => s.items.map((i) => i.label);
const atEnd = (query: string, values?: (token: string, prefix: string) => readonly string[]): Suggestions =>
  suggest(query, Array.from(query).length, values === undefined ? {} : { values });

describe('suggest', () => {
  it('offers every token and NOT at the start of a clause', () => {
    const s = atEnd('');
    expect(s).toMatchObject({ start: 0, end: 0 });
    expect(s.items.filter((i) => i.kind === 'token')).toHaveLength(QQL_TOKENS.length);
    expect(labels(s)).toContain('NOT');
    expect(labels(atEnd('a AND ('))).toContain('userName');
  });

  it('offers tokens containing the typed text, prefix matches first, then alphabetical', () => {
    const s = atEnd('user');
    expect(s).toMatchObject({ start: 0, end: 4 });
    expect(labels(s)).toEqual(['userAgent', 'userName', 'destinationUser', 'destinationUserId', 'sourceUser']);
    expect(s.items.every((i) => i.kind === 'token')).toBe(true);
  });

  it('replaces the whole word under the caret', () => {
    expect(suggest('a usXXX', 4)).toMatchObject({ start: 2, end: 7 });
    expect(suggest('userN:bob', 3)).toMatchObject({ start: 0, end: 5 });
    expect(labels(suggest('userName :bob', 9))).toEqual([':', '=', 'AND', 'OR']);
  });

  it('offers the operators of the token type', () => {
    expect(labels(atEnd('userName'))).toEqual([':', '=']);
    expect(labels(atEnd('destinationport'))).toEqual([':', '=', '>', '>=', '<', '<=']);
    expect(labels(atEnd('geoSourceCoordinates'))).toEqual([':*']);
    expect(atEnd('a eventTime')).toMatchObject({ start: 11, end: 11 });
    expect(labels(atEnd('userName '))).toEqual([':', '=', 'AND', 'OR']);
  });

  it('asks for stored values of keyword and list tokens, bare when safe, else in backticks', () => {
    const values = vi.fn<(token: string, prefix: string) => readonly string[]>(() => ['Created', 'has space', 'a*b', 'x`y', 'Created', 'AND']);
    const s = atEnd('action:', values);
    expect(values).toHaveBeenCalledWith('action', '');
    expect(s).toMatchObject({ start: 7, end: 7 });
    expect(s.items.map((i) => i.text)).toEqual(['Created', '`has space`', '`a*b`', '"x`y"', '`AND`']);
    expect(s.items.every((i) => i.kind === 'value')).toBe(true);
  });

  it('passes the typed prefix and replaces the value being typed', () => {
    const values = vi.fn(() => ['Created']);
    expect(atEnd('ACTION: cr', values)).toMatchObject({ start: 8, end: 10 });
    expect(values).toHaveBeenLastCalledWith('action', 'cr');
    expect(atEnd('action:"cr', values)).toMatchObject({ start: 7, end: 10 });
    expect(values).toHaveBeenLastCalledWith('action', 'cr');
    expect(suggest('action:"cr" x', 9, { values })).toMatchObject({ start: 7, end: 11 });
    expect(atEnd('tags:[a, pe', values)).toMatchObject({ start: 9, end: 11 });
    expect(values).toHaveBeenLastCalledWith('tags', 'pe');
    expect(atEnd('action:(a OR d', values)).toMatchObject({ start: 13, end: 14 });
    expect(values).toHaveBeenLastCalledWith('action', 'd');
    expect(atEnd('action:(a d', values)).toMatchObject({ start: 10, end: 11 });
  });

  it('stops after ten values and does not ask for text tokens', () => {
    const many = vi.fn(() => Array.from({ length: 30 }, (_, i) => `v${i}`));
    expect(atEnd('action:', many).items).toHaveLength(10);
    const values = vi.fn(() => ['x']);
    expect(atEnd('userName:', values).items).toEqual([]);
    expect(values).not.toHaveBeenCalled();
  });

  it('offers severity levels', () => {
    expect(labels(atEnd('deviceSeverity>=w'))).toEqual(['Warning']);
    expect(labels(atEnd('deviceSeverity:'))).toEqual(['Debug', 'Informational', 'Warning', 'Error', 'Alert']);
  });

  it('offers AND, OR, and ) when a group is open, after a complete clause', () => {
    expect(labels(atEnd('userName:bob '))).toEqual(['AND', 'OR']);
    expect(labels(atEnd('(userName:bob '))).toEqual(['AND', 'OR', ')']);
    expect(labels(atEnd('action:(a '))).toEqual(['AND', 'OR', ')']);
    expect(atEnd('"x"').items.map((i) => i.text)).toEqual([' AND ', ' OR ']);
    expect(labels(atEnd('tags:[a '))).toEqual([',', ']']);
  });

  it('offers conjunctions first when a word follows a clause', () => {
    const s = atEnd('userName:bob A');
    expect(labels(s).slice(0, 1)).toEqual(['AND']);
    expect(labels(s)).toContain('action');
  });

  it('never throws, whatever the input, caret or callback', () => {
    const throwing = (): readonly string[] => {
      throw new Error('store closed');
    };
    expect(atEnd('action:', throwing)).toEqual({ start: 0, end: 0, items: [] });
    expect(suggest('abc', Number.NaN)).toBeDefined();
    expect(suggest('abc', -5)).toMatchObject({ start: 0, end: 0 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.integer({ min: -2, max: 90 }), (query, caret) => {
      const s = suggest(query, caret, { values: (_t, prefix) => [prefix, 'x y', ''] });
      const length = Array.from(query).length;
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeGreaterThanOrEqual(s.start);
      expect(s.end).toBeLessThanOrEqual(length);
    }), { numRuns: 2000 });
  });
});
