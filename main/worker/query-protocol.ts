/** Messages between a caller and the query worker (read-only connection). Plain data only. */
export interface QueryWorkerData {
  readonly dbPath: string;
}

export type QueryRequest =
  | { readonly id: number; readonly type: 'count'; readonly qql: string; readonly now: number; readonly timeZone?: string }
  | { readonly id: number; readonly type: 'page'; readonly qql: string; readonly now: number; readonly timeZone?: string; readonly limit: number; readonly after?: { readonly eventTime: number; readonly id: number } }
  | { readonly id: number; readonly type: 'facets'; readonly qql: string; readonly now: number; readonly timeZone?: string; readonly token: string; readonly limit: number }
  | { readonly id: number; readonly type: 'histogram'; readonly qql: string; readonly now: number; readonly timeZone?: string; readonly maxBuckets?: number };

export type QueryReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string; readonly start?: number; readonly end?: number } };
