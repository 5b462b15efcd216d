/**
 * The alias and precedence table of windows-events.md §10 as data: for each token, the sources in
 * precedence order (flat guide names first, then EventData, then ECS or System locations) and how
 * the value is coerced. Tokens that need a computation (severity, keywords, categorization, IPs,
 * lists, translations) are derived in `derived-tokens.ts`.
 */
import type { EventScope } from './event-sets.js';
import {
  DIRECTORY_OBJECT_EVENTS, FIREWALL_PROFILE_EVENTS, FIREWALL_RULE_EVENTS, GROUP_EVENTS, GROUP_MEMBER_EVENTS,
  LOGON_EVENTS, PROCESS_CREATION, SESSION_EVENTS, SHARE_EVENTS, SUBJECT_AND_TARGET_EVENTS, SYSMON_PROCESS_ACCESS,
  WFP_ACCOUNT_EVENTS, WFP_CONNECTION_EVENTS,
} from './event-sets.js';
import type { EventHeader } from './source-record.js';

export type SourceSpec =
  | { readonly from: 'flat'; readonly name: string; readonly scope?: EventScope }
  | { readonly from: 'data'; readonly name: string; readonly scope?: EventScope }
  | { readonly from: 'ecs'; readonly path: string; readonly scope?: EventScope }
  | { readonly from: 'header'; readonly field: keyof EventHeader; readonly scope?: EventScope };

/** text: kept as exported; hex: lower-case 0x…; guid: lower case without braces; integer/port: numbers */
export type Coercion = 'text' | 'integer' | 'port' | 'hex' | 'guid';

export interface TokenRule {
  readonly token: string;
  readonly coerce: Coercion;
  readonly sources: readonly SourceSpec[];
}

const flat = (name: string, scope?: EventScope): SourceSpec => ({ from: 'flat', name, ...(scope && { scope }) });
const data = (name: string, scope?: EventScope): SourceSpec => ({ from: 'data', name, ...(scope && { scope }) });
const ecs = (path: string, scope?: EventScope): SourceSpec => ({ from: 'ecs', path, ...(scope && { scope }) });
const header = (field: keyof EventHeader, scope?: EventScope): SourceSpec => ({ from: 'header', field, ...(scope && { scope }) });

const ids = (set: ReadonlySet<number>): EventScope => ({ ids: set });
const except = (set: ReadonlySet<number>): EventScope => ({ exceptIds: set });
const security = (set: ReadonlySet<number>): EventScope => ({ family: 'security', ids: set });
const sysmon = (...eventIds: number[]): EventScope => ({ family: 'sysmon', ...(eventIds.length > 0 && { ids: new Set(eventIds) }) });
const scm = (...eventIds: number[]): EventScope => ({ family: 'scm', ids: new Set(eventIds) });

export const TOKEN_RULES: readonly TokenRule[] = [
  { token: 'deviceName', coerce: 'text', sources: [header('computer')] },
  { token: 'winlogHostname', coerce: 'text', sources: [flat('winHost'), ecs('host.name'), header('computer')] },
  { token: 'winlogComputerName', coerce: 'text', sources: [flat('winHostName'), header('computer')] },
  { token: 'externalId', coerce: 'integer', sources: [header('eventId')] },
  { token: 'guid', coerce: 'guid', sources: [flat('Guid'), header('providerGuid')] },
  { token: 'message', coerce: 'text', sources: [header('message')] },
  { token: 'osDetails', coerce: 'text', sources: [flat('osBuild'), ecs('host.os.build'), ecs('host.os.name')] },
  { token: 'version', coerce: 'text', sources: [flat('osVer'), ecs('host.os.version')] },
  { token: 'deviceModel', coerce: 'text', sources: [flat('deviceName')] },
  { token: 'userAgent', coerce: 'text', sources: [flat('reqClnApp'), ecs('user_agent.original')] },

  // identity (§10.2)
  { token: 'winlogSubjectSid', coerce: 'text', sources: [data('SubjectUserSid'), data('UserSid', ids(WFP_ACCOUNT_EVENTS)), header('userSid')] },
  { token: 'winlogSubjectDomainName', coerce: 'text', sources: [data('SubjectDomainName'), data('UserName', ids(WFP_ACCOUNT_EVENTS)), header('userDomain')] },
  { token: 'userName', coerce: 'text', sources: [data('SubjectUserName'), data('AccountName', ids(SESSION_EVENTS)), data('User', sysmon()), ecs('user.name', ids(SUBJECT_AND_TARGET_EVENTS))] },
  { token: 'winlogSubjectLogonId', coerce: 'hex', sources: [data('SubjectLogonId'), data('LogonID', ids(SESSION_EVENTS)), data('LogonId', sysmon())] },
  { token: 'sourceUser', coerce: 'text', sources: [flat('winUsername'), data('SubjectUserName', ids(SUBJECT_AND_TARGET_EVENTS)), ecs('source.user.name')] },
  {
    token: 'destinationUserId', coerce: 'text', sources: [
      flat('RemoteUserID'), data('RemoteUserID'), data('MemberSid', ids(GROUP_MEMBER_EVENTS)), data('TargetUserSid'),
      data('TargetSid', except(GROUP_EVENTS)), ecs('user.id', ids(LOGON_EVENTS)),
    ],
  },
  { token: 'destinationDomain', coerce: 'text', sources: [flat('winTarDmn'), data('TargetDomainName'), ecs('user.domain', ids(LOGON_EVENTS))] },
  { token: 'winLogTargetDomainName', coerce: 'text', sources: [data('TargetDomainName')] },
  { token: 'winLogTargetLogonId', coerce: 'hex', sources: [data('TargetLogonId'), ecs('winlog.logon.id', ids(LOGON_EVENTS))] },
  { token: 'winlogSubStatus', coerce: 'hex', sources: [flat('substatus'), data('SubStatus')] },

  // process, network, object (§10.3)
  {
    token: 'processName', coerce: 'text', sources: [
      data('NewProcessName', ids(PROCESS_CREATION)), data('ProcessName', except(PROCESS_CREATION)), data('CallerProcessName'),
      data('Image', sysmon()), data('Application'), ecs('process.executable'),
    ],
  },
  {
    token: 'processId', coerce: 'integer', sources: [
      data('NewProcessId', ids(PROCESS_CREATION)), data('ProcessId', except(PROCESS_CREATION)), data('ProcessID', security(WFP_CONNECTION_EVENTS)),
      ecs('process.pid'), header('executionPid'),
    ],
  },
  { token: 'sourceProcess', coerce: 'text', sources: [data('ParentProcessName'), data('ParentImage', sysmon(1)), data('SourceImage', sysmon(8, 10)), ecs('process.parent.executable')] },
  { token: 'destinationProcess', coerce: 'text', sources: [data('Application'), data('TargetImage', { family: 'sysmon', ids: SYSMON_PROCESS_ACCESS })] },
  { token: 'command', coerce: 'text', sources: [flat('Process Command Line'), data('CommandLine'), data('HostApplication'), ecs('process.command_line')] },
  { token: 'winLogImagePath', coerce: 'text', sources: [data('ImagePath'), data('ServiceFileName')] },
  { token: 'winLogMandatoryLabel', coerce: 'text', sources: [data('MandatoryLabel'), data('IntegrityLevel', sysmon(1))] },
  { token: 'winLogTokenElevationType', coerce: 'text', sources: [data('TokenElevationType')] },
  { token: 'sourcePort', coerce: 'port', sources: [data('SourcePort'), data('IpPort'), ecs('source.port')] },
  { token: 'destinationPort', coerce: 'integer', sources: [data('DestPort'), data('DestinationPort'), ecs('destination.port')] },
  { token: 'sourceMac', coerce: 'text', sources: [flat('Mac')] },
  {
    token: 'sourceHost', coerce: 'text', sources: [
      flat('src'), data('WorkstationName'), data('Workstation'), data('ClientName', ids(SESSION_EVENTS)), data('SourceHostname', sysmon(3)), ecs('source.domain'),
    ],
  },
  { token: 'destinationHost', coerce: 'text', sources: [flat('winTrgtSrvrName'), data('TargetServerName'), data('DestinationHostname', sysmon(3))] },
  { token: 'destinationServiceName', coerce: 'text', sources: [data('ServiceName'), data('param1', scm(7036, 7040)), ecs('service.name')] },
  { token: 'ticketOptions', coerce: 'hex', sources: [data('TicketOptions')] },
  { token: 'ticketEncryptionType', coerce: 'hex', sources: [data('TicketEncryptionType')] },
  { token: 'winLogObjectServer', coerce: 'text', sources: [data('ObjectServer')] },
  { token: 'winLogObjectType', coerce: 'text', sources: [data('ObjectType')] },
  { token: 'winLogProperties', coerce: 'text', sources: [data('Properties', security(new Set([4661, 4662])))] },
  { token: 'winLogSettingType', coerce: 'text', sources: [data('SettingType', security(FIREWALL_PROFILE_EVENTS))] },
  { token: 'winLogSettingValue', coerce: 'text', sources: [data('SettingValue', security(FIREWALL_PROFILE_EVENTS))] },
  { token: 'winLogRuleId', coerce: 'text', sources: [data('RuleId', security(FIREWALL_RULE_EVENTS))] },
  { token: 'policy', coerce: 'text', sources: [data('RuleName', security(FIREWALL_RULE_EVENTS))] },
  {
    token: 'group', coerce: 'text', sources: [
      data('TargetUserName', security(GROUP_EVENTS)), data('ProfileChanged', security(FIREWALL_PROFILE_EVENTS)), data('ProfileUsed', security(new Set([4945]))), ecs('group.name'),
    ],
  },
  {
    token: 'filePath', coerce: 'text', sources: [flat('filePath'), data('ShareLocalPath', ids(SHARE_EVENTS)), data('ShareName'), data('TargetFilename', sysmon())],
  },
  { token: 'fileName', coerce: 'text', sources: [flat('path'), data('RelativeTargetName')] },

  // extensions
  { token: 'channel', coerce: 'text', sources: [header('channel')] },
  { token: 'provider', coerce: 'text', sources: [header('provider')] },
  { token: 'recordId', coerce: 'integer', sources: [header('recordId')] },
  { token: 'logonType', coerce: 'integer', sources: [data('LogonType')] },
];

/** `object` (§10.4): the per-event WFP names, then ObjectName, ObjectDN, then any WFP ProviderName. */
export const OBJECT_SOURCES: readonly SourceSpec[] = [
  data('CalloutName', security(new Set([5440, 5446]))),
  data('ProviderContextName', security(new Set([5443, 5449]))),
  data('SubLayerName', security(new Set([5444, 5450]))),
  data('ProviderName', security(new Set([5442, 5448]))),
  data('FilterName', security(new Set([5441, 5447]))),
  data('ObjectName'),
  data('ObjectDN', security(DIRECTORY_OBJECT_EVENTS)),
  data('ProviderName', security(new Set([5440, 5441, 5442, 5443, 5444, 5446, 5447, 5448, 5449, 5450]))),
];

/** `destinationUser` (§10.2): the per-event choice; the flat `winTarUsername` is tried first by the caller. */
export const DESTINATION_USER_SOURCES: readonly SourceSpec[] = [
  data('NewTargetUserName', ids(new Set([4781]))),
  data('MemberName', ids(GROUP_MEMBER_EVENTS)),
  data('TargetUserName', except(GROUP_EVENTS)),
  ecs('user.target.name'),
  ecs('user.name', ids(LOGON_EVENTS)),
];
