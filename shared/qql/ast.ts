/**
 * The QQL syntax tree after catalogue and type checks: plain data, no positions, so that
 * `parseQuery(formatQuery(ast))` gives back an equal tree. Same-kind AND/OR nesting is flattened and
 * redundant parentheses leave no trace. Values carry both what was written (for formatting) and,
 * for ordered types, the closed span of stored numbers they stand for (for compiling).
 */
import type { FieldType } from '../catalog/field-catalog.js';
import type { SeverityLabel } from '../catalog/severity.js';
import type { DateExpr } from './datetime-value.js';
import type { Comparison } from './scanner.js';

export type { DateExpr, DateStep, DateUnit } from './datetime-value.js';
export type { Comparison } from './scanner.js';

export interface QqlQuery {
  readonly kind: 'query';
  /** null: the empty query, which matches every event */
  readonly root: QqlExpr | null;
}

export type QqlExpr = QqlAnd | QqlOr | QqlNot | QqlField | QqlText | QqlAll;

export interface QqlAnd {
  readonly kind: 'and';
  /** two or more, none of them an `and` */
  readonly items: readonly QqlExpr[];
}

export interface QqlOr {
  readonly kind: 'or';
  /** two or more, none of them an `or` */
  readonly items: readonly QqlExpr[];
}

/** The complement, including events where the token is missing (§5.1). */
export interface QqlNot {
  readonly kind: 'not';
  readonly item: QqlExpr;
}

/** Free text (§5.10): some full-text-indexed text token contains `value`, any case. */
export interface QqlText {
  readonly kind: 'text';
  readonly value: string;
  /** `*` and `?` act as wildcards within the contains (bare terms only) */
  readonly wildcards: boolean;
}

/** A lone `*` free term: every event. */
export interface QqlAll {
  readonly kind: 'all';
}

export interface QqlField {
  readonly kind: 'field';
  /** the catalogue's spelling */
  readonly token: string;
  readonly type: FieldType;
  readonly test: QqlTest;
}

export type QqlTest = QqlIs | QqlList | QqlGroup | QqlCompare | QqlRange;

/** `t:v` or `t=v` */
export interface QqlIs {
  readonly kind: 'is';
  readonly value: QqlValue;
}

/** `t:[a, b]`: some element matches */
export interface QqlList {
  readonly kind: 'list';
  readonly items: readonly QqlValue[];
}

/** `t:(a OR b AND NOT c)`; never a single value (that is `is`) */
export interface QqlGroup {
  readonly kind: 'group';
  readonly expr: QqlValueExpr;
}

export interface QqlCompare {
  readonly kind: 'compare';
  readonly op: Comparison;
  readonly value: OrderedValue;
}

/** null bound: `*`, unbounded */
export interface QqlRange {
  readonly kind: 'range';
  readonly lower: RangeBound | null;
  readonly upper: RangeBound | null;
}

export interface RangeBound {
  readonly value: OrderedValue;
  readonly inclusive: boolean;
}

/** Values combined with AND, OR and NOT inside one token's parentheses: `user:(alice OR bob)`. */
export type ValueCombination<Leaf> =
  | Leaf
  | { readonly kind: 'and'; readonly items: readonly ValueCombination<Leaf>[] }
  | { readonly kind: 'or'; readonly items: readonly ValueCombination<Leaf>[] }
  | { readonly kind: 'not'; readonly item: ValueCombination<Leaf> };

export type QqlValueExpr = ValueCombination<QqlValue>;

export type QqlValue = ExistsValue | StringValue | OrderedValue;

export type OrderedValue = IntegerValue | Ipv4Value | SeverityValue | DatetimeValue;

/** `*`: the token has a value (not NULL, not empty; for lists at least one element) */
export interface ExistsValue {
  readonly kind: 'exists';
}

/**
 * contains: any case, `*` `?` literal; equals: whole value, any case; exact: whole value, case-sensitive;
 * pattern: whole value matches, `*` any run, `?` one character, any case.
 */
export type MatchMode = 'contains' | 'equals' | 'exact' | 'pattern';

/** a text, keyword or list element value */
export interface StringValue {
  readonly kind: 'string';
  readonly mode: MatchMode;
  readonly value: string;
}

export interface IntegerValue {
  readonly kind: 'integer';
  readonly value: number;
}

/** A block of addresses; a single address has prefix 32. Numbers are 0 … 2³²−1. */
export interface Ipv4Value {
  readonly kind: 'ipv4';
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

export interface SeverityValue {
  readonly kind: 'severity';
  readonly label: SeverityLabel;
  /** 1 (Debug) … 5 (Alert) */
  readonly rank: number;
}

/** `first`/`last`: UTC milliseconds; a day spans its whole length, an instant is one millisecond. */
export interface DatetimeValue {
  readonly kind: 'datetime';
  readonly date: DateExpr;
  readonly first: number;
  readonly last: number;
}

/**
 * The closed span of stored numbers an ordered value stands for (the integer, the address block,
 * the severity rank, the UTC milliseconds). `t:v` is first ≤ x ≤ last; `>v` is x > last; `>=v`
 * is x ≥ first; `<v` is x < first; `<=v` is x ≤ last; an inclusive lower bound x ≥ first, an
 * exclusive one x > last; an inclusive upper bound x ≤ last, an exclusive one x < first.
 */
export function orderedSpan(value: OrderedValue): { readonly first: number; readonly last: number } {
  switch (value.kind) {
    case 'integer':
      return { first: value.value, last: value.value };
    case 'severity':
      return { first: value.rank, last: value.rank };
    case 'ipv4':
    case 'datetime':
      return { first: value.first, last: value.last };
  }
}
