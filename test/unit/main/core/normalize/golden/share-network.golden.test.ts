/**
 * Golden normalized events: network shares 5140 / 5145 and Windows Filtering Platform 5156 / 5157
 * (evtx-json, Winlogbeat, NXLog). Expected values come from the guide and windows-events.md §3–§10.
 */
import { describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../../../../helpers/shared-folder.js';
import { computer, goldenEvent, sampleRecord, SECURITY_AUDITING } from './golden-helpers.js';

const OBJECT_SHARE = 'evtx-json/security-object-share-network.jsonl';

const DNS_EXE = '\\device\\harddiskvolume2\\windows\\system32\\dns.exe';
const LINK_LOCAL = 'fe80::79bf:8ee2:433c:2567';

/** 5156 record 565593 (dns.exe connects to LDAP over IPv6 link-local). */
const WFP_PERMITTED_565593 = {
  ...SECURITY_AUDITING,
  ...computer('WIN-77LTAPHIQ1R.example.corp'),
  eventTime: '2019-03-18T23:23:43.570Z',
  externalId: 5156,
  deviceEventId: 'Microsoft-Windows-Security-Auditing:5156',
  action: 'Filtering Platform Connection', // Task 12810
  category: 'Object Access',
  eventType: 'Audit Success',
  outcome: 'success',
  eventName: 'The Windows Filtering Platform has permitted a connection.',
  channel: 'Security',
  recordId: 565593,
  processId: 1452, // EventData ProcessID before the Execution PID (4)
  processName: DNS_EXE, // Application: nothing else names the process
  destinationProcess: DNS_EXE,
  direction: 'Outbound', // %%14593
  protocol: 'tcp', // 6
  sourceIpv6: LINK_LOCAL, // IPv6: never in sourceIpv4; link-local: no geo
  sourcePort: 55872,
  destinationIpv6: LINK_LOCAL,
  destinationPort: 389,
  destinationUserId: 'S-1-0-0', // RemoteUserID
} as const;

describe.skipIf(!sharedAvailable())('golden: share and network events', () => {
  it('evtx-json 5140 (record 31067217): ADMIN$ access failed', () => {
    const event = goldenEvent(sampleRecord('evtx-json', OBJECT_SHARE, 31067217, 5140), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('rootdc1.offsec.lan'),
      eventTime: '2020-08-20T15:35:28.503Z',
      externalId: 5140,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:5140',
      action: 'File Share', // Task 12808
      category: 'Object Access',
      eventType: 'Audit Failure', // Keywords 0x8010000000000000
      outcome: 'failure',
      eventName: 'A network share object was accessed.',
      channel: 'Security',
      recordId: 31067217,
      winlogSubjectSid: 'S-1-5-21-4230534742-2542757381-3142984815-1151',
      userName: 'hack-admu-test1',
      winlogSubjectDomainName: 'OFFSEC',
      winlogSubjectLogonId: '0x2275e86d',
      winLogObjectType: 'File',
      sourceIpv4: '10.23.23.9', // private: no geo
      sourcePort: 50251,
      filePath: '\\??\\C:\\Windows', // ShareLocalPath before ShareName, prefix kept
      permissions: ['%%4416', '0x1'],
      processId: 4, // Execution PID
    });
  });

  it('evtx-json 5145 (record 568342): svcctl pipe on IPC$', () => {
    const event = goldenEvent(sampleRecord('evtx-json', OBJECT_SHARE, 568342, 5145), 'evtx-json');
    expect(event).toEqual({
      ...SECURITY_AUDITING,
      ...computer('WIN-77LTAPHIQ1R.example.corp'),
      eventTime: '2019-03-19T00:41:28.961Z',
      externalId: 5145,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:5145',
      action: 'Detailed File Share', // Task 12811
      category: 'Object Access',
      eventType: 'Audit Success',
      outcome: 'success',
      eventName: 'A network share object was checked to see whether client can be granted desired access.',
      channel: 'Security',
      recordId: 568342,
      winlogSubjectSid: 'S-1-5-21-1587066498-1489273250-1035260531-500',
      userName: 'Administrator',
      winlogSubjectDomainName: 'EXAMPLE',
      winlogSubjectLogonId: '0x197dfa',
      winLogObjectType: 'File',
      sourceIpv4: '10.0.2.17',
      sourcePort: 49230,
      filePath: '\\\\*\\IPC$', // ShareLocalPath is empty → ShareName
      fileName: 'svcctl', // RelativeTargetName
      permissions: ['%%1538', '%%1541', '%%4416', '%%4417', '%%4418', '%%4419', '%%4420', '%%4423', '%%4424', '0x12019f'],
      processId: 452,
    });
  });

  it('evtx-json 5156 (record 565593): IPv6 addresses go to the IPv6 tokens', () => {
    const event = goldenEvent(sampleRecord('evtx-json', OBJECT_SHARE, 565593, 5156), 'evtx-json');
    expect(event).toEqual(WFP_PERMITTED_565593);
  });

  it('winlogbeat 5156 (record 565593)', () => {
    const event = goldenEvent(sampleRecord('winlogbeat', 'winlogbeat/security-object-share-network.ndjson', 565593, 5156), 'winlogbeat');
    expect(event).toEqual({ ...WFP_PERMITTED_565593, winlogHostname: 'win-77ltaphiq1r' });
  });

  it('nxlog 5157 (record 85649): blocked inbound connection, zone-less time read as UTC', () => {
    const event = goldenEvent(sampleRecord('nxlog', 'nxlog/covenant_sharpsc_query_dcerpc_smb_svcctl.jsonl', 85649, 5157), 'nxlog');
    const services = '\\device\\harddiskvolume2\\windows\\system32\\services.exe';
    expect(event).toEqual({
      ...SECURITY_AUDITING, // no Level: EventType AUDIT_FAILURE with Severity ERROR → information (§3)
      ...computer('WORKSTATION6.theshire.local'),
      eventTime: '2020-08-06T01:20:24.000Z', // EventTime "2020-08-06 01:20:24" in sourceTimeZone UTC
      externalId: 5157,
      deviceEventId: 'Microsoft-Windows-Security-Auditing:5157',
      action: 'Filtering Platform Connection', // NXLog Category
      category: 'Object Access', // Task 12810
      eventType: 'Audit Failure',
      outcome: 'failure',
      message: 'The Windows Filtering Platform has blocked a connection.\r\n\r\nApplication Information:\r\n\tProcess ID:\t\t732\r\n\tApplication Name:\t\\device\\harddiskvolume2\\windows\\system32\\services.exe\r\n\r\nNetwork Information:\r\n\tDirection:\t\tInbound\r\n\tSource Address:\t\t172.18.39.5\r\n\tSource Port:\t\t54359\r\n\tDestination Address:\t172.18.39.6\r\n\tDestination Port:\t\t50115\r\n\tProtocol:\t\t6\r\n\r\nFilter Information:\r\n\tFilter Run-Time ID:\t69408\r\n\tLayer Name:\t\tReceive/Accept\r\n\tLayer Run-Time ID:\t44',
      eventName: 'The Windows Filtering Platform has blocked a connection.',
      channel: 'Security',
      recordId: 85649,
      processId: 732, // EventData ProcessId, not ExecutionProcessID 4
      processName: services,
      destinationProcess: services,
      direction: 'Inbound', // %%14592
      protocol: 'tcp',
      sourceIpv4: '172.18.39.5',
      sourcePort: 54359,
      destinationIpv4: '172.18.39.6',
      destinationPort: 50115,
      destinationUserId: 'S-1-0-0',
    });
  });
});
