import { FoldedKeys } from '../key-lookup.js';
import { fieldsFromMessage } from '../message-fields.js';
import { propertyNames } from '../powershell/template-lookup.js';
import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';
import { isPlainObject, own } from '../source-record.js';

/** What ConvertTo-Json writes for a property object nested deeper than -Depth. */
const DEPTH_LOST = 'System.Diagnostics.Eventing.Reader.EventProperty';

/** Shape B: PowerShell `Get-WinEvent | ConvertTo-Json` (5.1 and 7). */
export function readPowerShellRecord(root: Record<string, unknown>): SourceRecord {
  const keys = new FoldedKeys(root);
  const get = (name: string): Sourced | undefined => {
    const key = keys.key(name);
    if (key === undefined) return undefined;
    const value = root[key];
    return value === undefined || value === null ? undefined : { value, path: key };
  };

  const userId = get('UserId');
  const userSid = isPlainObject(userId?.value) ? { value: own(userId.value, 'Value'), path: `${userId.path}.Value` } : userId;
  const time = get('TimeCreated');
  const timeValue = isPlainObject(time?.value) ? { value: own(time.value, 'value'), path: `${time.path}.value` } : time;

  const header: EventHeader = {
    eventId: get('Id'),
    provider: get('ProviderName'),
    providerGuid: get('ProviderId'),
    channel: get('LogName') ?? get('ContainerLog'),
    computer: get('MachineName'),
    time: timeValue,
    level: get('Level'),
    levelName: get('LevelDisplayName'),
    task: get('Task'),
    taskName: get('TaskDisplayName'),
    keywords: get('Keywords'),
    keywordNames: get('KeywordsDisplayNames'),
    recordId: get('RecordId'),
    version: get('Version'),
    executionPid: get('ProcessId'),
    userSid,
    message: get('Message'),
  };

  const { fields, degraded } = namedProperties(header, get('Properties'), get('Qualifiers'));
  return {
    shape: 'powershell',
    header,
    data: (name) => fields.get(name),
    flat: () => undefined,
    ecs: () => undefined,
    ...(degraded === undefined ? {} : { degraded }),
  };
}

function namedProperties(
  header: EventHeader,
  properties: Sourced | undefined,
  qualifiers: Sourced | undefined,
): { fields: Map<string, Sourced>; degraded?: string } {
  const fields = new Map<string, Sourced>();
  if (properties === undefined || !Array.isArray(properties.value)) return { fields };
  const values: unknown[] = properties.value;
  if (values.some((v) => v === DEPTH_LOST)) {
    const message = header.message?.value;
    if (typeof message === 'string') {
      for (const [name, value] of fieldsFromMessage(message)) fields.set(name, { value, path: `${header.message?.path ?? 'Message'} (${name})` });
    }
    return { fields, degraded: 'Properties lost to ConvertTo-Json depth: EventData read from the rendered message' };
  }

  const provider = typeof header.provider?.value === 'string' ? header.provider.value : '';
  const eventId = toInteger(header.eventId?.value);
  const version = toInteger(header.version?.value) ?? 0;
  const names = eventId === undefined ? undefined : propertyNames(provider, eventId, version, values.length);
  const classic = names === undefined && qualifiers !== undefined;

  let degraded: string | undefined;
  if (names === undefined && !classic && values.length > 0) {
    degraded = `no property template for ${provider}:${eventId ?? '?'} v${version}; values named param1…param${values.length}`;
  }
  values.forEach((entry, index) => {
    const name = names?.[index] ?? `param${index + 1}`;
    const value = isPlainObject(entry) && Object.hasOwn(entry, 'Value') ? entry.Value : entry;
    const unwrapped = isPlainObject(value) && typeof own(value, 'Value') === 'string' ? own(value, 'Value') : value;
    if (!fields.has(name)) fields.set(name, { value: unwrapped, path: `${properties.path}[${index}] (${name})` });
  });
  return degraded === undefined ? { fields } : { fields, degraded };
}

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
