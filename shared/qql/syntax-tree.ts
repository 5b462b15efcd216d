/**
 * The concrete syntax tree: what was written, with positions, before the catalogue and the value
 * types are consulted. Only the parser's second phase (resolve.ts) reads it.
 */
import type { ValueCombination } from './ast.js';
import type { FieldOperator } from './scanner.js';

export interface SynSpan {
  readonly start: number;
  readonly end: number;
}

export interface SynScalar extends SynSpan {
  readonly kind: 'scalar';
  readonly quote: 'bare' | 'double' | 'backtick';
  /** the value with quotes removed and escapes applied */
  readonly text: string;
}

export type SynValueExpr = ValueCombination<SynScalar>;

export interface SynList extends SynSpan {
  readonly kind: 'list';
  readonly items: readonly SynScalar[];
}

/** A `null` bound is `*`: unbounded. */
export interface SynRange extends SynSpan {
  readonly kind: 'range';
  readonly lower: SynScalar | null;
  readonly upper: SynScalar | null;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
}

export interface SynGroup extends SynSpan {
  readonly kind: 'group';
  readonly expr: SynValueExpr;
}

export type SynMatch = SynScalar | SynList | SynRange | SynGroup;

interface SynFieldBase {
  readonly kind: 'field';
  readonly name: string;
  readonly nameSpan: SynSpan;
  readonly opSpan: SynSpan;
}

/** Lists, ranges and groups follow only `:`; `=` and comparisons take one scalar. */
export type SynField =
  | (SynFieldBase & { readonly op: ':'; readonly match: SynMatch })
  | (SynFieldBase & { readonly op: Exclude<FieldOperator, ':'>; readonly match: SynScalar });

export interface SynFree extends SynSpan {
  readonly kind: 'free';
  readonly quote: 'bare' | 'double';
  readonly text: string;
}

export type SynExpr =
  | SynField
  | SynFree
  | { readonly kind: 'and'; readonly items: readonly SynExpr[] }
  | { readonly kind: 'or'; readonly items: readonly SynExpr[] }
  | { readonly kind: 'not'; readonly item: SynExpr };
