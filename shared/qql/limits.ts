/** qql.md §9. */
export interface QqlLimits {
  /** code points; checked before anything else (E017) */
  readonly maxLength: number;
  /** leaf values in the whole query, each list element counting (E019) */
  readonly maxValues: number;
}

/** Nesting of parentheses, value groups and stacked NOT (E018). Fixed: it is what bounds the parser's stack. */
export const MAX_DEPTH = 32;

export const DEFAULT_LIMITS: QqlLimits = { maxLength: 4000, maxValues: 500 };
