/**
 * Golden normalized events: Sysmon 1 / 3 / 10 / 11 / 13 and PowerShell 4104 (evtx-json, Winlogbeat).
 * Expected values come from the guide and windows-events.md §3–§10.
 */
import { describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../../../../helpers/shared-folder.js';
import { computer, expectedGeo, goldenEvent, sampleRecord, WINDOWS_DEVICE } from './golden-helpers.js';

const SYSMON = 'evtx-json/sysmon.jsonl';

const SYSMON_PROVIDER = {
  ...WINDOWS_DEVICE,
  guid: '5770385f-c22a-43e0-bf4c-06f5698ffbd9',
  provider: 'Microsoft-Windows-Sysmon',
  deviceSeverity: 'Informational', // Level 4
  outcome: 'NA', // Keywords 0x8000000000000000: no keyword name → no eventType
  category: 'Microsoft-Windows-Sysmon/Operational', // the channel; no action in evtx-json
  channel: 'Microsoft-Windows-Sysmon/Operational',
  winlogSubjectSid: 'S-1-5-18', // System Security@UserID, the last resort of the subject SID row
} as const;

const POWERSHELL_EXE = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

function networkConnection10272(): Record<string, unknown> {
  return {
    ...SYSMON_PROVIDER,
    ...computer('IEWIN7'),
    eventTime: '2019-05-02T14:48:53.950Z',
    action: 'Network connection detected (rule: NetworkConnect)', // provider task name (windows-events.md §10.1: Task → provider's task)
    externalId: 3,
    deviceEventId: 'Microsoft-Windows-Sysmon:3',
    eventName: 'Network connection detected',
    recordId: 10272,
    userName: 'IEWIN7\\IEUser',
    processId: 1508,
    processName: POWERSHELL_EXE,
    protocol: 'tcp',
    direction: 'Outbound', // Initiated true
    sourceIpv4: '10.0.2.15', // private: no geo
    sourceHost: 'IEWIN7.home',
    sourcePort: 49178,
    destinationIpv4: '151.101.36.133', // public: geo from DB-IP; DestinationHostname "" → absent
    destinationPort: 443,
    ...expectedGeo('151.101.36.133', 'Destination'),
  };
}

describe.skipIf(!sharedAvailable())('golden: Sysmon and PowerShell events', () => {
  it('evtx-json Sysmon 1 (record 16507): process create', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSMON, 16507, 1), 'evtx-json');
    expect(event).toEqual({
      ...SYSMON_PROVIDER,
      ...computer('IEWIN7'),
      eventTime: '2019-05-12T17:09:02.275Z', // 17:09:02.275164Z truncated
      action: 'Process Create (rule: ProcessCreate)', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 1,
      deviceEventId: 'Microsoft-Windows-Sysmon:1',
      eventName: 'Process Create',
      recordId: 16507,
      userName: 'IEWIN7\\IEUser', // Sysmon User
      winlogSubjectLogonId: '0x135f2', // Sysmon LogonId
      processId: 1528,
      processName: 'C:\\Windows\\System32\\rundll32.exe',
      command: '"C:\\Windows\\System32\\rundll32.exe"  pcwutl.dll,LaunchApplication c:\\Windows\\system32\\calc.exe',
      sourceProcess: 'C:\\Windows\\System32\\cmd.exe', // ParentImage
      winLogMandatoryLabel: 'Medium', // IntegrityLevel, raw
    });
  });

  it('evtx-json Sysmon 3 (record 10272): outbound connection to a public address', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSMON, 10272, 3), 'evtx-json');
    expect(event).toEqual(networkConnection10272());
  });

  it('winlogbeat Sysmon 3 (record 10272): strings "true"/"443", winlog.user, host.name', () => {
    const event = goldenEvent(sampleRecord('winlogbeat', 'winlogbeat/sysmon.ndjson', 10272, 3), 'winlogbeat');
    expect(event).toEqual({
      ...networkConnection10272(),
      winlogHostname: 'iewin7', // host.name
      action: 'Network connection detected (rule: NetworkConnect)', // winlog.task
      winlogSubjectDomainName: 'NT AUTHORITY', // winlog.user.domain, last resort
    });
  });

  it('evtx-json Sysmon 3 (record 549019): inbound SMB, empty User', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSMON, 549019, 3), 'evtx-json');
    expect(event).toEqual({
      ...SYSMON_PROVIDER,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-12-04T22:41:05.471Z',
      action: 'Network connection detected (rule: NetworkConnect)', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 3,
      deviceEventId: 'Microsoft-Windows-Sysmon:3',
      eventName: 'Network connection detected',
      recordId: 549019,
      processId: 4,
      processName: '<unknown process>',
      protocol: 'tcp',
      direction: 'Inbound', // Initiated false
      sourceIpv4: '10.0.2.17',
      sourceHost: 'MSEDGEWIN10CLON',
      sourcePort: 49792,
      destinationIpv4: '10.0.2.15',
      destinationHost: 'MSEDGEWIN10',
      destinationPort: 445,
    });
  });

  it('evtx-json Sysmon 10 (record 10273): process access', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSMON, 10273, 10), 'evtx-json');
    expect(event).toEqual({
      ...SYSMON_PROVIDER,
      ...computer('IEWIN7'),
      eventTime: '2019-05-02T14:50:17.955Z',
      action: 'Process accessed (rule: ProcessAccess)', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 10,
      deviceEventId: 'Microsoft-Windows-Sysmon:10',
      eventName: 'Process accessed',
      recordId: 10273,
      sourceProcess: POWERSHELL_EXE, // SourceImage
      destinationProcess: 'C:\\Windows\\system32\\lsass.exe', // TargetImage
      processId: 1960, // no ProcessId field: Execution PID
    });
  });

  it('evtx-json Sysmon 11 (record 385052): file created', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSMON, 385052, 11), 'evtx-json');
    expect(event).toEqual({
      ...SYSMON_PROVIDER,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-09-11T12:10:22.398Z',
      action: 'File created (rule: FileCreate)', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 11,
      deviceEventId: 'Microsoft-Windows-Sysmon:11',
      eventName: 'File created',
      recordId: 385052,
      processId: 640,
      processName: 'C:\\Windows\\system32\\lsass.exe',
      filePath: 'C:\\Windows\\System32\\mimilsa.log', // TargetFilename
      fileName: 'mimilsa.log',
    });
  });

  it('evtx-json Sysmon 13 (record 306346): registry value set, TargetObject is not object', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSMON, 306346, 13), 'evtx-json');
    expect(event).toEqual({
      ...SYSMON_PROVIDER,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-07-04T14:18:58.268Z',
      action: 'Registry value set (rule: RegistryEvent)', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 13,
      deviceEventId: 'Microsoft-Windows-Sysmon:13',
      eventName: 'Registry value set', // §8.5 "Registry object added or deleted / value set / object renamed", 13 = value set
      recordId: 306346,
      processId: 3728,
      processName: 'C:\\Users\\Public\\tools\\evasion\\a.exe',
      // Sysmon's own EventType "SetValue" is not the eventType token
    });
  });

  it('evtx-json PowerShell 4104 (record 1122): warning-level script block, no keywords', () => {
    const event = goldenEvent(sampleRecord('evtx-json', 'evtx-json/powershell-operational.jsonl', 1122, 4104), 'evtx-json');
    expect(event).toEqual({
      ...WINDOWS_DEVICE,
      ...computer('MSEDGEWIN10'),
      guid: 'a0c1853b-5c40-4b15-8766-3cf1c58f985a',
      provider: 'Microsoft-Windows-PowerShell',
      deviceSeverity: 'Warning', // Level 3: flagged as suspicious (§3)
      outcome: 'NA', // Keywords 0x0: no eventType
      category: 'Microsoft-Windows-PowerShell/Operational',
      channel: 'Microsoft-Windows-PowerShell/Operational',
      eventTime: '2019-09-09T13:35:08.655Z',
      action: 'Execute a Remote Command', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 4104,
      deviceEventId: 'Microsoft-Windows-PowerShell:4104',
      eventName: 'Creating Scriptblock text', // §8.5 title; "(script block logging)" annotates the feature, as "(module logging)" does for 4103
      recordId: 1122,
      winlogSubjectSid: 'S-1-5-21-3461203602-4096304019-2269080069-1000', // Security@UserID
      processId: 5500,
    });
  });
});
