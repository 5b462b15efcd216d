import { FoldedKeys } from '../key-lookup.js';
import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';
import { isPlainObject, own } from '../source-record.js';

/** Shape E: the Qualys agent's flat names as listed in the mapping guide, EventData at top level. */
export function readQualysFlatRecord(root: Record<string, unknown>): SourceRecord {
  const keys = new FoldedKeys(root);
  const get = (name: string): Sourced | undefined => {
    const key = keys.key(name);
    if (key === undefined) return undefined;
    const value = root[key];
    return value === undefined || value === null ? undefined : { value, path: key };
  };
  const first = (...names: string[]): Sourced | undefined => {
    for (const name of names) {
      const found = get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  const name = get('Name');
  const [providerFromName] = typeof name?.value === 'string' ? splitProviderName(name.value) : [];

  const header: EventHeader = {
    eventId: first('EventID', 'winlogEventId'),
    provider: providerFromName === undefined ? undefined : { value: providerFromName, path: 'Name' },
    providerGuid: get('Guid'),
    channel: first('Channel', 'LogName'),
    computer: first('Computer', 'winHost', 'winHostName'),
    time: first('TimeCreated', 'EventTime', '@timestamp', 'timestamp'),
    levelName: get('logset'),
    taskName: get('act'),
    keywordNames: first('keywords', 'winKey'),
    recordId: first('EventRecordID', 'RecordId', 'RecordNumber'),
    executionPid: get('ProcessID'),
    message: first('message'),
  };

  const unnamed = own(root, 'Data');
  const params = Array.isArray(unnamed) ? unnamed : undefined;
  const data = (field: string): Sourced | undefined => {
    const found = get(field);
    if (found !== undefined) return found;
    const param = /^param(\d+)$/.exec(field);
    if (param !== null && params !== undefined) {
      const index = Number(param[1]) - 1;
      const value: unknown = params[index];
      return value === undefined || isPlainObject(value) ? undefined : { value, path: `Data[${index}]` };
    }
    return undefined;
  };

  return { shape: 'qualys-flat', header, data, flat: get, ecs: () => undefined };
}

/** `Microsoft-Windows-Security-Auditing:4673` → provider and ID (provider names may hold `:` only before the ID). */
export function splitProviderName(name: string): [string, string] | [] {
  const colon = name.lastIndexOf(':');
  if (colon <= 0 || !/^\d+$/.test(name.slice(colon + 1))) return [];
  return [name.slice(0, colon), name.slice(colon + 1)];
}
