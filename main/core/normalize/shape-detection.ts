import { FoldedKeys, readPath } from './key-lookup.js';
import { splitProviderName } from './shapes/qualys-flat.js';
import type { Shape } from './source-record.js';
import { isPlainObject, own } from './source-record.js';

/** windows-events.md §1.3, first match wins; an unknown shape is undefined, never a guess. */
export function detectShape(record: unknown): Shape | undefined {
  if (!isPlainObject(record)) return undefined;
  if (isEvtx(record)) return 'evtx-json';
  if (isWinlogbeat(record)) return 'winlogbeat';
  const keys = new FoldedKeys(record);
  const has = (name: string): boolean => {
    const value = keys.get(name);
    return value !== undefined && value !== null;
  };
  if (has('Id') && (has('ProviderName') || has('LogName')) && (has('TimeCreated') || has('Properties'))) return 'powershell';
  if (has('logset') || has('winHost')) return 'qualys-flat';
  const name = keys.get('Name');
  if (has('Computer') && typeof name === 'string' && splitProviderName(name).length === 2) return 'qualys-flat';
  if (has('EventID') && (has('SourceName') || has('SourceModuleType') || has('SeverityValue') || has('Hostname'))) return 'nxlog';
  return undefined;
}

function isEvtx(record: Record<string, unknown>): boolean {
  const event = own(record, 'Event');
  if (isPlainObject(event) && isPlainObject(own(event, 'System'))) return true;
  const attributes = own(record, 'Event_attributes');
  return attributes !== undefined && isPlainObject(event) && own(event, 'System') !== undefined;
}

function isWinlogbeat(record: Record<string, unknown>): boolean {
  if (isPlainObject(own(record, 'winlog'))) return true;
  if (readPath(record, 'event.code') !== undefined && (isPlainObject(own(record, 'agent')))) return true;
  return own(record, 'event_id') !== undefined && own(record, 'log_name') !== undefined && own(record, 'computer_name') !== undefined;
}
