/** QQL, the event filter language (shared/docs/qql.md): parse, format, suggest. */
export type * from './ast.js';
export { orderedSpan } from './ast.js';
export type { QqlError, QqlErrorCode } from './errors.js';
export { formatQuery } from './format.js';
export type { QqlLimits } from './limits.js';
export { DEFAULT_LIMITS, MAX_DEPTH } from './limits.js';
export type { ParseOptions, ParseResult } from './parse.js';
export { parseQuery } from './parse.js';
export type { QqlToken } from './tokens.js';
export { QQL_TOKENS, RAW_TOKEN, integerRange, resolveToken } from './tokens.js';
export type { SuggestOptions, Suggestion, SuggestionKind, Suggestions } from './suggest.js';
export { suggest } from './suggest.js';
