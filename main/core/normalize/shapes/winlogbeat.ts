import { readPath } from '../key-lookup.js';
import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';
import { isPlainObject, own, sourced } from '../source-record.js';

/** Shape D: Winlogbeat 7/8 and Elastic Agent (`winlog.*`), and the flat Winlogbeat 6 layout. */
export function readWinlogbeatRecord(root: Record<string, unknown>): SourceRecord {
  const at = (path: string): Sourced | undefined => sourced(readPath(root, path), path);
  const first = (...paths: string[]): Sourced | undefined => {
    for (const path of paths) {
      const found = at(path);
      if (found !== undefined && found.value !== null) return found;
    }
    return undefined;
  };

  const header: EventHeader = {
    eventId: first('winlog.event_id', 'event.code', 'event_id'),
    provider: first('winlog.provider_name', 'event.provider', 'source_name'),
    providerGuid: first('winlog.provider_guid', 'provider_guid'),
    channel: first('winlog.channel', 'log_name'),
    computer: first('winlog.computer_name', 'computer_name'),
    time: first('@timestamp'),
    levelName: first('log.level', 'level'),
    taskName: first('winlog.task', 'task'),
    keywordNames: first('winlog.keywords', 'keywords'),
    recordId: first('winlog.record_id', 'record_number'),
    version: first('winlog.version', 'version'),
    executionPid: first('winlog.process.pid', 'process_id'),
    userSid: first('winlog.user.identifier', 'user.identifier'),
    userDomain: first('winlog.user.domain'),
    message: first('message'),
  };

  const data = eventData(root);
  return {
    shape: 'winlogbeat',
    header,
    data: (name) => data.get(name),
    flat: () => undefined,
    ecs: (path) => at(path),
  };
}

function eventData(root: Record<string, unknown>): Map<string, Sourced> {
  const fields = new Map<string, Sourced>();
  const winlog = own(root, 'winlog');
  const scope = isPlainObject(winlog) ? winlog : root;
  const prefix = isPlainObject(winlog) ? 'winlog.' : '';
  for (const section of ['event_data', 'user_data']) {
    const values = own(scope, section);
    if (!isPlainObject(values)) continue;
    for (const key of Object.keys(values)) {
      if (section === 'user_data' && key === 'xml_name') continue;
      if (!fields.has(key)) fields.set(key, { value: values[key], path: `${prefix}${section}.${key}` });
    }
  }
  return fields;
}
