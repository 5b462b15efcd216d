import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';
import type { TokenValue } from '../../../shared/model/normalized-event.js';

/** `"name":` per token, ready to be followed by the value. */
export function jsonKeyPrefixes(names: readonly string[]): readonly string[] {
  return names.map((name) => `${JSON.stringify(name)}:`);
}

const CATALOG_KEY_PREFIXES = jsonKeyPrefixes(FIELD_CATALOG.map((field) => field.name));

/** Token slots as one JSON object line, absent slots omitted (design.md §3); `keyPrefixes[i]` names slot i. */
export function serializeSlots(slots: readonly (TokenValue | undefined)[], keyPrefixes: readonly string[]): string {
  let json = '{';
  for (let i = 0; i < slots.length; i++) {
    const value = slots[i];
    if (value === undefined) continue;
    if (json.length > 1) json += ',';
    json += keyPrefixes[i] ?? '';
    json += typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
  return `${json}}`;
}

/** The normalized event contract as one JSON line, written straight from catalog-ordered token slots. */
export function serializeTokens(tokens: readonly (TokenValue | undefined)[]): string {
  return serializeSlots(tokens, CATALOG_KEY_PREFIXES);
}
