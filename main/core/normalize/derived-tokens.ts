/**
 * Tokens computed rather than copied: severity, keywords, categorization, eventName,
 * deviceEventId, permissions, translated codes and the IP split (windows-events.md §3–§4, §10).
 */
import { auditSubcategory, auditSubcategoryByName } from '../windows/audit-subcategories.js';
import { findCatalogEntry } from '../windows/event-catalog.js';
import { auditOutcome, decodeKeywords } from '../windows/keywords.js';
import { levelNameToSeverityLabel, levelToSeverityLabel, nxlogSeverityToLevelName } from '../windows/levels.js';
import { logonTypeNumber } from '../windows/logon-types.js';
import { providerTaskName } from '../windows/provider-tasks.js';
import { protocolName, translateMessageCode } from '../windows/message-codes.js';
import { GROUP_EVENTS, WFP_ACCOUNT_EVENTS } from './event-sets.js';
import type { EventContext } from './rule-engine.js';
import { firstValue, resolveSource } from './rule-engine.js';
import type { SourceSpec } from './token-rules.js';
import { DESTINATION_USER_SOURCES, OBJECT_SOURCES } from './token-rules.js';
import type { ParsedAddress } from './value-hygiene.js';
import { isAbsent, parseAddress, splitList, toHexCode, toInteger, toText } from './value-hygiene.js';

export interface Derived<T> {
  readonly value: T;
  readonly path: string;
}

const data = (name: string): SourceSpec => ({ from: 'data', name });
const flat = (name: string): SourceSpec => ({ from: 'flat', name });
const ecs = (path: string): SourceSpec => ({ from: 'ecs', path });

export function deviceSeverity(context: EventContext, nxlog?: { severity?: unknown; eventType?: unknown }): Derived<string> | undefined {
  const { header } = context.record;
  const level = header.level === undefined ? undefined : toInteger(header.level.value);
  if (level !== undefined && level >= 0 && level <= 255) return { value: levelToSeverityLabel(level), path: header.level?.path ?? '' };
  const name = toText(header.levelName?.value);
  const fromName = name === undefined ? undefined : levelNameToSeverityLabel(name);
  if (fromName !== undefined) return { value: fromName, path: header.levelName?.path ?? '' };
  if (nxlog !== undefined) {
    const derivedName = nxlogSeverityToLevelName(toText(nxlog.severity), toText(nxlog.eventType));
    const label = derivedName === undefined ? undefined : levelNameToSeverityLabel(derivedName);
    if (label !== undefined) return { value: label, path: 'Severity' };
  }
  return undefined;
}

interface KeywordReading {
  readonly names: readonly string[];
  readonly mask?: bigint;
  readonly path: string;
}

function readKeywords(context: EventContext, nxlogEventType?: unknown): KeywordReading | undefined {
  const { header } = context.record;
  const auditType = typeof nxlogEventType === 'string' ? nxlogAuditName(nxlogEventType) : undefined;
  if (auditType !== undefined) return { names: [auditType], path: 'EventType' };
  const named = header.keywordNames;
  if (named !== undefined && !isAbsent(named.value)) {
    const decoded = decodeKeywords(named.value);
    if (decoded !== undefined && decoded.names.length > 0) return { names: decoded.names, path: named.path };
  }
  const mask = header.keywords;
  if (mask !== undefined && !isAbsent(mask.value)) {
    const decoded = decodeKeywords(mask.value);
    if (decoded !== undefined) return { names: decoded.names, ...(decoded.mask !== undefined && { mask: decoded.mask }), path: mask.path };
  }
  return undefined;
}

function nxlogAuditName(eventType: string): string | undefined {
  const upper = eventType.toUpperCase();
  if (upper === 'AUDIT_SUCCESS') return 'Audit Success';
  if (upper === 'AUDIT_FAILURE') return 'Audit Failure';
  return undefined;
}

export function eventTypeAndOutcome(context: EventContext, nxlogEventType?: unknown): { eventType?: Derived<string>; outcome: Derived<string> } {
  const keywords = readKeywords(context, nxlogEventType);
  const outcomeFromEcs = resolveSource(context, ecs('event.outcome'));
  if (keywords === undefined) {
    const ecsOutcome = toText(outcomeFromEcs?.value)?.toLowerCase();
    if (ecsOutcome === 'success' || ecsOutcome === 'failure') return { outcome: { value: ecsOutcome, path: outcomeFromEcs?.path ?? '' } };
    return { outcome: { value: 'NA', path: 'no audit keyword' } };
  }
  const outcome = auditOutcome(keywords.mask ?? keywords.names);
  const audit = keywords.names.find((n) => n === 'Audit Success' || n === 'Audit Failure');
  const eventTypeName = audit ?? keywords.names[0];
  return {
    ...(eventTypeName !== undefined && { eventType: { value: eventTypeName, path: keywords.path } }),
    outcome: outcome === undefined ? { value: 'NA', path: 'no audit keyword' } : { value: outcome, path: keywords.path },
  };
}

/** Winlogbeat names task 0 "None"; that is a placeholder, not a task. */
const PLACEHOLDER_TASK_NAMES = new Set(['None']);

export function action(context: EventContext): Derived<string> | undefined {
  const flatAct = resolveSource(context, flat('act'));
  const flatText = toText(flatAct?.value);
  if (flatText !== undefined && flatAct !== undefined) return { value: flatText, path: flatAct.path };
  const { header } = context.record;
  const taskName = toText(header.taskName?.value);
  if (taskName !== undefined && !PLACEHOLDER_TASK_NAMES.has(taskName)) return { value: taskName, path: header.taskName?.path ?? '' };
  const task = toInteger(header.task?.value);
  if (task === undefined) return undefined;
  const path = `${header.task?.path ?? ''} (task ${task})`;
  if (context.family === 'security') {
    const sub = auditSubcategory(task);
    return sub === undefined ? undefined : { value: sub.subcategory, path };
  }
  const provider = toText(header.provider?.value);
  const name = provider === undefined ? undefined : providerTaskName(provider, task);
  return name === undefined ? undefined : { value: name, path };
}

export function category(context: EventContext, actionName: string | undefined): Derived<string> | undefined {
  const flatCat = resolveSource(context, flat('cat'));
  const flatText = toText(flatCat?.value);
  if (flatText !== undefined && flatCat !== undefined) return { value: flatText, path: flatCat.path };
  const { header } = context.record;
  if (context.family === 'security') {
    const task = toInteger(header.task?.value);
    const sub = (task === undefined ? undefined : auditSubcategory(task)) ?? (actionName === undefined ? undefined : auditSubcategoryByName(actionName));
    if (sub !== undefined) return { value: sub.category, path: `${header.task?.path ?? header.taskName?.path ?? 'action'} (audit category)` };
  }
  const channel = toText(header.channel?.value);
  if (channel !== undefined && context.family !== 'security') return { value: channel, path: header.channel?.path ?? '' };
  return undefined;
}

/** First line of the rendered message, without the trailing colon of headings such as "Process Create:". */
export function firstMessageLine(message: string): string | undefined {
  const end = message.search(/[\r\n]/);
  const line = (end < 0 ? message : message.slice(0, end)).trim();
  const title = line.endsWith(':') ? line.slice(0, -1).trimEnd() : line;
  return title === '' ? undefined : title;
}

export function eventName(context: EventContext, provider: string | undefined, eventTypeName: string | undefined): Derived<string> | undefined {
  const { header } = context.record;
  const message = toText(header.message?.value);
  const line = message === undefined ? undefined : firstMessageLine(message);
  if (line !== undefined) return { value: line, path: `${header.message?.path ?? ''} (first line)` };
  const entry = provider === undefined || context.eventId === undefined ? undefined : findCatalogEntry(provider, context.eventId);
  if (entry !== undefined) return { value: fillInsertions(entry.title, context), path: 'event catalog title' };
  const winKey = resolveSource(context, flat('winKey'));
  const winKeyText = toText(winKey?.value);
  if (winKeyText !== undefined && winKey !== undefined) return { value: winKeyText, path: winKey.path };
  if (eventTypeName !== undefined) return { value: eventTypeName, path: 'keyword name' };
  return undefined;
}

/** Catalog titles of classic events carry `%1`, `%2`: fill them from param1, param2 when present. */
function fillInsertions(title: string, context: EventContext): string {
  if (!title.includes('%')) return title;
  let complete = true;
  const filled = title.replace(/%(\d+)/g, (marker, index: string) => {
    const value = toText(context.record.data(`param${index}`)?.value);
    if (value === undefined) complete = false;
    return value ?? marker;
  });
  return complete ? filled : title;
}

export function deviceEventId(context: EventContext, provider: string | undefined): Derived<string> | undefined {
  const name = resolveSource(context, flat('Name'));
  const nameText = toText(name?.value);
  if (nameText !== undefined && name !== undefined) return { value: nameText, path: name.path };
  if (provider !== undefined && context.eventId !== undefined) {
    return { value: `${provider}:${context.eventId}`, path: `${context.record.header.provider?.path ?? ''} + ${context.record.header.eventId?.path ?? ''}` };
  }
  const plain = resolveSource(context, flat('winlogEventId')) ?? context.record.header.eventId;
  const plainText = toText(plain?.value);
  return plainText === undefined || plain === undefined ? undefined : { value: plainText, path: plain.path };
}

export function permissions(context: EventContext): Derived<string[]> | undefined {
  for (const name of ['PrivilegeList', 'EnabledPrivilegeList']) {
    const found = resolveSource(context, data(name)) ?? resolveSource(context, flat(name));
    const list = found === undefined ? [] : splitList(found.value);
    if (list.length > 0 && found !== undefined) return { value: list, path: found.path };
  }
  const accessList = resolveSource(context, data('AccessList'));
  const accessMask = resolveSource(context, data('AccessMask'));
  const items = accessList === undefined ? [] : splitList(accessList.value);
  const mask = accessMask === undefined ? undefined : toHexCode(accessMask.value);
  if (mask !== undefined) items.push(mask);
  if (items.length === 0) return undefined;
  const paths = [accessList?.path, accessMask?.path].filter((p): p is string => p !== undefined);
  return { value: items, path: paths.join(' + ') };
}

export function protocol(context: EventContext): Derived<string> | undefined {
  return firstValue(context, [data('Protocol'), ecs('network.transport')], (value) => {
    const number = toInteger(value);
    if (number !== undefined) return protocolName(number) ?? String(number);
    return toText(value)?.trim().toLowerCase();
  });
}

export function direction(context: EventContext): Derived<string> | undefined {
  const fromDirection = firstValue(context, [data('Direction'), ecs('network.direction')], (value) => {
    const text = toText(value)?.trim();
    if (text === undefined) return undefined;
    const translated = text.startsWith('%%') ? translateMessageCode(text) : text;
    return translated === undefined ? undefined : capitalize(translated);
  });
  if (fromDirection !== undefined) return fromDirection;
  if (context.family !== 'sysmon') return undefined;
  return firstValue(context, [data('Initiated')], (value) => {
    const text = toText(value)?.toLowerCase();
    if (text === 'true') return 'Outbound';
    if (text === 'false') return 'Inbound';
    return undefined;
  });
}

function capitalize(text: string): string {
  const lower = text.toLowerCase();
  if (lower === 'inbound' || lower === 'ingress') return 'Inbound';
  if (lower === 'outbound' || lower === 'egress') return 'Outbound';
  return text;
}

export function secondaryAction(context: EventContext): Derived<string> | undefined {
  if (context.family !== 'security' || context.eventId === undefined || !WFP_ACCOUNT_EVENTS.has(context.eventId)) return undefined;
  return firstValue(context, [data('ChangeType')], (value) => {
    const text = toText(value)?.trim();
    if (text === undefined) return undefined;
    return text.startsWith('%%') ? (translateMessageCode(text) ?? text) : text;
  });
}

export function destinationUser(context: EventContext): Derived<string> | undefined {
  const isGroupEvent = context.family === 'security' && context.eventId !== undefined && GROUP_EVENTS.has(context.eventId);
  const flatValue = resolveSource(context, flat('winTarUsername'));
  const flatText = toText(flatValue?.value);
  if (flatText !== undefined && flatValue !== undefined) {
    const groupName = isGroupEvent ? toText(context.record.data('TargetUserName')?.value) : undefined;
    // never fill destinationUser from a group name
    if (groupName === undefined || groupName !== flatText) return { value: flatText, path: flatValue.path };
  }
  return firstValue(context, DESTINATION_USER_SOURCES, toText);
}

export function objectName(context: EventContext): Derived<string> | undefined {
  return firstValue(context, OBJECT_SOURCES, toText);
}

function isFileObject(context: EventContext): boolean {
  return toText(context.record.data('ObjectType')?.value)?.trim().toLowerCase() === 'file';
}

/** filePath proposal: ObjectName when ObjectType is File (after the flat and share sources). */
export function fileObjectPath(context: EventContext): Derived<string> | undefined {
  if (!isFileObject(context)) return undefined;
  return firstValue(context, [data('ObjectName')], toText);
}

/** fileName proposal: the last path component of a file path (ObjectName of a File, TargetFilename). */
export function fileNameFromPath(context: EventContext): Derived<string> | undefined {
  const specs: SourceSpec[] = isFileObject(context) ? [data('ObjectName')] : [];
  if (context.family === 'sysmon') specs.push(data('TargetFilename'));
  return firstValue(context, specs, (value) => {
    const text = toText(value)?.replace(/[\\/]+$/, '');
    if (text === undefined) return undefined;
    const name = text.slice(Math.max(text.lastIndexOf('\\'), text.lastIndexOf('/')) + 1);
    return name === '' ? undefined : name;
  });
}

export const SOURCE_ADDRESS_SOURCES: readonly SourceSpec[] = [
  flat('Source Address'), data('SourceAddress'), data('IpAddress'), data('ClientAddress'), data('SourceIp'), ecs('source.ip'),
];
export const DESTINATION_ADDRESS_SOURCES: readonly SourceSpec[] = [
  flat('DestAddress'), data('DestAddress'), data('DestinationIp'), ecs('destination.ip'),
];

export function address(context: EventContext, specs: readonly SourceSpec[]): Derived<ParsedAddress> | undefined {
  return firstValue(context, specs, parseAddress);
}

/** logonType from EventData, or from Winlogbeat's logon type name. */
export function logonTypeFromEcs(context: EventContext): Derived<number> | undefined {
  return firstValue(context, [ecs('winlog.logon.type')], (value) => {
    const text = toText(value);
    return text === undefined ? undefined : (toInteger(text) ?? logonTypeNumber(text));
  });
}
