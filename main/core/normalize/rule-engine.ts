import type { ProviderFamily } from './event-sets.js';
import { inScope } from './event-sets.js';
import type { SourceRecord, Sourced } from './source-record.js';
import type { Coercion, SourceSpec } from './token-rules.js';
import { isAbsent, toGuid, toHexCode, toInteger, toText } from './value-hygiene.js';

export interface EventContext {
  readonly record: SourceRecord;
  readonly family: ProviderFamily | undefined;
  readonly eventId: number | undefined;
}

/** The value a source spec points at in this record, if it applies to this event and is present. */
export function resolveSource(context: EventContext, spec: SourceSpec): Sourced | undefined {
  if (!inScope(spec.scope, context.family, context.eventId)) return undefined;
  return lookupSource(context.record, spec);
}

/** The value a source spec points at, ignoring its event scope (the caller has checked it). */
export function lookupSource(record: SourceRecord, spec: SourceSpec): Sourced | undefined {
  let found: Sourced | undefined;
  switch (spec.from) {
    case 'flat':
      found = record.flat(spec.name);
      break;
    case 'data':
      found = record.data(spec.name);
      break;
    case 'ecs':
      found = record.ecs(spec.path);
      break;
    case 'header':
      found = record.header[spec.field];
      break;
  }
  return found === undefined || isAbsent(found.value) ? undefined : found;
}

/** First source, in precedence order, whose value is present and coerces. */
export function firstValue<T>(
  context: EventContext,
  specs: readonly SourceSpec[],
  convert: (value: unknown) => T | undefined,
): { value: T; path: string } | undefined {
  for (const spec of specs) {
    const found = resolveSource(context, spec);
    if (found === undefined) continue;
    const value = convert(found.value);
    if (value !== undefined) return { value, path: found.path };
  }
  return undefined;
}

export function coercer(coercion: Coercion): (value: unknown) => string | number | undefined {
  switch (coercion) {
    case 'text':
      return toText;
    case 'integer':
      return toInteger;
    case 'port':
      return (value) => {
        const port = toInteger(value);
        return port === undefined || port <= 0 || port > 65535 ? undefined : port;
      };
    case 'hex':
      return toHexCode;
    case 'guid':
      return toGuid;
  }
}
