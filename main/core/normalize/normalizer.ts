/**
 * One exported Windows event (any of the five shapes) → the normalized event of the field
 * catalog, with the source field of every token (provenance). Pure apart from the geo lookup.
 */
import { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';
import type { NormalizedEvent, Provenance, TokenValue } from '../../../shared/model/normalized-event.js';
import type { GeoLookup } from '../enrich/geo-lookup.js';
import { providerFamily } from '../windows/event-catalog.js';
import {
  action, address, category, destinationUser, deviceEventId, deviceSeverity, direction, DESTINATION_ADDRESS_SOURCES,
  eventName, eventTypeAndOutcome, fileNameFromPath, fileObjectPath, logonTypeFromEcs, objectName, permissions,
  protocol, secondaryAction, SOURCE_ADDRESS_SOURCES,
} from './derived-tokens.js';
import { contentEventKey, eventUuid, naturalEventKey } from './event-identity.js';
import type { ProviderFamily } from './event-sets.js';
import { inScope } from './event-sets.js';
import { formatEventTime, parseEventTime } from './event-time.js';
import type { EventContext } from './rule-engine.js';
import { coercer, lookupSource } from './rule-engine.js';
import { detectShape } from './shape-detection.js';
import { readEvtxRecord } from './shapes/evtx-json.js';
import { nxlogSeverityFields, readNxlogRecord } from './shapes/nxlog.js';
import { readPowerShellRecord } from './shapes/powershell.js';
import { readQualysFlatRecord } from './shapes/qualys-flat.js';
import { readWinlogbeatRecord } from './shapes/winlogbeat.js';
import type { Shape, SourceRecord } from './source-record.js';
import { isPlainObject } from './source-record.js';
import type { SourceSpec } from './token-rules.js';
import { TOKEN_RULES } from './token-rules.js';
import { isAbsent, toInteger, toText } from './value-hygiene.js';

export interface NormalizeOptions {
  /** force a shape instead of detecting it per record */
  readonly shape?: Shape;
  readonly customerId?: string;
  /** IANA zone for times exported without an offset (older NXLog) */
  readonly sourceTimeZone: string;
  readonly geo?: GeoLookup;
}

export interface NormalizedRecord {
  readonly ok: true;
  readonly shape: Shape;
  /** token values by FIELD_CATALOG position (undefined = absent): what the store and serializers read */
  readonly tokens: readonly (TokenValue | undefined)[];
  /** the normalized event object (built on first access) */
  readonly event: NormalizedEvent;
  /** per token, the source field that supplied it (built on first access) */
  readonly provenance: Provenance;
  readonly degraded?: string | undefined;
}

export type NormalizeResult = NormalizedRecord | { readonly ok: false; readonly reason: string };

const CONSTANT = 'constant';
const TOKEN_INDEX: ReadonlyMap<string, number> = new Map(FIELD_CATALOG.map((field, index) => [field.name, index]));

interface CompiledRule {
  readonly slot: number;
  readonly sources: readonly SourceSpec[];
  readonly convert: (value: unknown) => string | number | undefined;
}

const MAX_PLANS = 4096;
const plans = new Map<ProviderFamily | undefined, Map<number, readonly CompiledRule[]>>();
let planCount = 0;

/** TOKEN_RULES with the sources that apply to one kind of event, compiled once per (family, event ID). */
function planFor(family: ProviderFamily | undefined, eventId: number): readonly CompiledRule[] {
  let byId = plans.get(family);
  if (byId === undefined) {
    byId = new Map();
    plans.set(family, byId);
  }
  let plan = byId.get(eventId);
  if (plan === undefined) {
    plan = TOKEN_RULES.flatMap((rule) => {
      const sources = rule.sources.filter((spec) => inScope(spec.scope, family, eventId));
      const slot = TOKEN_INDEX.get(rule.token);
      return sources.length === 0 || slot === undefined ? [] : [{ slot, sources, convert: coercer(rule.coerce) }];
    });
    if (++planCount > MAX_PLANS) {
      byId.clear();
      planCount = 0;
    }
    byId.set(eventId, plan);
  }
  return plan;
}

/** Token values collected by catalog position; the first value put for a token wins. */
class TokenSlots {
  readonly values: (TokenValue | undefined)[] = new Array<TokenValue | undefined>(FIELD_CATALOG.length);
  readonly paths: string[] = new Array<string>(FIELD_CATALOG.length);

  putSlot(slot: number, value: TokenValue, path: string): void {
    if (this.values[slot] !== undefined) return;
    this.values[slot] = value;
    this.paths[slot] = path;
  }

  put(token: string, found: { value: TokenValue; path: string } | undefined): void {
    if (found === undefined) return;
    const index = TOKEN_INDEX.get(token);
    if (index === undefined || this.values[index] !== undefined) return;
    this.values[index] = found.value;
    this.paths[index] = found.path;
  }

  toResult(shape: Shape, degraded: string | undefined): NormalizedRecord {
    return new LazyNormalizedRecord(shape, this.values, this.paths, degraded);
  }
}

/** The event and provenance objects are built only when asked for: the store and serializers read `tokens`. */
class LazyNormalizedRecord implements NormalizedRecord {
  readonly ok = true;
  private builtEvent: NormalizedEvent | undefined;
  private builtProvenance: Provenance | undefined;

  constructor(
    readonly shape: Shape,
    readonly tokens: readonly (TokenValue | undefined)[],
    private readonly paths: readonly string[],
    readonly degraded: string | undefined,
  ) {}

  get event(): NormalizedEvent {
    return (this.builtEvent ??= byToken(this.tokens));
  }

  get provenance(): Provenance {
    return (this.builtProvenance ??= byToken(this.paths.map((path, i) => (this.tokens[i] === undefined ? undefined : path))));
  }
}

function byToken<T>(slots: readonly (T | undefined)[]): Record<string, T> {
  const object: Record<string, T> = {};
  for (let i = 0; i < FIELD_CATALOG.length; i++) {
    const value = slots[i];
    if (value !== undefined) object[(FIELD_CATALOG[i] as { name: string }).name] = value;
  }
  return object;
}

export function normalizeRecord(value: unknown, options: NormalizeOptions): NormalizeResult {
  const shape = options.shape ?? detectShape(value);
  if (shape === undefined) return { ok: false, reason: 'unknown export shape (not evtx-json, PowerShell, NXLog, Winlogbeat or Qualys flat)' };
  if (!isPlainObject(value)) return { ok: false, reason: `not a JSON object (${shape} records are objects)` };
  const record = readShape(shape, value);
  if (record === undefined) return { ok: false, reason: `not a ${shape} record` };

  const { header } = record;
  const eventId = toInteger(header.eventId?.value);
  if (eventId === undefined) return { ok: false, reason: 'no event ID' };
  const rawTime = header.time?.value;
  if (rawTime === undefined) return { ok: false, reason: 'no event time' };
  const timeMs = parseEventTime(rawTime, options.sourceTimeZone);
  if (timeMs === undefined) return { ok: false, reason: `unreadable event time ${JSON.stringify(rawTime)?.slice(0, 80) ?? ''}` };

  const provider = toText(header.provider?.value)?.trim();
  const context: EventContext = { record, eventId, family: familyOf(provider, toText(header.channel?.value)) };
  const slots = new TokenSlots();
  const put = (token: string, found: { value: TokenValue; path: string } | undefined): void => {
    slots.put(token, found);
  };

  put('eventTime', { value: formatEventTime(timeMs), path: header.time?.path ?? '' });
  put('deviceType', { value: 'Operating System', path: CONSTANT });
  put('deviceVendor', { value: 'Microsoft', path: CONSTANT });
  if (options.customerId !== undefined) put('customerId', { value: options.customerId, path: 'option --customer-id' });

  for (const rule of planFor(context.family, eventId)) {
    for (const spec of rule.sources) {
      const found = lookupSource(record, spec);
      if (found === undefined || isAbsent(found.value)) continue;
      const converted = rule.convert(found.value);
      if (converted === undefined) continue;
      slots.putSlot(rule.slot, converted, found.path);
      break;
    }
  }
  put('deviceModel', { value: 'Windows', path: CONSTANT });

  const nxlog = shape === 'nxlog' ? nxlogSeverityFields(value) : undefined;
  put('deviceSeverity', deviceSeverity(context, nxlog));
  const { eventType, outcome } = eventTypeAndOutcome(context, nxlog?.eventType);
  put('eventType', eventType);
  put('outcome', outcome);
  const actionName = action(context);
  put('action', actionName);
  put('category', category(context, actionName?.value));
  put('eventName', eventName(context, provider, eventType?.value));
  put('deviceEventId', deviceEventId(context, provider));
  put('permissions', permissions(context));
  put('protocol', protocol(context));
  put('direction', direction(context));
  put('secondaryAction', secondaryAction(context));
  put('destinationUser', destinationUser(context));
  put('object', objectName(context));
  put('filePath', fileObjectPath(context));
  put('fileName', fileNameFromPath(context));
  put('logonType', logonTypeFromEcs(context));
  putAddresses(context, put, options.geo);

  const key = naturalEventKey({ computer: toText(header.computer?.value), provider, recordId: toInteger(header.recordId?.value), timeMs }) ?? contentEventKey(value);
  put('eventId', { value: eventUuid(key), path: key.startsWith('record|') ? 'computer + provider + record id + time' : 'SHA-256 of the record' });

  return slots.toResult(shape, record.degraded);
}

function putAddresses(
  context: EventContext,
  put: (token: string, found: { value: TokenValue; path: string } | undefined) => void,
  geo: GeoLookup | undefined,
): void {
  const ends = [
    { specs: SOURCE_ADDRESS_SOURCES, v4: 'sourceIpv4', v6: 'sourceIpv6', country: 'geoSourceCountry', city: 'geoSourceCity', coordinates: 'geoSourceCoordinates' },
    { specs: DESTINATION_ADDRESS_SOURCES, v4: 'destinationIpv4', v6: 'destinationIpv6', country: 'geoDestinationCountry', city: 'geoDestinationCity', coordinates: 'geoDestinationCoordinates' },
  ];
  for (const end of ends) {
    const found = address(context, end.specs);
    if (found === undefined) continue;
    const ip = found.value.ipv4 ?? found.value.ipv6;
    if (ip === undefined) continue;
    put(found.value.ipv4 === undefined ? end.v6 : end.v4, { value: ip, path: found.path });
    const location = geo?.locate(ip);
    if (location === undefined) continue;
    const path = `DB-IP City Lite (${ip})`;
    if (location.country !== undefined) put(end.country, { value: location.country, path });
    if (location.city !== undefined) put(end.city, { value: location.city, path });
    if (location.coordinates !== undefined) put(end.coordinates, { value: location.coordinates, path });
  }
}

function readShape(shape: Shape, value: Record<string, unknown>): SourceRecord | undefined {
  switch (shape) {
    case 'evtx-json':
      return readEvtxRecord(value);
    case 'powershell':
      return readPowerShellRecord(value);
    case 'nxlog':
      return readNxlogRecord(value);
    case 'winlogbeat':
      return readWinlogbeatRecord(value);
    case 'qualys-flat':
      return readQualysFlatRecord(value);
  }
}

const CHANNEL_FAMILIES: ReadonlyMap<string, ProviderFamily> = new Map([
  ['security', 'security'],
  ['microsoft-windows-sysmon/operational', 'sysmon'],
  ['microsoft-windows-powershell/operational', 'powershell'],
]);

function familyOf(provider: string | undefined, channel: string | undefined): ProviderFamily | undefined {
  const byProvider = provider === undefined ? undefined : providerFamily(provider);
  if (byProvider !== undefined) return byProvider;
  return channel === undefined ? undefined : CHANNEL_FAMILIES.get(channel.toLowerCase());
}
