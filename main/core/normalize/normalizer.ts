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
import { formatEventTime, parseEventTime } from './event-time.js';
import type { EventContext } from './rule-engine.js';
import { coercer, firstValue } from './rule-engine.js';
import { detectShape } from './shape-detection.js';
import { readEvtxRecord } from './shapes/evtx-json.js';
import { nxlogSeverityFields, readNxlogRecord } from './shapes/nxlog.js';
import { readPowerShellRecord } from './shapes/powershell.js';
import { readQualysFlatRecord } from './shapes/qualys-flat.js';
import { readWinlogbeatRecord } from './shapes/winlogbeat.js';
import type { Shape, SourceRecord } from './source-record.js';
import { isPlainObject } from './source-record.js';
import { TOKEN_RULES } from './token-rules.js';
import { toInteger, toText } from './value-hygiene.js';

export interface NormalizeOptions {
  /** force a shape instead of detecting it per record */
  readonly shape?: Shape;
  readonly customerId?: string;
  /** IANA zone for times exported without an offset (older NXLog) */
  readonly sourceTimeZone: string;
  readonly geo?: GeoLookup;
}

export type NormalizeResult =
  | { readonly ok: true; readonly shape: Shape; readonly event: NormalizedEvent; readonly provenance: Provenance; readonly degraded?: string }
  | { readonly ok: false; readonly reason: string };

const CONSTANT = 'constant';
const COERCERS = TOKEN_RULES.map((rule) => coercer(rule.coerce));

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
  const values = new Map<string, TokenValue>();
  const provenance: Record<string, string> = Object.create(null) as Record<string, string>;
  const put = (token: string, found: { value: TokenValue; path: string } | undefined): void => {
    if (found === undefined || values.has(token)) return;
    values.set(token, found.value);
    provenance[token] = found.path;
  };

  put('eventTime', { value: formatEventTime(timeMs), path: header.time?.path ?? '' });
  put('deviceType', { value: 'Operating System', path: CONSTANT });
  put('deviceVendor', { value: 'Microsoft', path: CONSTANT });
  if (options.customerId !== undefined) put('customerId', { value: options.customerId, path: 'option --customer-id' });

  TOKEN_RULES.forEach((rule, index) => {
    const convert = COERCERS[index];
    if (convert !== undefined) put(rule.token, firstValue(context, rule.sources, convert));
  });
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

  const event: Record<string, TokenValue> = {};
  const ordered: Record<string, string> = {};
  for (const field of FIELD_CATALOG) {
    const tokenValue = values.get(field.name);
    if (tokenValue === undefined) continue;
    event[field.name] = tokenValue;
    ordered[field.name] = provenance[field.name] ?? '';
  }
  return { ok: true, shape, event, provenance: ordered, ...(record.degraded !== undefined && { degraded: record.degraded }) };
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
