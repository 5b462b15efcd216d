import { FoldedKeys } from '../key-lookup.js';
import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';

/** NXLog's own keys; everything else at top level is EventData merged in by `im_msvistalog`. */
const EXECUTION_PID_KEYS = ['ExecutionProcessID'];

/** Shape C: NXLog `im_msvistalog` + `to_json()`: flat, EventData merged at top level. */
export function readNxlogRecord(root: Record<string, unknown>): SourceRecord {
  const keys = new FoldedKeys(root);
  const get = (...names: string[]): Sourced | undefined => {
    for (const name of names) {
      const key = keys.key(name);
      if (key !== undefined && root[key] !== undefined && root[key] !== null) return { value: root[key], path: key };
    }
    return undefined;
  };

  const header: EventHeader = {
    eventId: get('EventID'),
    provider: get('SourceName', 'ProviderName'),
    providerGuid: get('ProviderGuid'),
    channel: get('Channel'),
    computer: get('Hostname'),
    time: get('EventTime'),
    level: get('LevelValue', 'Level'),
    levelName: undefined,
    task: get('Task', 'TaskValue'),
    taskName: get('Category'),
    keywords: get('Keywords'),
    keywordNames: undefined,
    recordId: get('RecordNumber'),
    version: get('Version'),
    executionPid: get(...EXECUTION_PID_KEYS, 'ProcessID'),
    userSid: get('UserID'),
    userDomain: get('Domain'),
    message: get('Message'),
  };

  return {
    shape: 'nxlog',
    header,
    data: (name) => get(name),
    flat: () => undefined,
    ecs: () => undefined,
  };
}

/** NXLog's own severity fields, used only to derive a level when LevelValue/Level are absent. */
export function nxlogSeverityFields(root: Record<string, unknown>): { severity?: unknown; eventType?: unknown } {
  const keys = new FoldedKeys(root);
  return { severity: keys.get('Severity'), eventType: keys.get('EventType') };
}
