import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';
import type { TokenValue } from '../../../shared/model/normalized-event.js';

const KEY_PREFIXES = FIELD_CATALOG.map((field) => `${JSON.stringify(field.name)}:`);

/** The normalized event contract as one JSON line, written straight from catalog-ordered token slots. */
export function serializeTokens(tokens: readonly (TokenValue | undefined)[]): string {
  let json = '{';
  for (let i = 0; i < tokens.length; i++) {
    const value = tokens[i];
    if (value === undefined) continue;
    if (json.length > 1) json += ',';
    json += KEY_PREFIXES[i] ?? '';
    json += typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
  return `${json}}`;
}
