/**
 * Completion for the search bar (qql.md §8). A tolerant pass of the same lexer over the text before
 * the caret finds what is being typed there: a token name, an operator, a value, or the next
 * conjunction. It never throws: broken input only narrows what is offered.
 */
import type { FieldType } from '../catalog/field-catalog.js';
import { SEVERITY_LABELS } from '../catalog/severity.js';
import { backtickQuote, doubleQuote, isSafeBare } from './quoting.js';
import { Scanner, isWhite } from './scanner.js';
import type { QqlToken } from './tokens.js';
import { QQL_TOKENS, resolveToken } from './tokens.js';

export type SuggestionKind = 'token' | 'operator' | 'value' | 'conjunction';

export interface Suggestion {
  readonly kind: SuggestionKind;
  /** what replaces the span */
  readonly text: string;
  /** what to show */
  readonly label: string;
}

/** `start`/`end`: the code-point span the chosen suggestion replaces */
export interface Suggestions {
  readonly start: number;
  readonly end: number;
  readonly items: readonly Suggestion[];
}

export interface SuggestOptions {
  /** stored values of a keyword or list token containing `prefix`, most frequent first (the store's bound LIKE … LIMIT) */
  readonly values?: (token: string, prefix: string) => readonly string[];
}

const MAX_VALUES = 10;

type Frame =
  | { readonly kind: 'group' }
  | { readonly kind: 'values'; readonly token: string }
  | { readonly kind: 'list'; readonly token: string };

/** What the caret is in, found by `locate`. */
type Place =
  | { readonly kind: 'clause'; readonly openGroup: boolean }
  | { readonly kind: 'word'; readonly start: number; readonly end: number; readonly afterClause: boolean; readonly openGroup: boolean }
  | { readonly kind: 'after'; readonly name: string | undefined; readonly spaced: boolean; readonly openGroup: boolean }
  | { readonly kind: 'value'; readonly token: string; readonly start: number; readonly end: number; readonly typed: string; readonly inList: boolean }
  /** after a complete list element */
  | { readonly kind: 'listItem' }
  | { readonly kind: 'none' };

export function suggest(query: string, caret: number, options: SuggestOptions = {}): Suggestions {
  try {
    const points = Array.from(query);
    const at = Math.max(0, Math.min(Number.isFinite(caret) ? Math.floor(caret) : points.length, points.length));
    return answer(new Scanner(points), at, locate(new Scanner(points), at), options);
  } catch {
    return { start: 0, end: 0, items: [] };
  }
}

function locate(s: Scanner, caret: number): Place {
  const stack: Frame[] = [];
  let expect: 'clause' | 'value' | 'after' = 'clause';
  let valueToken = '';
  let lastName: string | undefined;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const inValues = (): boolean => top()?.kind === 'values' || top()?.kind === 'list';
  const openGroup = (): boolean => stack.some((f) => f.kind !== 'list');
  let i = 0;
  while (i < caret) {
    const c = s.at(i);
    if (isWhite(c)) {
      i = s.skipWhite(i);
      continue;
    }
    lastName = undefined;
    const frame = top();
    // inside a list or value group every word is a value (adjacency means AND there too)
    const valueContext: boolean = expect === 'value' || inValues();
    if (c === '"' || c === '`') {
      const quoted = c === '"' ? s.doubleQuoted(i) : s.backticked(i);
      if (!quoted.closed || quoted.end > caret) {
        if (!valueContext) return { kind: 'none' };
        const typed = c === '"' ? new Scanner(s.points.slice(0, caret)).doubleQuoted(i).value : s.text(i + 1, caret);
        return { kind: 'value', token: valueToken, start: i, end: quoted.closed ? quoted.end : caret, typed, inList: frame?.kind === 'list' };
      }
      i = quoted.end;
      expect = 'after';
      continue;
    }
    if (c === '(') {
      stack.push(valueContext ? { kind: 'values', token: valueToken } : { kind: 'group' });
      expect = valueContext ? 'value' : 'clause';
      i++;
      continue;
    }
    if (c === '[') {
      if (valueContext) stack.push({ kind: 'list', token: valueToken });
      expect = valueContext ? 'value' : 'after';
      i++;
      continue;
    }
    if (c === ')' || c === ']') {
      if (frame !== undefined && (frame.kind === 'list') === (c === ']')) stack.pop();
      const outer = top();
      if (outer !== undefined && outer.kind !== 'group') valueToken = outer.token;
      expect = 'after';
      i++;
      continue;
    }
    if (c === ',' && frame?.kind === 'list') {
      expect = 'value';
      i++;
      continue;
    }
    if (frame?.kind === 'list' && s.separatorAt(i) > 0) {
      expect = 'value';
      i += s.separatorAt(i);
      continue;
    }
    const word = s.keywordAt(i);
    if ((word === 'AND' || word === 'OR' || word === 'NOT') && i + word.length < caret) {
      expect = inValues() ? 'value' : 'clause';
      i += word.length;
      continue;
    }
    if (valueContext) {
      const end = s.bareEnd(i, frame?.kind === 'list');
      if (end >= caret) {
        return { kind: 'value', token: frame !== undefined && frame.kind !== 'group' ? frame.token : valueToken, start: i, end, typed: s.text(i, caret), inList: frame?.kind === 'list' };
      }
      i = Math.max(end, i + 1);
      expect = 'after';
      continue;
    }
    const nameEnd = s.nameEnd(i);
    if (nameEnd > i && nameEnd < caret) {
      const opStart = s.skipWhite(nameEnd);
      const op = s.operatorAt(opStart);
      if (op !== undefined && opStart + op.length <= caret) {
        valueToken = s.text(i, nameEnd);
        i = opStart + op.length;
        expect = 'value';
        continue;
      }
    }
    const end = s.bareEnd(i, false);
    if (end >= caret) {
      // in `userN|ame:bob` the word is the name, not the whole run
      const wordEnd = nameEnd >= caret ? nameEnd : end;
      return { kind: 'word', start: i, end: wordEnd, afterClause: expect === 'after', openGroup: openGroup() };
    }
    if (nameEnd === end) lastName = s.text(i, end);
    i = Math.max(end, i + 1);
    expect = 'after';
  }
  if (expect === 'value') {
    const frame = top();
    return { kind: 'value', token: frame !== undefined && frame.kind !== 'group' ? frame.token : valueToken, start: caret, end: caret, typed: '', inList: frame?.kind === 'list' };
  }
  if (expect === 'clause') return { kind: 'clause', openGroup: openGroup() };
  if (top()?.kind === 'list') return { kind: 'listItem' };
  return { kind: 'after', name: lastName, spaced: isWhite(s.at(caret - 1)), openGroup: openGroup() };
}

function operatorsFor(type: FieldType): readonly string[] {
  switch (type) {
    case 'integer':
    case 'ipv4':
    case 'datetime':
    case 'severity':
      return [':', '=', '>', '>=', '<', '<='];
    case 'coordinates':
      return [':*'];
    default:
      return [':', '='];
  }
}

function tokenItems(typed: string): Suggestion[] {
  const needle = typed.toLowerCase();
  return QQL_TOKENS
    .filter((t) => t.name.toLowerCase().includes(needle))
    .sort((a, b) => {
      const aPrefix = a.name.toLowerCase().startsWith(needle) ? 0 : 1;
      const bPrefix = b.name.toLowerCase().startsWith(needle) ? 0 : 1;
      return aPrefix - bPrefix || (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1);
    })
    .map((t) => ({ kind: 'token', text: t.name, label: t.name }));
}

function conjunctionItems(spaced: boolean, openGroup: boolean): Suggestion[] {
  const lead = spaced ? '' : ' ';
  const items: Suggestion[] = [
    { kind: 'conjunction', text: `${lead}AND `, label: 'AND' },
    { kind: 'conjunction', text: `${lead}OR `, label: 'OR' },
  ];
  if (openGroup) items.push({ kind: 'conjunction', text: ')', label: ')' });
  return items;
}

function storedValues(token: QqlToken, typed: string, inList: boolean, options: SuggestOptions): Suggestion[] {
  if (token.type === 'severity') {
    return SEVERITY_LABELS.filter((l) => l.toLowerCase().includes(typed.toLowerCase())).map((l) => ({ kind: 'value', text: l, label: l }));
  }
  if ((token.type !== 'keyword' && token.type !== 'list') || options.values === undefined) return [];
  const found = options.values(token.name, typed);
  const unique = [...new Set(Array.isArray(found) ? found.filter((v): v is string => typeof v === 'string' && v !== '') : [])];
  return unique.slice(0, MAX_VALUES).map((value) => ({
    kind: 'value',
    text: isSafeBare(value, { inList, pattern: false }) ? value : backtickQuote(value) ?? doubleQuote(value),
    label: value,
  }));
}

function answer(s: Scanner, caret: number, place: Place, options: SuggestOptions): Suggestions {
  const empty = { start: caret, end: caret, items: [] };
  switch (place.kind) {
    case 'none':
      return empty;
    case 'listItem':
      return { start: caret, end: caret, items: [{ kind: 'conjunction', text: ', ', label: ',' }, { kind: 'conjunction', text: ']', label: ']' }] };
    case 'clause':
      return { start: caret, end: caret, items: [...tokenItems(''), { kind: 'conjunction', text: 'NOT ', label: 'NOT' }] };
    case 'word': {
      const typed = s.text(place.start, caret);
      const token = resolveToken(typed);
      if (token !== undefined && place.end === caret) {
        return { start: caret, end: caret, items: operatorsFor(token.type).map((op) => ({ kind: 'operator', text: op, label: op })) };
      }
      const words = place.afterClause ? ['AND', 'OR', 'NOT'] : ['NOT'];
      const conjunctions: Suggestion[] = words
        .filter((w) => typed !== '' && w.startsWith(typed.toUpperCase()))
        .map((w) => ({ kind: 'conjunction', text: `${w} `, label: w }));
      return { start: place.start, end: place.end, items: [...conjunctions, ...tokenItems(typed)] };
    }
    case 'after': {
      const token = place.name === undefined ? undefined : resolveToken(place.name);
      const operators: Suggestion[] = token === undefined ? [] : operatorsFor(token.type).map((op) => ({ kind: 'operator', text: op, label: op }));
      return { start: caret, end: caret, items: [...operators, ...conjunctionItems(place.spaced, place.openGroup)] };
    }
    case 'value': {
      const token = resolveToken(place.token);
      if (token === undefined) return empty;
      return { start: place.start, end: place.end, items: storedValues(token, place.typed, place.inList, options) };
    }
  }
}
