/**
 * Normalizes the records of one ingest batch. The ingest thread hands a batch over and commits the
 * previous one meanwhile; run in a normalizer thread (main/worker/normalizer-thread.ts) the two
 * overlap and both cores work. Results are plain data, in the order of the texts given.
 */
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import type { Shape } from './source-record.js';
import type { NormalizeOptions } from './normalizer.js';
import { normalizeText } from './normalize-file.js';

export type NormalizedText =
  | { readonly kind: 'event'; readonly tokens: readonly (TokenValue | undefined)[]; readonly shape: Shape; readonly degraded?: string }
  | { readonly kind: 'error'; readonly reason: string; readonly message: string };

export interface BatchNormalizer {
  normalize(texts: readonly string[]): Promise<NormalizedText[]>;
  close(): Promise<void>;
}

export function normalizeTexts(texts: readonly string[], options: NormalizeOptions): NormalizedText[] {
  return texts.map((text) => {
    const item = normalizeText(text, 0, 0, options);
    if (item.kind === 'error') return { kind: 'error', reason: item.reason, message: item.message };
    const { tokens, shape, degraded } = item.record;
    return { kind: 'event', tokens, shape, ...(degraded !== undefined && { degraded }) };
  });
}

/** Normalization in the calling thread (one-shot callers, tests). */
export function inThreadNormalizer(options: NormalizeOptions): BatchNormalizer {
  return {
    normalize: (texts) => Promise.resolve(normalizeTexts(texts, options)),
    close: () => Promise.resolve(),
  };
}
