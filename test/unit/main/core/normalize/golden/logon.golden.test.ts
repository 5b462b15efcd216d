/**
 * Golden normalized events, logon family: 4624, 4625, 4648, 4672, 4673 (evtx-json, PowerShell, Qualys flat).
 * Expected values are written from the guide and windows-events.md §3–§10, not from program output.
 */
import { describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../../../../helpers/shared-folder.js';
import { computer, goldenEvent, sampleRecord, SECURITY_AUDITING } from './golden-helpers.js';

const LOGON_KERBEROS = 'evtx-json/security-logon-kerberos.jsonl';
const SECURITY_PS = 'powershell/security.ps51.utf16le.json';
const LOGON_KERBEROS_FLAT = 'qualys-flat/security-logon-kerberos.jsonl';

const CHROME = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
const IEUSER_MSEDGE = 'S-1-5-21-3461203602-4096304019-2269080069-1000';

/** 4625 record 137222 (MSEDGEWIN10, Chrome logon with a bad password): the same in every shape except where noted. */
const LOGON_FAILURE_137222 = {
  ...SECURITY_AUDITING,
  ...computer('MSEDGEWIN10'),
  eventTime: '2020-09-09T13:18:23.627Z',
  externalId: 4625,
  deviceEventId: 'Microsoft-Windows-Security-Auditing:4625',
  action: 'Logon', // Task 12544 (§5)
  category: 'Logon/Logoff',
  eventType: 'Audit Failure', // Keywords 0x8010000000000000 (§4)
  outcome: 'failure',
  eventName: 'An account failed to log on.', // §8.1 title
  winlogSubjectSid: IEUSER_MSEDGE,
  userName: 'IEUser',
  winlogSubjectDomainName: 'MSEDGEWIN10',
  winlogSubjectLogonId: '0x79e59',
  sourceUser: 'IEUser', // SubjectUserName, 4625 has a target account (§10.2)
  destinationUser: 'IEUser',
  destinationUserId: 'S-1-0-0', // TargetUserSid; S-1-0-0 is a real value (§10 rule 1)
  destinationDomain: 'MSEDGEWIN10',
  winLogTargetDomainName: 'MSEDGEWIN10',
  winlogSubStatus: '0xc000006a',
  logonType: 2,
  sourceHost: 'MSEDGEWIN10', // WorkstationName
  processId: 4952, // EventData ProcessId 0x1358 before the Execution PID (§10.4)
  processName: CHROME,
  // IpAddress/IpPort are "-": no sourceIpv4, no sourcePort
} as const;

describe.skipIf(!sharedAvailable())('golden: logon events', () => {
  it('evtx-json 4625 (record 137222)', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 137222, 4625), 'evtx-json');
    expect(event).toEqual({ ...LOGON_FAILURE_137222, channel: 'Security', recordId: 137222 });
  });

  it('powershell 4625 (record 137222): decimal logon id / SubStatus / PID re-hexed or kept as integers', () => {
    const event = goldenEvent(sampleRecord('powershell', SECURITY_PS, 137222, 4625), 'powershell');
    expect(event).toEqual({
      ...LOGON_FAILURE_137222,
      channel: 'Security',
      recordId: 137222,
      action: 'Logon', // TaskDisplayName
      message: 'An account failed to log on.',
    });
  });

  it('qualys-flat 4625 (record 137222): flat names first', () => {
    const event = goldenEvent(sampleRecord('qualys-flat', LOGON_KERBEROS_FLAT, 137222, 4625), 'qualys-flat');
    expect(event).toEqual({
      ...LOGON_FAILURE_137222,
      // no channel: the flat shape has none (its cat is not a channel)
      recordId: 137222,
      category: 'Security', // flat cat
      deviceModel: 'Windows', // flat deviceName
      message: 'An account failed to log on.',
      // processId stays the EventData ProcessId (0x1358); flat ProcessID is the Execution PID (§2 table, §10.3)
    });
  });

  it('evtx-json 4624 v2 (record 23135): network logon from 127.0.0.1, anonymous subject', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 23135, 4624), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('SANS-TBT570'),
      eventTime: '2019-05-03T15:20:27.359Z',
      externalId: 4624,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4624',
      action: 'Logon',
      category: 'Logon/Logoff',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'An account was successfully logged on.',
      channel: 'Security',
      recordId: 23135,
      winlogSubjectSid: 'S-1-0-0',
      winlogSubjectLogonId: '0x0', // 0x0 is a real value; SubjectUserName/DomainName "-" are absent
      destinationUser: 'tbt570',
      destinationUserId: 'S-1-5-21-1552841522-3835366585-4197357653-1004',
      destinationDomain: 'SANS-TBT570',
      winLogTargetDomainName: 'SANS-TBT570',
      winLogTargetLogonId: '0x1861f7',
      logonType: 3,
      sourceHost: 'WORKSTATION',
      sourceIpv4: '127.0.0.1', // loopback: a real value, but no geo
      sourcePort: 1557,
      processId: 0, // ProcessId 0x0 (ProcessName "-" is absent)
    });
  });

  it('evtx-json 4624 v0 (record 18206): IPv6 loopback source, port 0', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 18206, 4624), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('IEWIN7'),
      eventTime: '2019-05-11T17:10:10.889Z',
      externalId: 4624,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4624',
      action: 'Logon',
      category: 'Logon/Logoff',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'An account was successfully logged on.',
      channel: 'Security',
      recordId: 18206,
      winlogSubjectSid: 'S-1-5-21-3583694148-1414552638-2922671848-1000',
      userName: 'IEUser',
      winlogSubjectDomainName: 'IEWIN7',
      winlogSubjectLogonId: '0x1371b',
      sourceUser: 'IEUser',
      destinationUser: 'IEUser',
      destinationUserId: 'S-1-5-21-3583694148-1414552638-2922671848-1000',
      destinationDomain: 'IEWIN7',
      winLogTargetDomainName: 'IEWIN7',
      winLogTargetLogonId: '0x1bbdce',
      logonType: 9,
      sourceIpv6: '::1', // IPv6 never in sourceIpv4; IpPort "0" → no sourcePort; WorkstationName "" → no sourceHost
      processId: 968, // 0x3c8
      processName: 'C:\\Windows\\System32\\svchost.exe',
    });
  });

  it('evtx-json 4648 (record 161472): explicit credentials', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 161472, 4648), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-09-15T18:04:39.987Z',
      externalId: 4648,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4648',
      action: 'Logon',
      category: 'Logon/Logoff',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A logon was attempted using explicit credentials.',
      channel: 'Security',
      recordId: 161472,
      winlogSubjectSid: 'S-1-5-21-3461203602-4096304019-2269080069-1009',
      userName: 'svc01',
      winlogSubjectDomainName: 'MSEDGEWIN10',
      winlogSubjectLogonId: '0x10b6b3',
      sourceUser: 'svc01',
      destinationUser: 'IEUser',
      destinationDomain: 'MSEDGEWIN10',
      winLogTargetDomainName: 'MSEDGEWIN10',
      destinationHost: 'localhost', // TargetServerName
      processId: 5132, // 0x140c
      processName: 'C:\\Windows\\System32\\inetsrv\\w3wp.exe',
    });
  });

  it('evtx-json 4672 (record 23134): PrivilegeList split into permissions', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 23134, 4672), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('SANS-TBT570'),
      eventTime: '2019-05-03T15:20:27.359Z',
      externalId: 4672,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4672',
      action: 'Special Logon', // Task 12548
      category: 'Logon/Logoff',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'Special privileges assigned to new logon.',
      channel: 'Security',
      recordId: 23134,
      winlogSubjectSid: 'S-1-5-21-1552841522-3835366585-4197357653-1004',
      userName: 'tbt570',
      winlogSubjectDomainName: 'SANS-TBT570',
      winlogSubjectLogonId: '0x1861f7',
      permissions: [
        'SeSecurityPrivilege', 'SeBackupPrivilege', 'SeRestorePrivilege', 'SeTakeOwnershipPrivilege', 'SeDebugPrivilege',
        'SeSystemEnvironmentPrivilege', 'SeLoadDriverPrivilege', 'SeImpersonatePrivilege', 'SeDelegateSessionUserImpersonatePrivilege',
      ],
      processId: 588, // no EventData PID: Execution PID
    });
  });

  it('evtx-json 4673 (record 18200): privileged service called', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 18200, 4673), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('IEWIN7'),
      eventTime: '2019-05-11T17:10:10.654Z',
      externalId: 4673,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4673',
      action: 'Sensitive Privilege Use', // Task 13056
      category: 'Privilege Use',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A privileged service was called.',
      channel: 'Security',
      recordId: 18200,
      winlogSubjectSid: 'S-1-5-18',
      userName: 'IEWIN7$',
      winlogSubjectDomainName: 'WORKGROUP',
      winlogSubjectLogonId: '0x3e7',
      winLogObjectServer: 'NT Local Security Authority / Authentication Service',
      permissions: ['SeTcbPrivilege'],
      processId: 492, // 0x1ec
      processName: 'C:\\Windows\\System32\\lsass.exe',
    });
  });
});
