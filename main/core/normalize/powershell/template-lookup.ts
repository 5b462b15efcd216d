import type { PropertyTemplate } from './property-templates.js';
import { POWERSHELL_PROPERTY_TEMPLATES } from './property-templates.js';

const BY_KEY = new Map<string, PropertyTemplate[]>();
for (const template of POWERSHELL_PROPERTY_TEMPLATES) {
  const key = templateKey(template.provider, template.eventId, template.version);
  const list = BY_KEY.get(key) ?? [];
  list.push(template);
  BY_KEY.set(key, list);
}

function templateKey(provider: string, eventId: number, version: number): string {
  return `${provider.toLowerCase()}|${eventId}|${version}`;
}

/**
 * Names for `count` PowerShell property values: the variant of exactly that length, else the
 * shortest longer one (the export may drop trailing values). Undefined when no template fits.
 */
export function propertyNames(provider: string, eventId: number, version: number, count: number): readonly string[] | undefined {
  const variants = BY_KEY.get(templateKey(provider, eventId, version));
  if (variants === undefined) return undefined;
  let best: PropertyTemplate | undefined;
  for (const variant of variants) {
    if (variant.names.length === count) return variant.names;
    if (variant.names.length > count && (best === undefined || variant.names.length < best.names.length)) best = variant;
  }
  return best?.names;
}
