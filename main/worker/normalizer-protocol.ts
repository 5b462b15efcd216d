/** Messages between an ingest thread and its normalizer thread. Plain data only. */
import type { NormalizedText } from '../core/normalize/batch-normalizer.js';
import type { Shape } from '../core/normalize/source-record.js';

/** What the normalizer thread builds its NormalizeOptions from (a geo lookup is opened there). */
export interface NormalizerSettings {
  readonly sourceTimeZone: string;
  readonly customerId?: string;
  readonly shape?: Shape;
  readonly geo: boolean;
}

export interface NormalizeRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

export type NormalizeReply =
  | { readonly id: number; readonly ok: true; readonly results: NormalizedText[] }
  | { readonly id: number; readonly ok: false; readonly message: string };
