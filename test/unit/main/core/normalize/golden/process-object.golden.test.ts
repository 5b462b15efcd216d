/**
 * Golden normalized events: process creation 4688 and object access 4656 / 4663 / 4662
 * (evtx-json and Winlogbeat). Expected values come from the guide and windows-events.md §3–§10.
 */
import { describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../../../../helpers/shared-folder.js';
import { computer, goldenEvent, sampleRecord, SECURITY_AUDITING } from './golden-helpers.js';

const LOGON_KERBEROS = 'evtx-json/security-logon-kerberos.jsonl';
const ACCOUNT_POLICY = 'evtx-json/security-account-policy.jsonl';
const OBJECT_SHARE = 'evtx-json/security-object-share-network.jsonl';

/** 4688 v2 record 1965598 (fs01.offsec.lan, netsh started from cmd.exe). */
const PROCESS_CREATION_1965598 = {
  ...SECURITY_AUDITING,
  ...computer('fs01.offsec.lan'),
  eventTime: '2021-06-03T19:17:46.489Z',
  externalId: 4688,
  deviceEventId: 'Microsoft-Windows-Security-Auditing:4688',
  action: 'Process Creation', // Task 13312
  category: 'Detailed Tracking',
  eventType: 'Audit Success',
  outcome: 'success',
  eventName: 'A new process has been created.',
  channel: 'Security',
  recordId: 1965598,
  winlogSubjectSid: 'S-1-5-21-4230534742-2542757381-3142984815-1111',
  userName: 'admmig',
  winlogSubjectDomainName: 'OFFSEC',
  winlogSubjectLogonId: '0x46b7b4',
  processId: 4008, // NewProcessId 0xfa8 (the creator's ProcessId 0xa38 is not processId)
  processName: 'C:\\Windows\\System32\\netsh.exe',
  sourceProcess: 'C:\\Windows\\System32\\cmd.exe',
  command: 'netsh  a s p state off', // raw, double space kept
  winLogTokenElevationType: '%%1937',
  winLogMandatoryLabel: 'S-1-16-12288',
  destinationUserId: 'S-1-0-0', // TargetUserSid (§10.2 RemoteUserID row; S-1-0-0 kept)
  winLogTargetLogonId: '0x0', // TargetLogonId; 0x0 is a real value. TargetUserName/DomainName "-" are absent
} as const;

/** 4662 record 202791 (DC1, DCSync: Control Access on the domain object). */
const DS_ACCESS_202791 = {
  ...SECURITY_AUDITING,
  ...computer('DC1.insecurebank.local'),
  eventTime: '2019-05-08T02:10:43.487Z',
  externalId: 4662,
  deviceEventId: 'Microsoft-Windows-Security-Auditing:4662',
  action: 'Directory Service Access', // Task 14080
  category: 'DS Access',
  eventType: 'Audit Success',
  outcome: 'success',
  eventName: 'An operation was performed on an object.',
  channel: 'Security',
  recordId: 202791,
  winlogSubjectSid: 'S-1-5-21-738609754-2819869699-4189121830-500',
  userName: 'Administrator',
  winlogSubjectDomainName: 'insecurebank',
  winlogSubjectLogonId: '0x40c6511',
  winLogObjectServer: 'DS',
  winLogObjectType: '%{19195a5b-6da0-11d0-afd3-00c04fd930c9}',
  object: '%{c6faf700-bfe4-452a-a766-424f84c29583}',
  permissions: ['%%7688', '0x100'], // AccessList items, then AccessMask
  processId: 444, // Execution PID
} as const;

describe.skipIf(!sharedAvailable())('golden: process and object access events', () => {
  it('evtx-json 4688 v1 (record 18196): no command line, no parent name', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 18196, 4688), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('IEWIN7'),
      eventTime: '2019-05-11T17:10:10.342Z',
      externalId: 4688,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4688',
      action: 'Process Creation',
      category: 'Detailed Tracking',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A new process has been created.',
      channel: 'Security',
      recordId: 18196,
      winlogSubjectSid: 'S-1-5-21-3583694148-1414552638-2922671848-1000',
      userName: 'IEUser',
      winlogSubjectDomainName: 'IEWIN7',
      winlogSubjectLogonId: '0x13765',
      processId: 1264, // NewProcessId 0x4f0
      processName: 'C:\\Python27\\python.exe',
      winLogTokenElevationType: '%%1938',
      // CommandLine "" → no command
    });
  });

  it('evtx-json 4688 v2 (record 1965598)', () => {
    const event = goldenEvent(sampleRecord('evtx-json', ACCOUNT_POLICY, 1965598, 4688), 'evtx-json');
    expect(event).toEqual(PROCESS_CREATION_1965598);
  });

  it('winlogbeat 4688 v2 (record 1965598): same event, string-typed event_data', () => {
    const event = goldenEvent(sampleRecord('winlogbeat', 'winlogbeat/security-account-policy.ndjson', 1965598, 4688), 'winlogbeat');
    expect(event).toEqual({ ...PROCESS_CREATION_1965598, winlogHostname: 'fs01' /* host.name */ });
  });

  it('evtx-json 4656 (record 314461): handle to lsass requested', () => {
    const event = goldenEvent(sampleRecord('evtx-json', OBJECT_SHARE, 314461, 4656), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-03-08T22:11:34.340Z',
      externalId: 4656,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4656',
      action: 'Kernel Object', // Task 12802
      category: 'Object Access',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A handle to an object was requested.',
      channel: 'Security',
      recordId: 314461,
      winlogSubjectSid: 'S-1-5-21-3461203602-4096304019-2269080069-1000',
      userName: 'IEUser',
      winlogSubjectDomainName: 'MSEDGEWIN10',
      winlogSubjectLogonId: '0x33392',
      winLogObjectServer: 'Security',
      winLogObjectType: 'Process',
      object: '\\Device\\HarddiskVolume1\\Windows\\System32\\lsass.exe', // ObjectType is not File: no filePath/fileName
      // PrivilegeList "-": AccessList items then AccessMask
      permissions: [
        '%%1537', '%%1538', '%%1539', '%%1540', '%%1541',
        '%%4480', '%%4481', '%%4482', '%%4483', '%%4484', '%%4485', '%%4486', '%%4487', '%%4488', '%%4489', '%%4490', '%%4491', '%%4492', '%%4493',
        '0x1f3fff',
      ],
      processId: 5768, // 0x1688
      processName: 'C:\\Windows\\System32\\cscript.exe',
    });
  });

  it('evtx-json 4663 (record 314462): lsass memory read', () => {
    const event = goldenEvent(sampleRecord('evtx-json', OBJECT_SHARE, 314462, 4663), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-03-08T22:11:34.340Z',
      externalId: 4663,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4663',
      action: 'Kernel Object',
      category: 'Object Access',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'An attempt was made to access an object.',
      channel: 'Security',
      recordId: 314462,
      winlogSubjectSid: 'S-1-5-21-3461203602-4096304019-2269080069-1000',
      userName: 'IEUser',
      winlogSubjectDomainName: 'MSEDGEWIN10',
      winlogSubjectLogonId: '0x33392',
      winLogObjectServer: 'Security',
      winLogObjectType: 'Process',
      object: '\\Device\\HarddiskVolume1\\Windows\\System32\\lsass.exe',
      permissions: ['%%4484', '0x10'],
      processId: 5768,
      processName: 'C:\\Windows\\System32\\cscript.exe',
    });
  });

  it('evtx-json 4661 (record 565602): PrivilegeList is control characters and "-", so AccessList + AccessMask', () => {
    const record = sampleRecord('evtx-json', OBJECT_SHARE, 565602, 4661);
    const eventData = (record.Event as { EventData: { Properties: string } }).EventData;
    const event = goldenEvent(record, 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('WIN-77LTAPHIQ1R.example.corp'),
      eventTime: '2019-03-18T23:23:52.522Z',
      externalId: 4661,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4661',
      action: 'SAM', // Task 12803
      category: 'Object Access',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A handle to an object was requested.',
      channel: 'Security',
      recordId: 565602,
      winlogSubjectSid: 'S-1-5-21-1587066498-1489273250-1035260531-1106',
      userName: 'user01',
      winlogSubjectDomainName: 'EXAMPLE',
      winlogSubjectLogonId: '0x15e1a7',
      winLogObjectServer: 'Security Account Manager',
      winLogObjectType: 'SAM_DOMAIN',
      object: 'DC=example,DC=corp',
      // PrivilegeList is U+0094 U+0002 "-": no privilege, and "-" is never a token value (design.md §3, §10.5)
      permissions: ['%%1538', '%%5394', '%%5396', '%%5399', '0x2d'],
      winLogProperties: eventData.Properties, // raw, as exported
      processId: 452, // 0x1c4
      processName: 'C:\\Windows\\System32\\lsass.exe',
    });
  });

  it('evtx-json 4662 (record 202791): Properties kept raw', () => {
    const event = goldenEvent(sampleRecord('evtx-json', OBJECT_SHARE, 202791, 4662), 'evtx-json');
    expect(event).toEqual({
      ...DS_ACCESS_202791,
      winLogProperties: '%%7688\r\n\t\t{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}\r\n\t{19195a5b-6da0-11d0-afd3-00c04fd930c9}\r\n',
    });
  });

  it('winlogbeat 4662 (record 202791): event_data value with LF line ends, trailing one removed by Winlogbeat', () => {
    const event = goldenEvent(sampleRecord('winlogbeat', 'winlogbeat/security-object-share-network.ndjson', 202791, 4662), 'winlogbeat');
    expect(event).toEqual({
      ...DS_ACCESS_202791,
      winlogHostname: 'dc1',
      winLogProperties: '%%7688\n\t\t{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}\n\t{19195a5b-6da0-11d0-afd3-00c04fd930c9}',
    });
  });
});
