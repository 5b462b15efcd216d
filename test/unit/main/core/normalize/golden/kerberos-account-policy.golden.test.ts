/**
 * Golden normalized events: Kerberos 4768 / 4769, scheduled task 4698, accounts and groups 4720 / 4732,
 * firewall 4946 / 4950, log cleared 1102 (evtx-json, PowerShell, Qualys flat, NXLog).
 * Expected values come from the guide and windows-events.md §3–§10.
 */
import { describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../../../../helpers/shared-folder.js';
import { computer, goldenEvent, sampleRecord, SECURITY_AUDITING, WINDOWS_DEVICE } from './golden-helpers.js';

const LOGON_KERBEROS = 'evtx-json/security-logon-kerberos.jsonl';
const ACCOUNT_POLICY = 'evtx-json/security-account-policy.jsonl';

/** 4768 record 38680 (DC-Server-1, TGT for Alice). */
const TGT_38680 = {
  ...SECURITY_AUDITING,
  ...computer('DC-Server-1.labcorp.local'),
  eventTime: '2021-04-29T09:23:58.718Z',
  externalId: 4768,
  deviceEventId: 'Microsoft-Windows-Security-Auditing:4768',
  action: 'Kerberos Authentication Service', // Task 14339
  category: 'Account Logon',
  eventType: 'Audit Success',
  outcome: 'success',
  eventName: 'A Kerberos authentication ticket (TGT) was requested.',
  channel: 'Security',
  recordId: 38680,
  destinationUser: 'Alice',
  destinationUserId: 'S-1-5-21-2662618741-3450174888-1698379039-1103', // TargetSid (ServiceSid is not a user)
  destinationDomain: 'LABCORP.LOCAL',
  winLogTargetDomainName: 'LABCORP.LOCAL',
  destinationServiceName: 'krbtgt',
  ticketOptions: '0x50800000',
  ticketEncryptionType: '0x17',
  sourceIpv4: '192.168.1.200', // ::ffff: stripped; private: no geo
  sourcePort: 55976,
  processId: 608, // Execution PID
} as const;

/** 4732 record 191029 (MSEDGEWIN10, a SID added to Builtin\Administrators; MemberName is "-"). */
const MEMBER_ADDED_191029 = {
  ...SECURITY_AUDITING,
  ...computer('MSEDGEWIN10'),
  eventTime: '2019-09-22T11:22:05.201Z',
  externalId: 4732,
  deviceEventId: 'Microsoft-Windows-Security-Auditing:4732',
  action: 'Security Group Management', // Task 13826
  category: 'Account Management',
  eventType: 'Audit Success',
  outcome: 'success',
  eventName: 'A member was added to a security-enabled local group.', // §8.4 "added to / removed from", 4732 = added
  recordId: 191029,
  winlogSubjectSid: 'S-1-5-21-3461203602-4096304019-2269080069-1000',
  userName: 'IEUser',
  winlogSubjectDomainName: 'MSEDGEWIN10',
  winlogSubjectLogonId: '0x27a10f',
  sourceUser: 'IEUser', // 4732 is in 4720–4767
  group: 'Administrators', // TargetUserName of a group event; never destinationUser (MemberName "-" → absent)
  destinationUserId: 'S-1-5-21-3461203602-4096304019-2269080069-501', // MemberSid
  destinationDomain: 'Builtin', // TargetDomainName (§10.2, not by event)
  winLogTargetDomainName: 'Builtin',
  processId: 624, // Execution PID
} as const;

describe.skipIf(!sharedAvailable())('golden: Kerberos, account, policy and log events', () => {
  it('evtx-json 4768 (record 38680)', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 38680, 4768), 'evtx-json');
    expect(event).toEqual(TGT_38680);
  });

  it('powershell 4768 (record 38680): decimal TicketOptions / TicketEncryptionType re-hexed; Message null', () => {
    const event = goldenEvent(sampleRecord('powershell', 'powershell/security.ps51.utf16le.json', 38680, 4768), 'powershell');
    expect(event).toEqual(TGT_38680);
  });

  it('evtx-json 4769 (record 38681)', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 38681, 4769), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('DC-Server-1.labcorp.local'),
      eventTime: '2021-04-29T09:23:58.726Z',
      externalId: 4769,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4769',
      action: 'Kerberos Service Ticket Operations', // Task 14337
      category: 'Account Logon',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A Kerberos service ticket was requested.',
      channel: 'Security',
      recordId: 38681,
      destinationUser: 'Alice@LABCORP.LOCAL',
      destinationDomain: 'LABCORP.LOCAL',
      winLogTargetDomainName: 'LABCORP.LOCAL',
      destinationServiceName: 'sql101',
      ticketOptions: '0x40810010',
      ticketEncryptionType: '0x17',
      sourceIpv4: '192.168.1.200',
      sourcePort: 55978,
      processId: 608,
    });
  });

  it('evtx-json 4698 (record 282588): scheduled task created', () => {
    const event = goldenEvent(sampleRecord('evtx-json', ACCOUNT_POLICY, 282588, 4698), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('MSEDGEWIN10'),
      eventTime: '2020-03-07T13:17:38.534Z',
      externalId: 4698,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4698',
      action: 'Other Object Access Events', // Task 12804
      category: 'Object Access',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A scheduled task was created.', // §8.2 "created / deleted / enabled / disabled", 4698 = created
      channel: 'Security',
      recordId: 282588,
      winlogSubjectSid: 'S-1-5-19',
      userName: 'LOCAL SERVICE',
      winlogSubjectDomainName: 'NT AUTHORITY',
      winlogSubjectLogonId: '0x3e5',
      processId: 620,
    });
  });

  it('evtx-json 4720 (record 769629): user account created', () => {
    const event = goldenEvent(sampleRecord('evtx-json', ACCOUNT_POLICY, 769629, 4720), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('01566s-win16-ir.threebeesco.com'),
      eventTime: '2020-09-16T09:31:19.133Z',
      externalId: 4720,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4720',
      action: 'User Account Management', // Task 13824
      category: 'Account Management',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A user account was created.',
      channel: 'Security',
      recordId: 769629,
      winlogSubjectSid: 'S-1-5-18',
      userName: '01566S-WIN16-IR$',
      winlogSubjectDomainName: '3B',
      winlogSubjectLogonId: '0x3e7',
      sourceUser: '01566S-WIN16-IR$',
      destinationUser: '$', // TargetUserName of a user event
      destinationUserId: 'S-1-5-21-308926384-506822093-3341789130-107103', // TargetSid
      destinationDomain: '3B',
      winLogTargetDomainName: '3B',
      processId: 584, // PrivilegeList "-": no permissions
    });
  });

  it('evtx-json 4732 (record 191029): group event', () => {
    const event = goldenEvent(sampleRecord('evtx-json', ACCOUNT_POLICY, 191029, 4732), 'evtx-json');
    expect(event).toEqual({ ...MEMBER_ADDED_191029, channel: 'Security' });
  });

  it('qualys-flat 4732 (record 191029): flat winTarUsername is the group name, never destinationUser', () => {
    const event = goldenEvent(sampleRecord('qualys-flat', 'qualys-flat/security-account-policy.jsonl', 191029, 4732), 'qualys-flat');
    expect(event).toEqual({
      ...MEMBER_ADDED_191029,
      category: 'Security', // flat cat; no channel in this shape; no message → eventName from the catalog
    });
  });

  it('evtx-json 4950 (record 1965599): firewall setting changed', () => {
    const event = goldenEvent(sampleRecord('evtx-json', ACCOUNT_POLICY, 1965599, 4950), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('fs01.offsec.lan'),
      eventTime: '2021-06-03T19:17:46.557Z',
      externalId: 4950,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4950',
      action: 'MPSSVC Rule-Level Policy Change', // Task 13571
      category: 'Policy Change',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A Windows Firewall setting has changed.',
      channel: 'Security',
      recordId: 1965599,
      group: 'Private', // ProfileChanged
      winLogSettingType: 'Enable Windows Firewall',
      winLogSettingValue: 'No',
      processId: 556,
    });
  });

  it('nxlog 4946 (record 47809): firewall rule added', () => {
    const event = goldenEvent(
      sampleRecord('nxlog', 'nxlog/empire_persistence_registry_modification_run_keys_standard_user.jsonl', 47809, 4946),
      'nxlog',
    );
    expect(event).toEqual({
      ...SECURITY_AUDITING, // no Level: Severity INFO → information
      ...computer('WORKSTATION5.theshire.local'),
      eventTime: '2020-09-04T03:08:16.000Z',
      externalId: 4946,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:4946',
      action: 'MPSSVC Rule-Level Policy Change', // NXLog Category
      category: 'Policy Change', // Task 13571
      eventType: 'Audit Success',
      outcome: 'success',
      message: 'A change was made to the Windows Firewall exception list. A rule was added.\r\n\t\r\nProfile Changed:\tAll\r\n\r\nAdded Rule:\r\n\tRule ID:\t{9A02E46B-2D70-4DEB-88E1-1C65BB34A7E1}\r\n\tRule Name:\tUsermode Font Driver Host',
      eventName: 'A change was made to the Windows Firewall exception list. A rule was added.',
      channel: 'security', // as exported
      recordId: 47809,
      group: 'All', // ProfileChanged
      winLogRuleId: '{9A02E46B-2D70-4DEB-88E1-1C65BB34A7E1}',
      policy: 'Usermode Font Driver Host', // RuleName
      processId: 724, // ExecutionProcessID
    });
  });

  it('evtx-json 1102 (record 161471): UserData LogFileCleared', () => {
    const event = goldenEvent(sampleRecord('evtx-json', LOGON_KERBEROS, 161471, 1102), 'evtx-json');
    expect(event).toEqual({
      ...WINDOWS_DEVICE,
      ...computer('MSEDGEWIN10'),
      guid: 'fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148', // braces stripped
      provider: 'Microsoft-Windows-Eventlog',
      deviceSeverity: 'Informational', // Level 4
      eventTime: '2020-09-15T18:04:36.333Z',
      action: 'Log clear', // provider task name (windows-events.md §10.1: Task → provider's task)
      externalId: 1102,
      deviceEventId: 'Microsoft-Windows-Eventlog:1102',
      category: 'Security', // not a Security-Auditing task: the channel
      eventType: 'Audit Success', // Keywords 0x4020000000000000 has the Audit Success bit
      outcome: 'success',
      eventName: 'The audit log was cleared.',
      channel: 'Security',
      recordId: 161471,
      winlogSubjectSid: 'S-1-5-21-3461203602-4096304019-2269080069-1000',
      userName: 'IEUser',
      winlogSubjectDomainName: 'MSEDGEWIN10',
      winlogSubjectLogonId: '0x52a7d',
      processId: 1276,
    });
  });
});
