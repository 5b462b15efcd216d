import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../../../../main/core/normalize/normalizer.js';

const EVTX_4624 = {
  Event: {
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing', Guid: '54849625-5478-4994-A5BA-3E3B0328C30D' } },
      EventID: 4624, Version: 2, Level: 0, Task: 12544, Keywords: '0x8020000000000000',
      TimeCreated: { '#attributes': { SystemTime: '2024-03-01T10:15:30.123456Z' } }, EventRecordID: 1201,
      Execution: { '#attributes': { ProcessID: 612, ThreadID: 700 } }, Channel: 'Security', Computer: 'HOST01.example.test',
    },
    EventData: { SubjectUserSid: 'S-1-5-18', TargetUserName: 'alice', LogonType: 3, IpAddress: '8.8.8.8', IpPort: '50122', ProcessId: '0x0' },
  },
};

const WINLOGBEAT_4624 = {
  '@timestamp': '2024-03-01T10:15:30.123Z',
  event: { code: '4624', provider: 'Microsoft-Windows-Security-Auditing', outcome: 'success' },
  winlog: {
    channel: 'Security', computer_name: 'HOST01.example.test', event_id: '4624', provider_name: 'Microsoft-Windows-Security-Auditing',
    record_id: 1201, keywords: ['Audit Success'], event_data: { TargetUserName: 'alice', LogonType: '3' },
  },
  host: { name: 'host01' },
};

describe('provenance', () => {
  it('names the source field of every token of an evtx_dump record', () => {
    const result = normalizeRecord(EVTX_4624, { sourceTimeZone: 'UTC' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.provenance).toMatchObject({
      eventTime: 'Event.System.TimeCreated.#attributes.SystemTime',
      deviceName: 'Event.System.Computer',
      destinationUser: 'Event.EventData.TargetUserName',
      logonType: 'Event.EventData.LogonType',
      sourceIpv4: 'Event.EventData.IpAddress',
      sourcePort: 'Event.EventData.IpPort',
      processId: 'Event.EventData.ProcessId',
      deviceType: 'constant',
      eventId: 'computer + provider + record id + time',
      eventType: 'Event.System.Keywords',
      action: 'Event.System.Task (task 12544)',
    });
    expect(Object.keys(result.provenance).sort()).toEqual(Object.keys(result.event).sort());
  });

  it('names Winlogbeat paths', () => {
    const result = normalizeRecord(WINLOGBEAT_4624, { sourceTimeZone: 'UTC' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.provenance).toMatchObject({
      eventTime: '@timestamp', destinationUser: 'winlog.event_data.TargetUserName', winlogHostname: 'host.name', recordId: 'winlog.record_id',
    });
  });

  it('gives the same eventId for the same event in both shapes', () => {
    const a = normalizeRecord(EVTX_4624, { sourceTimeZone: 'UTC' });
    const b = normalizeRecord(WINLOGBEAT_4624, { sourceTimeZone: 'UTC' });
    expect(a.ok && b.ok && a.event.eventId === b.event.eventId).toBe(true);
  });
});
