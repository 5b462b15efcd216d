/**
 * The tokens QQL accepts: the field catalogue, plus `raw` (the raw source record, searched by scan
 * only when asked for: qql.md §2, design.md §1.6). Names match case-insensitively.
 */
import type { FieldType } from '../catalog/field-catalog.js';
import { FIELD_CATALOG } from '../catalog/field-catalog.js';

export interface QqlToken {
  readonly name: string;
  readonly type: FieldType;
}

export const RAW_TOKEN: QqlToken = { name: 'raw', type: 'text' };

/** The catalogue declares no ranges yet, so the whole-number ranges (E010) live here. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  externalId: [0, 65535],
  sourcePort: [0, 65535],
  destinationPort: [0, 65535],
  processId: [0, 4294967295],
  logonType: [0, 4294967295],
};

export function integerRange(token: string): readonly [number, number] {
  return INTEGER_RANGES[token] ?? [0, Number.MAX_SAFE_INTEGER];
}

export const QQL_TOKENS: readonly QqlToken[] = [
  ...FIELD_CATALOG.map((field) => ({ name: field.name, type: field.type })),
  RAW_TOKEN,
];

const BY_LOWER_NAME: ReadonlyMap<string, QqlToken> = new Map(QQL_TOKENS.map((token) => [token.name.toLowerCase(), token]));

export function resolveToken(name: string): QqlToken | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
