/**
 * Event catalog (windows-events.md §8.1–8.5): one entry per (provider family, event ID).
 *
 * The rows below are transcribed from the document in a compact form and expanded once at module
 * load: abbreviations (`Subj`, `Tgt`, `Obj`, Sysmon `P`, …) become field names, `[vN]` markers
 * become {@link CatalogEntry.fieldVersions}, rows covering several IDs are written out per ID.
 * Lookups ({@link findCatalogEntry}, {@link findCatalogEntryByChannel}) are single Map probes keyed
 * by a number: no allocation for the usual provider/channel spellings.
 */

export type ProviderFamily = 'security' | 'eventlog' | 'scm' | 'powershell' | 'sysmon';

/** §8 "Out" column: S success, F failure, S/F either, `-` not an audit event. */
export type CatalogOutcome = 'S' | 'F' | 'S/F' | '-';

export interface CatalogEntry {
  readonly provider: ProviderFamily;
  /** Provider name of the family (`Microsoft-Windows-Security-Auditing`, …). */
  readonly providerName: string;
  /** Channel the event is written to (`Security`; `System` for SCM and Eventlog 104; …). */
  readonly channel: string;
  readonly id: number;
  /** Event title (first line of the rendered message), written out in full for split rows. */
  readonly title: string;
  /** The Sub column's Task numbers (§5), primary first; empty when `-` or the table has no Sub column. */
  readonly tasks: readonly number[];
  /** ECS event.category as set by Winlogbeat (or proposed). */
  readonly ecsCategory: readonly string[];
  /** ECS event.type as set by Winlogbeat (or proposed). */
  readonly ecsType: readonly string[];
  /** True where the ECS cell carries `*`: a **proposal**, Winlogbeat sets none. */
  readonly ecsProposal: boolean;
  /** Out column; undefined where the table has none (PowerShell, Sysmon except "(failure)", title-only rows). */
  readonly outcome: CatalogOutcome | undefined;
  /** EventData (or UserData) field names in template order, latest version, abbreviations expanded. */
  readonly fields: readonly string[];
  /** Parallel to `fields`: the event version in which each field appeared (`[vN]`; 0 = from the start). */
  readonly fieldVersions: readonly number[];
  /**
   * True when `fields` is the whole template as the document gives it. False when the document stops
   * (`…`), uses a wildcard, or gives no field detail: `fields` is then a prefix in template order.
   */
  readonly fieldsComplete: boolean;
  /** Further field names the document gives whose template position it does not state. */
  readonly otherFields: readonly string[];
  /** True when the data sits in a UserData wrapper element instead of EventData. */
  readonly userData: boolean;
  /** Name of the UserData wrapper element when the document gives it (`LogFileCleared`). */
  readonly userDataElement: string | undefined;
}

export interface ProviderFamilyInfo {
  readonly family: ProviderFamily;
  readonly providerName: string;
  /** Default channel of the family (Eventlog 104 is on `System` instead). */
  readonly channel: string;
}

/** Provider family → provider name and channel (§8 introduction). */
export const PROVIDER_FAMILIES: ReadonlyMap<ProviderFamily, ProviderFamilyInfo> = new Map<ProviderFamily, ProviderFamilyInfo>([
  ['security', { family: 'security', providerName: 'Microsoft-Windows-Security-Auditing', channel: 'Security' }],
  ['eventlog', { family: 'eventlog', providerName: 'Microsoft-Windows-Eventlog', channel: 'Security' }],
  ['scm', { family: 'scm', providerName: 'Service Control Manager', channel: 'System' }],
  ['powershell', { family: 'powershell', providerName: 'Microsoft-Windows-PowerShell', channel: 'Microsoft-Windows-PowerShell/Operational' }],
  ['sysmon', { family: 'sysmon', providerName: 'Microsoft-Windows-Sysmon', channel: 'Microsoft-Windows-Sysmon/Operational' }],
]);

// ---------------------------------------------------------------------------------------------
// Compact row form

interface Row {
  /** Family; default `security`. */
  readonly p?: ProviderFamily;
  readonly id: number;
  readonly title: string;
  readonly tasks?: readonly number[];
  /**
   * ECS cell, resolved for this ID: `cat,cat/type,type`, trailing `*` = proposal; `/type` when the
   * category is "(none)"; `cat` alone when there is no type.
   */
  readonly ecs?: string;
  readonly out?: CatalogOutcome;
  /**
   * Fields in template order, comma-separated: abbreviations allowed (see ABBREVIATIONS), `[vN] X`
   * marks X (every field of X when an abbreviation) as added in version N, a final `…` marks the
   * list incomplete. Omitted: no field detail (incomplete, empty). `''`: the event has no fields (—).
   */
  readonly f?: string;
  /** Field names given by the document without a template position. */
  readonly other?: string;
  /** UserData wrapper: element name, or true when the document does not name it. */
  readonly ud?: string | true;
  /** Channel override (Eventlog 104 is on System). */
  readonly channel?: string;
}

/** Abbreviations of §8 (Subj, Tgt, Obj, Sysmon P) and shorthands for repeated lists of §8.3/§8.4. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['Subj', 'SubjectUserSid, SubjectUserName, SubjectDomainName, SubjectLogonId'],
  ['Tgt', 'TargetUserSid, TargetUserName, TargetDomainName, TargetLogonId'],
  ['Obj', 'ObjectServer, ObjectType, ObjectName, HandleId'],
  // Sysmon only (expanded for sysmon rows).
  ['P', 'ProcessGuid, ProcessId, Image'],
  // §8.3 "WFP-conn = …" and "WFP-bind = …".
  ['WFP-conn', 'ProcessId, Application, Direction, SourceAddress, SourcePort, DestAddress, DestPort, Protocol, FilterRTID, LayerName, LayerRTID'],
  ['WFP-bind', 'ProcessId, Application, SourceAddress, SourcePort, Protocol, FilterRTID, LayerName, LayerRTID'],
  // §8.4: "Account events carry TargetUserName, TargetDomainName, TargetSid, Subj, PrivilegeList".
  ['Acct', 'TargetUserName, TargetDomainName, TargetSid, Subj, PrivilegeList'],
  // §8.4: member add/remove events "put MemberName, MemberSid first".
  ['Member', 'MemberName, MemberSid'],
  // §8.4: the SAM attributes 4720 appends (4738 and 4741–4743 are "as 4720").
  ['SAM', 'SamAccountName, DisplayName, UserPrincipalName, HomeDirectory, HomePath, ScriptPath, ProfilePath, UserWorkstations, PasswordLastSet, AccountExpires, PrimaryGroupId, AllowedToDelegateTo, OldUacValue, NewUacValue, UserAccountControl, UserParameters, SidHistory, LogonHours'],
]);

// ---------------------------------------------------------------------------------------------
// §8.1 Log service, system, logon, account logon

const ROWS_8_1: readonly Row[] = [
  { p: 'eventlog', id: 1100, title: 'The event logging service has shut down.', ecs: 'process/end', out: 'S', f: '' },
  { p: 'eventlog', id: 1102, title: 'The audit log was cleared.', tasks: [104], ecs: 'iam/admin,change', out: 'S', f: 'Subj', ud: 'LogFileCleared' },
  { p: 'eventlog', id: 1104, title: 'The security log is now full.', ecs: 'iam/admin', out: 'S', f: '' },
  { p: 'eventlog', id: 1105, title: 'Event log automatic backup.', ecs: 'iam/admin', out: 'S', f: 'Channel, BackupPath', ud: true },
  { id: 4608, title: 'Windows is starting up.', tasks: [12288], ecs: 'host/start*', out: 'S', f: '' },
  { id: 4616, title: 'The system time was changed.', tasks: [12288], ecs: 'configuration/change', out: 'S', f: 'Subj, PreviousTime, NewTime, ProcessId, ProcessName' },
  {
    id: 4624, title: 'An account was successfully logged on.', tasks: [12544], ecs: 'authentication/start', out: 'S',
    f: 'Subj, Tgt, LogonType, LogonProcessName, AuthenticationPackageName, WorkstationName, LogonGuid, TransmittedServices, LmPackageName, KeyLength, ProcessId, ProcessName, IpAddress, IpPort, '
      + '[v1] ImpersonationLevel, [v2] RestrictedAdminMode, [v2] TargetOutboundUserName, [v2] TargetOutboundDomainName, [v2] VirtualAccount, [v2] TargetLinkedLogonId, [v2] ElevatedToken',
  },
  {
    // Sub "12544 (12546)": Logon, also Account Lockout.
    id: 4625, title: 'An account failed to log on.', tasks: [12544, 12546], ecs: 'authentication/start', out: 'F',
    f: 'Subj, TargetUserSid, TargetUserName, TargetDomainName, Status, FailureReason, SubStatus, LogonType, LogonProcessName, AuthenticationPackageName, WorkstationName, TransmittedServices, LmPackageName, KeyLength, ProcessId, ProcessName, IpAddress, IpPort',
  },
  { id: 4627, title: 'Group membership information.', tasks: [12554], ecs: 'iam/group,info*', out: 'S', f: 'Subj, Tgt, LogonType, EventIdx, EventCountTotal, GroupMembership' },
  { id: 4634, title: 'An account was logged off.', tasks: [12545], ecs: 'authentication/end', out: 'S', f: 'Tgt, LogonType' },
  { id: 4647, title: 'User initiated logoff.', tasks: [12545], ecs: 'authentication/end', out: 'S', f: 'Tgt' },
  {
    id: 4648, title: 'A logon was attempted using explicit credentials.', tasks: [12544], ecs: 'authentication/start', out: 'S',
    f: 'Subj, LogonGuid, TargetUserName, TargetDomainName, TargetLogonGuid, TargetServerName, TargetInfo, ProcessId, ProcessName, IpAddress, IpPort',
  },
  { id: 4672, title: 'Special privileges assigned to new logon.', tasks: [12548], ecs: 'iam/admin', out: 'S', f: 'Subj, PrivilegeList' },
  { id: 4778, title: 'A session was reconnected to a Window Station.', tasks: [12551], ecs: 'authentication,session/start', out: 'S', f: 'AccountName, AccountDomain, LogonID, SessionName, ClientName, ClientAddress' },
  // "as 4778"
  { id: 4779, title: 'A session was disconnected from a Window Station.', tasks: [12551], ecs: 'authentication,session/end', out: 'S', f: 'AccountName, AccountDomain, LogonID, SessionName, ClientName, ClientAddress' },
  // "4800 / 4801": "The workstation was locked. / …unlocked."
  { id: 4800, title: 'The workstation was locked.', tasks: [12551], ecs: 'session/info*', out: 'S', f: 'Tgt, SessionId' },
  { id: 4801, title: 'The workstation was unlocked.', tasks: [12551], ecs: 'session/info*', out: 'S', f: 'Tgt, SessionId' },
  { id: 4964, title: 'Special groups have been assigned to a new logon.', tasks: [12548], ecs: 'iam/admin,group', out: 'S', f: 'Subj, LogonGuid, Tgt, TargetLogonGuid, SidList' },
  {
    id: 4768, title: 'A Kerberos authentication ticket (TGT) was requested.', tasks: [14339], ecs: 'authentication/start', out: 'S/F',
    f: 'TargetUserName, TargetDomainName, TargetSid, ServiceName, ServiceSid, TicketOptions, Status, TicketEncryptionType, PreAuthType, IpAddress, IpPort, CertIssuerName, CertSerialNumber, CertThumbprint',
  },
  {
    id: 4769, title: 'A Kerberos service ticket was requested.', tasks: [14337], ecs: 'authentication/start', out: 'S/F',
    f: 'TargetUserName, TargetDomainName, ServiceName, ServiceSid, TicketOptions, TicketEncryptionType, IpAddress, IpPort, Status, LogonGuid, TransmittedServices',
  },
  // "as 4769 up to IpPort"
  {
    id: 4770, title: 'A Kerberos service ticket was renewed.', tasks: [14337], ecs: 'authentication/start', out: 'S',
    f: 'TargetUserName, TargetDomainName, ServiceName, ServiceSid, TicketOptions, TicketEncryptionType, IpAddress, IpPort',
  },
  {
    id: 4771, title: 'Kerberos pre-authentication failed.', tasks: [14339], ecs: 'authentication/start', out: 'F',
    f: 'TargetUserName, TargetSid, ServiceName, TicketOptions, Status, PreAuthType, IpAddress, IpPort, CertIssuerName, CertSerialNumber, CertThumbprint',
  },
  { id: 4776, title: 'The computer attempted to validate the credentials for an account.', tasks: [14336], ecs: 'authentication/start', out: 'S/F', f: 'PackageName, TargetUserName, Workstation, Status' },
];

// ---------------------------------------------------------------------------------------------
// §8.2 Object access, shares, privilege use, process, services

const ROWS_8_2: readonly Row[] = [
  {
    id: 4656, title: 'A handle to an object was requested.', tasks: [12800, 12801, 12802, 12812], ecs: 'file/access*', out: 'S/F',
    f: 'Subj, Obj, TransactionId, AccessList, [v1] AccessReason, AccessMask, PrivilegeList, RestrictedSidCount, ProcessId, ProcessName, [v1] ResourceAttributes',
  },
  {
    id: 4657, title: 'A registry value was modified.', tasks: [12801], ecs: 'registry,configuration/change', out: 'S',
    f: 'Subj, ObjectName, ObjectValueName, HandleId, OperationType, OldValueType, OldValue, NewValueType, NewValue, ProcessId, ProcessName',
  },
  { id: 4658, title: 'The handle to an object was closed.', tasks: [12800, 12801, 12802, 12807], ecs: 'file/access*', out: 'S', f: 'Subj, ObjectServer, HandleId, ProcessId, ProcessName' },
  { id: 4660, title: 'An object was deleted.', tasks: [12800, 12801, 12802], ecs: 'file/deletion*', out: 'S', f: 'Subj, ObjectServer, HandleId, ProcessId, ProcessName, TransactionId' },
  {
    // Sub "12803 / 14080"
    id: 4661, title: 'A handle to an object was requested.', tasks: [12803, 14080], ecs: 'iam/access*', out: 'S/F',
    f: 'Subj, Obj, TransactionId, AccessList, AccessReason, AccessMask, PrivilegeList, Properties, RestrictedSidCount, ProcessId, ProcessName',
  },
  {
    id: 4662, title: 'An operation was performed on an object.', tasks: [14080], ecs: 'iam,configuration/admin,change', out: 'S/F',
    f: 'Subj, ObjectServer, ObjectType, ObjectName, OperationType, HandleId, AccessList, AccessMask, Properties, AdditionalInfo, AdditionalInfo2',
  },
  {
    id: 4663, title: 'An attempt was made to access an object.', tasks: [12800, 12801, 12802, 12812], ecs: 'file/access*', out: 'S',
    f: 'Subj, Obj, AccessList, AccessMask, ProcessId, ProcessName, [v1] ResourceAttributes',
  },
  // Sub "13570 (also 12800, 12801)"
  { id: 4670, title: 'Permissions on an object were changed.', tasks: [13570, 12800, 12801], ecs: 'iam,configuration/admin,change', out: 'S', f: 'Subj, Obj, OldSd, NewSd, ProcessId, ProcessName' },
  { id: 4673, title: 'A privileged service was called.', tasks: [13056, 13057], ecs: 'iam/admin', out: 'S/F', f: 'Subj, ObjectServer, Service, PrivilegeList, ProcessId, ProcessName' },
  { id: 4674, title: 'An operation was attempted on a privileged object.', tasks: [13056, 13057], ecs: 'iam/admin', out: 'S/F', f: 'Subj, Obj, AccessMask, PrivilegeList, ProcessId, ProcessName' },
  // "4698–4701": created / deleted / enabled / disabled; ECS creation·deletion·change,admin
  // (three alternatives for four IDs: enabled and disabled both take the last, `change`).
  { id: 4698, title: 'A scheduled task was created.', tasks: [12804], ecs: 'iam,configuration/creation,admin', out: 'S', f: 'Subj, TaskName, TaskContent' },
  { id: 4699, title: 'A scheduled task was deleted.', tasks: [12804], ecs: 'iam,configuration/deletion,admin', out: 'S', f: 'Subj, TaskName, TaskContent' },
  { id: 4700, title: 'A scheduled task was enabled.', tasks: [12804], ecs: 'iam,configuration/change,admin', out: 'S', f: 'Subj, TaskName, TaskContent' },
  { id: 4701, title: 'A scheduled task was disabled.', tasks: [12804], ecs: 'iam,configuration/change,admin', out: 'S', f: 'Subj, TaskName, TaskContent' },
  { id: 4702, title: 'A scheduled task was updated.', tasks: [12804], ecs: 'iam,configuration/change,admin', out: 'S', f: 'Subj, TaskName, TaskContentNew' },
  {
    id: 5140, title: 'A network share object was accessed.', tasks: [12808], ecs: 'network,file/info,access', out: 'S',
    f: 'Subj, [v1] ObjectType, IpAddress, IpPort, ShareName, [v1] ShareLocalPath, AccessMask, AccessList',
  },
  // "5142–5144": added / modified / deleted; "Subj, (5143: ObjectType,) ShareName, ShareLocalPath, …"
  { id: 5142, title: 'A network share object was added.', tasks: [12808], ecs: 'file/creation*', out: 'S', f: 'Subj, ShareName, ShareLocalPath, …' },
  { id: 5143, title: 'A network share object was modified.', tasks: [12808], ecs: 'file/change*', out: 'S', f: 'Subj, ObjectType, ShareName, ShareLocalPath, …' },
  { id: 5144, title: 'A network share object was deleted.', tasks: [12808], ecs: 'file/deletion*', out: 'S', f: 'Subj, ShareName, ShareLocalPath, …' },
  {
    id: 5145, title: 'A network share object was checked to see whether client can be granted desired access.', tasks: [12811], ecs: 'network,file/info,access', out: 'S/F',
    f: 'Subj, ObjectType, IpAddress, IpPort, ShareName, ShareLocalPath, RelativeTargetName, AccessMask, AccessList, AccessReason',
  },
  {
    // ProcessId is the creator (parent) PID, NewProcessId the new process; ParentProcessName from v2 on.
    id: 4688, title: 'A new process has been created.', tasks: [13312], ecs: 'process/start', out: 'S',
    f: 'Subj, NewProcessId, NewProcessName, TokenElevationType, ProcessId, [v1] CommandLine, [v2] Tgt, [v2] ParentProcessName, [v2] MandatoryLabel',
  },
  { id: 4689, title: 'A process has exited.', tasks: [13313], ecs: 'process/end', out: 'S', f: 'Subj, Status, ProcessId, ProcessName' },
  {
    id: 4697, title: 'A service was installed in the system.', tasks: [12289], ecs: 'iam,configuration/admin,change', out: 'S',
    f: 'Subj, ServiceName, ServiceFileName, ServiceType, ServiceStartType, ServiceAccount',
  },
  // Sub "13317 (some refs: 13570)"
  { id: 4703, title: 'A user right was adjusted.', tasks: [13317, 13570], ecs: 'iam/change*', out: 'S', f: 'Subj, Tgt, ProcessName, ProcessId, EnabledPrivilegeList, DisabledPrivilegeList' },
  // "param1 (service), param2 (state), Binary"
  { p: 'scm', id: 7036, title: 'The %1 service entered the %2 state.', ecs: 'process/change*', out: '-', f: 'param1, param2, Binary' },
  // "param1…param4"
  { p: 'scm', id: 7040, title: 'The start type of the %1 service was changed from %2 to %3.', ecs: 'configuration/change*', out: '-', f: 'param1, param2, param3, param4' },
  { p: 'scm', id: 7045, title: 'A service was installed in the system.', ecs: 'configuration/installation*', out: '-', f: 'ServiceName, ImagePath, ServiceType, StartType, AccountName' },
  // "The %1 log file was cleared. (System channel)"
  {
    p: 'eventlog', id: 104, channel: 'System', title: 'The %1 log file was cleared.', tasks: [104], ecs: 'iam/admin,change*', out: '-',
    f: 'SubjectUserName, SubjectDomainName, Channel, BackupPath', ud: 'LogFileCleared',
  },
];

// ---------------------------------------------------------------------------------------------
// §8.3 Policy change, firewall, Windows Filtering Platform

const FIREWALL_EXCEPTION = 'A change has been made to Windows Firewall exception list.';
const WFP_PRESENT = 'was present when the Windows Filtering Platform Base Filtering Engine started.';

const ROWS_8_3: readonly Row[] = [
  // "4704 / 4705": assigned / removed; ECS iam/change·deletion*
  { id: 4704, title: 'A user right was assigned.', tasks: [13570], ecs: 'iam/change*', out: 'S', f: 'Subj, TargetSid, PrivilegeList' },
  { id: 4705, title: 'A user right was removed.', tasks: [13570], ecs: 'iam/deletion*', out: 'S', f: 'Subj, TargetSid, PrivilegeList' },
  // "4706 / 4707"; "(4706: TdoType, TdoDirection, TdoAttributes, SidFilteringEnabled)"
  { id: 4706, title: 'A new trust was created to a domain.', tasks: [13569], ecs: 'configuration/creation', out: 'S', f: 'DomainName, DomainSid, Subj, TdoType, TdoDirection, TdoAttributes, SidFilteringEnabled' },
  { id: 4707, title: 'A trust to a domain was removed.', tasks: [13569], ecs: 'configuration/deletion', out: 'S', f: 'DomainName, DomainSid, Subj' },
  { id: 4713, title: 'Kerberos policy was changed.', tasks: [13569], ecs: 'configuration/change', out: 'S', f: 'Subj, KerberosPolicyChange' },
  { id: 4715, title: 'The audit policy (SACL) on an object was changed.', tasks: [13568], ecs: 'configuration/change', out: 'S', f: 'Subj, OldSd, NewSd' },
  { id: 4719, title: 'System audit policy was changed.', tasks: [13568], ecs: 'iam,configuration/admin,change', out: 'S', f: 'Subj, CategoryId, SubcategoryId, SubcategoryGuid, AuditPolicyChanges' },
  { id: 4739, title: 'Domain Policy was changed.', tasks: [13569], ecs: 'configuration/change', out: 'S', f: 'DomainPolicyChanged, DomainName, DomainSid, Subj, PrivilegeList, MinPasswordAge, …' },
  // "4817 / 4907": "Subj, Obj (4817 without HandleId), OldSd, NewSd, (4907: ProcessId, ProcessName)"
  { id: 4817, title: 'Auditing settings on object were changed.', tasks: [13568], ecs: 'iam,configuration/admin,change', out: 'S', f: 'Subj, ObjectServer, ObjectType, ObjectName, OldSd, NewSd' },
  { id: 4907, title: 'Auditing settings on object were changed.', tasks: [13568], ecs: 'iam,configuration/admin,change', out: 'S', f: 'Subj, Obj, OldSd, NewSd, ProcessId, ProcessName' },
  { id: 4912, title: 'Per User Audit Policy was changed.', tasks: [13568], ecs: 'iam,configuration/admin,change', out: 'S', f: 'Subj, TargetUserSid, CategoryId, SubcategoryId, SubcategoryGuid, AuditPolicyChanges' },
  { id: 4946, title: `${FIREWALL_EXCEPTION} A rule was added.`, tasks: [13571], ecs: 'configuration/creation*', out: 'S', f: 'ProfileChanged, RuleId, RuleName' },
  { id: 4947, title: `${FIREWALL_EXCEPTION} A rule was modified.`, tasks: [13571], ecs: 'configuration/change*', out: 'S', f: 'ProfileChanged, RuleId, RuleName' },
  { id: 4948, title: `${FIREWALL_EXCEPTION} A rule was deleted.`, tasks: [13571], ecs: 'configuration/deletion*', out: 'S', f: 'ProfileChanged, RuleId, RuleName' },
  // Fields "(profile)": no field name given.
  { id: 4949, title: 'Windows Firewall settings were restored to the default values.', tasks: [13571], ecs: 'configuration/change*', out: 'S' },
  { id: 4950, title: 'A Windows Firewall setting has changed.', tasks: [13571], ecs: 'configuration/change', out: 'S', f: 'ProfileChanged, SettingType, SettingValue' },
  // "5024 / 5025"; ECS process/start·end
  { id: 5024, title: 'The Windows Firewall Service has started successfully.', tasks: [12292], ecs: 'process/start', out: 'S', f: '' },
  { id: 5025, title: 'The Windows Firewall Service has been stopped.', tasks: [12292], ecs: 'process/end', out: 'S', f: '' },
  { id: 5031, title: 'The Windows Firewall Service blocked an application from accepting incoming connections on the network.', tasks: [12810], ecs: 'network/denied*', out: 'F', f: 'Profiles, Application' },
  { id: 5152, title: 'The Windows Filtering Platform blocked a packet.', tasks: [12809], ecs: 'network/connection,info,denied', out: 'F', f: 'WFP-conn' },
  { id: 5153, title: 'A more restrictive Windows Filtering Platform filter has blocked a packet.', tasks: [12809], ecs: 'network/denied*', out: 'S', f: 'WFP-conn' },
  { id: 5154, title: 'The Windows Filtering Platform has permitted an application or service to listen on a port for incoming connections.', tasks: [12810], ecs: 'network/allowed*', out: 'S', f: 'WFP-bind' },
  { id: 5155, title: 'The Windows Filtering Platform has blocked an application or service from listening on a port for incoming connections.', tasks: [12810], ecs: 'network/denied*', out: 'F', f: 'WFP-bind' },
  // "WFP-conn (PID field named `ProcessID`), [v1] RemoteUserID, RemoteMachineID"
  {
    id: 5156, title: 'The Windows Filtering Platform has permitted a connection.', tasks: [12810], ecs: 'network/connection,info,allowed', out: 'S',
    f: 'ProcessID, Application, Direction, SourceAddress, SourcePort, DestAddress, DestPort, Protocol, FilterRTID, LayerName, LayerRTID, [v1] RemoteUserID, [v1] RemoteMachineID',
  },
  // "as 5156"
  {
    id: 5157, title: 'The Windows Filtering Platform has blocked a connection.', tasks: [12810], ecs: 'network/connection,info,denied', out: 'F',
    f: 'ProcessID, Application, Direction, SourceAddress, SourcePort, DestAddress, DestPort, Protocol, FilterRTID, LayerName, LayerRTID, [v1] RemoteUserID, [v1] RemoteMachineID',
  },
  { id: 5158, title: 'The Windows Filtering Platform has permitted a bind to a local port.', tasks: [12810], ecs: 'network/info', out: 'S', f: 'WFP-bind' },
  { id: 5159, title: 'The Windows Filtering Platform has blocked a bind to a local port.', tasks: [12810], ecs: 'network/denied*', out: 'F', f: 'WFP-bind' },
  // "5440–5444": {callout / filter / provider / provider context / sub-layer}. Fields: "ProviderKey,
  // ProviderName, then the object's Key, Name, Type (5440 `Callout*` + Layer*, 5441 `Filter*` +
  // Layer*, Weight, Conditions, Action, CalloutKey, CalloutName; 5442 ProviderType; 5443
  // `ProviderContext*`; 5444 `SubLayer*`, Weight)". `X*` is read as XKey, XName, XType; the list
  // stops at the first wildcard whose members the document does not name, and names given after
  // it go to `other` (their position is not stated).
  { id: 5440, title: `The following callout ${WFP_PRESENT}`, tasks: [13572], ecs: 'configuration/info*', out: 'S', f: 'ProviderKey, ProviderName, CalloutKey, CalloutName, CalloutType, …' },
  {
    id: 5441, title: `The following filter ${WFP_PRESENT}`, tasks: [13572], ecs: 'configuration/info*', out: 'S',
    f: 'ProviderKey, ProviderName, FilterKey, FilterName, FilterType, …', other: 'Weight, Conditions, Action, CalloutKey, CalloutName',
  },
  { id: 5442, title: `The following provider ${WFP_PRESENT}`, tasks: [13572], ecs: 'configuration/info*', out: 'S', f: 'ProviderKey, ProviderName, ProviderType' },
  { id: 5443, title: `The following provider context ${WFP_PRESENT}`, tasks: [13572], ecs: 'configuration/info*', out: 'S', f: 'ProviderKey, ProviderName, ProviderContextKey, ProviderContextName, ProviderContextType, …' },
  { id: 5444, title: `The following sub-layer ${WFP_PRESENT}`, tasks: [13572], ecs: 'configuration/info*', out: 'S', f: 'ProviderKey, ProviderName, SubLayerKey, SubLayerName, SubLayerType, …', other: 'Weight' },
  // "5446, 5448–5450": {callout / provider / provider context / sub-layer}. Fields: "ProcessId,
  // UserSid, UserName, then as 5440/5442/5443/5444 with ChangeType after ProviderName (5448: before)".
  {
    id: 5446, title: 'A Windows Filtering Platform callout has been changed.', tasks: [13572], ecs: 'configuration/change*', out: 'S',
    f: 'ProcessId, UserSid, UserName, ProviderKey, ProviderName, ChangeType, CalloutKey, CalloutName, CalloutType, …',
  },
  {
    // "ChangeType … (5448: before)" ProviderName does not say whether before ProviderKey too:
    // only the undisputed prefix is positional.
    id: 5448, title: 'A Windows Filtering Platform provider has been changed.', tasks: [13572], ecs: 'configuration/change*', out: 'S',
    f: 'ProcessId, UserSid, UserName, …', other: 'ChangeType, ProviderKey, ProviderName, ProviderType',
  },
  {
    id: 5449, title: 'A Windows Filtering Platform provider context has been changed.', tasks: [13572], ecs: 'configuration/change*', out: 'S',
    f: 'ProcessId, UserSid, UserName, ProviderKey, ProviderName, ChangeType, ProviderContextKey, ProviderContextName, ProviderContextType, …',
  },
  {
    id: 5450, title: 'A Windows Filtering Platform sub-layer has been changed.', tasks: [13572], ecs: 'configuration/change*', out: 'S',
    f: 'ProcessId, UserSid, UserName, ProviderKey, ProviderName, ChangeType, SubLayerKey, SubLayerName, SubLayerType, …', other: 'Weight',
  },
  // "ProcessId, UserSid, UserName, ProviderKey, ProviderName, ChangeType, then as 5441 from FilterKey"
  {
    id: 5447, title: 'A Windows Filtering Platform filter has been changed.', tasks: [13573], ecs: 'configuration/change*', out: 'S',
    f: 'ProcessId, UserSid, UserName, ProviderKey, ProviderName, ChangeType, FilterKey, FilterName, FilterType, …',
    other: 'Weight, Conditions, Action, CalloutKey, CalloutName',
  },
];

// ---------------------------------------------------------------------------------------------
// §8.4 Account management and directory service (ECS column is "iam/…")

type GroupChange = 'created' | 'changed' | 'memberAdded' | 'memberRemoved' | 'deleted';

/**
 * The five group events of one group kind ("created, changed, member added, member removed,
 * deleted"). ECS follows the global/local rows: created → creation, deleted → deletion, changed and
 * member add/remove → change. Fields "as global": create/change/delete append SamAccountName,
 * SidHistory; member events put MemberName, MemberSid first.
 */
function groupRows(kind: string, task: number, ids: Readonly<Record<GroupChange, number>>): Row[] {
  const base = { tasks: [task], out: 'S' } as const;
  return [
    { ...base, id: ids.created, title: `A ${kind} group was created.`, ecs: 'iam/group,creation', f: 'Acct, SamAccountName, SidHistory' },
    { ...base, id: ids.changed, title: `A ${kind} group was changed.`, ecs: 'iam/group,change', f: 'Acct, SamAccountName, SidHistory' },
    { ...base, id: ids.memberAdded, title: `A member was added to a ${kind} group.`, ecs: 'iam/group,change', f: 'Member, Acct' },
    { ...base, id: ids.memberRemoved, title: `A member was removed from a ${kind} group.`, ecs: 'iam/group,change', f: 'Member, Acct' },
    { ...base, id: ids.deleted, title: `A ${kind} group was deleted.`, ecs: 'iam/group,deletion', f: 'Acct, SamAccountName, SidHistory' },
  ];
}

/** Consecutive IDs in the order "created, changed, member added, member removed, deleted". */
function consecutive(first: number): Record<GroupChange, number> {
  return { created: first, changed: first + 1, memberAdded: first + 2, memberRemoved: first + 3, deleted: first + 4 };
}

const ROWS_8_4: readonly Row[] = [
  { id: 4720, title: 'A user account was created.', tasks: [13824], ecs: 'iam/user,creation', out: 'S', f: 'Acct, SAM' },
  { id: 4722, title: 'A user account was enabled.', tasks: [13824], ecs: 'iam/user,change', out: 'S', f: 'Acct' },
  { id: 4723, title: "An attempt was made to change an account's password.", tasks: [13824], ecs: 'iam/user,change', out: 'S/F', f: 'Acct' },
  { id: 4724, title: "An attempt was made to reset an account's password.", tasks: [13824], ecs: 'iam/user,change', out: 'S/F', f: 'Acct' },
  { id: 4725, title: 'A user account was disabled.', tasks: [13824], ecs: 'iam/user,deletion', out: 'S', f: 'Acct' },
  { id: 4726, title: 'A user account was deleted.', tasks: [13824], ecs: 'iam/user,deletion', out: 'S', f: 'Acct' },
  // "as 4720 (`-` = unchanged)"
  { id: 4738, title: 'A user account was changed.', tasks: [13824], ecs: 'iam/user,change', out: 'S', f: 'Acct, SAM' },
  // TargetDomainName = caller computer
  { id: 4740, title: 'A user account was locked out.', tasks: [13824], ecs: 'iam/user,change', out: 'S', f: 'Acct' },
  { id: 4767, title: 'A user account was unlocked.', tasks: [13824], ecs: 'iam/user,change', out: 'S', f: 'Acct' },
  { id: 4781, title: 'The name of an account was changed.', tasks: [13824], ecs: 'iam/user,change', out: 'S', f: 'Acct, OldTargetUserName, NewTargetUserName' },
  { id: 4798, title: "A user's local group membership was enumerated.", tasks: [13824], ecs: 'iam/user,info', out: 'S', f: 'Acct, CallerProcessId, CallerProcessName' },
  // "4741 / 4742 / 4743": created / changed / deleted; ECS creation·change·deletion,admin;
  // "as 4720 + DnsHostName, ServicePrincipalNames"
  { id: 4741, title: 'A computer account was created.', tasks: [13825], ecs: 'iam/creation,admin', out: 'S', f: 'Acct, SAM, DnsHostName, ServicePrincipalNames' },
  { id: 4742, title: 'A computer account was changed.', tasks: [13825], ecs: 'iam/change,admin', out: 'S', f: 'Acct, SAM, DnsHostName, ServicePrincipalNames' },
  { id: 4743, title: 'A computer account was deleted.', tasks: [13825], ecs: 'iam/deletion,admin', out: 'S', f: 'Acct, SAM, DnsHostName, ServicePrincipalNames' },
  // "4727 / 4730 / 4737", "4728 / 4729", "4731 / 4734 / 4735", "4732 / 4733"
  ...groupRows('security-enabled global', 13826, { created: 4727, changed: 4737, memberAdded: 4728, memberRemoved: 4729, deleted: 4730 }),
  ...groupRows('security-enabled local', 13826, { created: 4731, changed: 4735, memberAdded: 4732, memberRemoved: 4733, deleted: 4734 }),
  // "4754–4758 Security-enabled universal group: created, changed, member added, member removed, deleted."
  ...groupRows('security-enabled universal', 13826, consecutive(4754)),
  // "4744–4748 / 4749–4753 / 4759–4763 Security-disabled local / global / universal group: …"
  ...groupRows('security-disabled local', 13827, consecutive(4744)),
  ...groupRows('security-disabled global', 13827, consecutive(4749)),
  ...groupRows('security-disabled universal', 13827, consecutive(4759)),
  { id: 4764, title: "A group's type was changed.", tasks: [13826], ecs: 'iam/group,change', out: 'S', f: 'GroupTypeChange, Acct' },
  { id: 4799, title: 'A security-enabled local group membership was enumerated.', tasks: [13826], ecs: 'iam/group,info', out: 'S', f: 'Acct, CallerProcessId, CallerProcessName' },
  {
    // ECS "(iam,configuration) admin,change"
    id: 5136, title: 'A directory service object was modified.', tasks: [14081], ecs: 'iam,configuration/admin,change', out: 'S',
    f: 'OpCorrelationID, AppCorrelationID, Subj, DSName, DSType, ObjectDN, ObjectGUID, ObjectClass, AttributeLDAPDisplayName, AttributeSyntaxOID, AttributeValue, OperationType',
  },
  // "5137 / 5141": "… ObjectDN, ObjectGUID, ObjectClass (5141: TreeDelete)": leading `…`, no position.
  { id: 5137, title: 'A directory service object was created.', tasks: [14081], ecs: 'iam,configuration/admin,creation', out: 'S', f: '…', other: 'ObjectDN, ObjectGUID, ObjectClass' },
  { id: 5141, title: 'A directory service object was deleted.', tasks: [14081], ecs: 'iam,configuration/admin,deletion', out: 'S', f: '…', other: 'ObjectDN, ObjectGUID, ObjectClass, TreeDelete' },
];

// "Further titles, no field detail" (end of §8.4). The document paraphrases these titles; they are
// written as sentences from its words. No ECS or Out column: outcome only where it says "(F)".
const ROWS_FURTHER: readonly Row[] = [
  // "4610/4614/4622 an authentication / notification / security package was loaded (12289)"
  { id: 4610, title: 'An authentication package was loaded.', tasks: [12289] },
  { id: 4614, title: 'A notification package was loaded.', tasks: [12289] },
  { id: 4622, title: 'A security package was loaded.', tasks: [12289] },
  { id: 4611, title: 'A trusted logon process was registered.', tasks: [12289] },
  { id: 4626, title: 'User/Device claims information.', tasks: [12553] },
  { id: 4664, title: 'Hard link creation attempt.', tasks: [12800] },
  { id: 4696, title: 'A primary token was assigned to a process.', tasks: [13312] },
  { id: 4765, title: 'SID History was added to an account.' },
  { id: 4766, title: 'An attempt to add SID History to an account failed.', out: 'F' },
  // "4802/4803 screen saver invoked/dismissed"
  { id: 4802, title: 'Screen saver invoked.' },
  { id: 4803, title: 'Screen saver dismissed.' },
  // "4902, 4904, 4905, 4906, 4908 per-user audit table / security event source / CrashOnAuditFail /
  // special groups table changes (13568)": five IDs, four subjects; 4904 and 4905 share the second.
  { id: 4902, title: 'Per-user audit table changed.', tasks: [13568] },
  { id: 4904, title: 'Security event source changed.', tasks: [13568] },
  { id: 4905, title: 'Security event source changed.', tasks: [13568] },
  { id: 4906, title: 'CrashOnAuditFail changed.', tasks: [13568] },
  { id: 4908, title: 'Special groups table changed.', tasks: [13568] },
  // "5033/5034 Windows Firewall Driver started/stopped (12292)"
  { id: 5033, title: 'Windows Firewall Driver started.', tasks: [12292] },
  { id: 5034, title: 'Windows Firewall Driver stopped.', tasks: [12292] },
  { id: 5379, title: 'Credential Manager credentials were read.' },
];

// ---------------------------------------------------------------------------------------------
// §8.5 PowerShell and Sysmon (no Sub or Out column). Explanatory parentheses of the Title cell
// ("(module logging)", "(script block logging)") are not part of the title.

const ROWS_POWERSHELL: readonly Row[] = [
  { p: 'powershell', id: 4103, title: 'Executing Pipeline', ecs: 'process/info', f: 'ContextInfo, UserData, Payload' },
  { p: 'powershell', id: 4104, title: 'Creating Scriptblock text', ecs: 'process/info', f: 'MessageNumber, MessageTotal, ScriptBlockText, ScriptBlockId, Path' },
  // "4105 / 4106": Started / completed invocation of a script block; ECS process/start·end
  { p: 'powershell', id: 4105, title: 'Started invocation of a script block', ecs: 'process/start', f: 'ScriptBlockId, RunspaceId' },
  { p: 'powershell', id: 4106, title: 'Completed invocation of a script block', ecs: 'process/end', f: 'ScriptBlockId, RunspaceId' },
];

/**
 * A Sysmon row: "All IDs 1–29 except 4 and 16 start with `RuleName, UtcTime` (a listed `EventType`
 * sits between the two)". Rows 4, 16 and 255 (outside 1–29) list their fields whole.
 */
function sym(id: number, title: string, ecs: string, f: string, extra?: Pick<Row, 'out' | 'other'>): Row {
  let fields = f;
  if (id !== 4 && id !== 16 && id >= 1 && id <= 29) {
    fields = f.startsWith('EventType, ') ? `RuleName, EventType, UtcTime, ${f.slice('EventType, '.length)}` : `RuleName, UtcTime, ${f}`;
  }
  return { p: 'sysmon', id, title, ecs, f: fields, ...extra };
}

const ROWS_SYSMON: readonly Row[] = [
  sym(1, 'Process Create', 'process/start',
    'P, FileVersion, Description, Product, Company, OriginalFileName, CommandLine, CurrentDirectory, User, LogonGuid, LogonId, TerminalSessionId, IntegrityLevel, Hashes, ParentProcessGuid, ParentProcessId, ParentImage, ParentCommandLine, ParentUser'),
  sym(2, 'File creation time changed', 'file/change', 'P, TargetFilename, CreationUtcTime, PreviousCreationUtcTime, User'),
  sym(3, 'Network connection detected', 'network/start,connection',
    'P, User, Protocol, Initiated, SourceIsIpv6, SourceIp, SourceHostname, SourcePort, SourcePortName, DestinationIsIpv6, DestinationIp, DestinationHostname, DestinationPort, DestinationPortName'),
  sym(4, 'Sysmon service state changed', 'process/change', 'UtcTime, State, Version, SchemaVersion'),
  sym(5, 'Process terminated', 'process/end', 'P, User'),
  sym(6, 'Driver loaded', 'driver/start', 'ImageLoaded, Hashes, Signed, Signature, SignatureStatus'),
  // "P, ImageLoaded, …, Hashes, Signed, Signature, SignatureStatus, User"
  sym(7, 'Image loaded', 'process/change', 'P, ImageLoaded, …', { other: 'Hashes, Signed, Signature, SignatureStatus, User' }),
  sym(8, 'CreateRemoteThread detected', 'process/change',
    'SourceProcessGuid, SourceProcessId, SourceImage, TargetProcessGuid, TargetProcessId, TargetImage, NewThreadId, StartAddress, StartModule, StartFunction, SourceUser, TargetUser'),
  sym(9, 'RawAccessRead detected', 'process/access', 'P, Device, User'),
  sym(10, 'Process accessed', 'process/access',
    'SourceProcessGUID, SourceProcessId, SourceThreadId, SourceImage, TargetProcessGUID, TargetProcessId, TargetImage, GrantedAccess, CallTrace, SourceUser, TargetUser'),
  sym(11, 'File created', 'file/creation', 'P, TargetFilename, CreationUtcTime, User'),
  // "12 / 13 / 14": "Registry object added or deleted / value set / object renamed";
  // "EventType, P, TargetObject, (13: Details; 14: NewName), User"
  sym(12, 'Registry object added or deleted', 'configuration,registry/change', 'EventType, P, TargetObject, User'),
  sym(13, 'Registry value set', 'configuration,registry/change', 'EventType, P, TargetObject, Details, User'),
  sym(14, 'Registry object renamed', 'configuration,registry/change', 'EventType, P, TargetObject, NewName, User'),
  sym(15, 'File stream created', 'file/access', 'P, TargetFilename, CreationUtcTime, Hash, Contents, User'),
  sym(16, 'Sysmon config state changed', 'configuration/change', 'UtcTime, Configuration, ConfigurationFileHash'),
  // "17 / 18": "Pipe Created / Pipe Connected"; ECS file/creation·access
  sym(17, 'Pipe Created', 'file/creation', 'EventType, ProcessGuid, ProcessId, PipeName, Image, User'),
  sym(18, 'Pipe Connected', 'file/access', 'EventType, ProcessGuid, ProcessId, PipeName, Image, User'),
  // "19 / 20 / 21": ECS process/info·change·access; "EventType, Operation, User, (19: EventNamespace,
  // Name, Query; 20: Name, Type, Destination; 21: Consumer, Filter)"
  sym(19, 'WmiEventFilter activity detected', 'process/info', 'EventType, Operation, User, EventNamespace, Name, Query'),
  sym(20, 'WmiEventConsumer activity detected', 'process/change', 'EventType, Operation, User, Name, Type, Destination'),
  sym(21, 'WmiEventConsumerToFilter activity detected', 'process/access', 'EventType, Operation, User, Consumer, Filter'),
  sym(22, 'Dns query', 'network/connection,protocol,info', 'ProcessGuid, ProcessId, QueryName, QueryStatus, QueryResults, Image, User'),
  // "23 / 26": "File Delete archived / File Delete logged"; "(23: Archived)"
  sym(23, 'File Delete archived', 'file/deletion', 'ProcessGuid, ProcessId, User, Image, TargetFilename, Hashes, IsExecutable, Archived'),
  sym(26, 'File Delete logged', 'file/deletion', 'ProcessGuid, ProcessId, User, Image, TargetFilename, Hashes, IsExecutable'),
  // ECS "(none)/change"
  sym(24, 'Clipboard changed', '/change', 'P, Session, ClientInfo, Hashes, Archived, User'),
  sym(25, 'Process Tampering', 'process/change', 'P, Type, User'),
  // "27 / 28 / 29": ECS "file/creation (failure) · deletion · creation"; "(28: IsExecutable)"
  sym(27, 'File Block Executable', 'file/creation', 'ProcessGuid, ProcessId, User, Image, TargetFilename, Hashes', { out: 'F' }),
  sym(28, 'File Block Shredding', 'file/deletion', 'ProcessGuid, ProcessId, User, Image, TargetFilename, Hashes, IsExecutable'),
  sym(29, 'File Executable Detected', 'file/creation', 'ProcessGuid, ProcessId, User, Image, TargetFilename, Hashes'),
  // ECS "process (failure)"
  sym(255, 'Error report', 'process', 'UtcTime, ID, Description', { out: 'F' }),
];

// ---------------------------------------------------------------------------------------------
// Expansion (once, at module load)

const VERSION_RE = /^\[v(\d+)\]\s*(.+)$/;
const ELLIPSIS = '…';
const EMPTY: readonly string[] = Object.freeze([]);
const EMPTY_NUMBERS: readonly number[] = Object.freeze([]);

function splitList(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

function expandField(token: string, family: ProviderFamily, version: number, names: string[], versions: number[]): void {
  const abbr = token === 'P' && family !== 'sysmon' ? undefined : ABBREVIATIONS.get(token);
  if (abbr === undefined) {
    names.push(token);
    versions.push(version);
    return;
  }
  for (const part of splitList(abbr)) expandField(part, family, version, names, versions);
}

function expandFields(row: Row, family: ProviderFamily): Pick<CatalogEntry, 'fields' | 'fieldVersions' | 'fieldsComplete'> {
  if (row.f === undefined) return { fields: EMPTY, fieldVersions: EMPTY_NUMBERS, fieldsComplete: false };
  const names: string[] = [];
  const versions: number[] = [];
  let complete = true;
  for (const token of splitList(row.f)) {
    if (token === ELLIPSIS) {
      complete = false;
      break;
    }
    const m = VERSION_RE.exec(token);
    if (m?.[1] !== undefined && m[2] !== undefined) expandField(m[2].trim(), family, Number(m[1]), names, versions);
    else expandField(token, family, 0, names, versions);
  }
  return { fields: Object.freeze(names), fieldVersions: Object.freeze(versions), fieldsComplete: complete };
}

function parseEcs(ecs: string | undefined): Pick<CatalogEntry, 'ecsCategory' | 'ecsType' | 'ecsProposal'> {
  if (ecs === undefined) return { ecsCategory: EMPTY, ecsType: EMPTY, ecsProposal: false };
  const proposal = ecs.endsWith('*');
  const body = proposal ? ecs.slice(0, -1) : ecs;
  const slash = body.indexOf('/');
  const cats = slash < 0 ? body : body.slice(0, slash);
  const types = slash < 0 ? '' : body.slice(slash + 1);
  return { ecsCategory: Object.freeze(splitList(cats)), ecsType: Object.freeze(splitList(types)), ecsProposal: proposal };
}

function toEntry(row: Row): CatalogEntry {
  const family = row.p ?? 'security';
  const info = PROVIDER_FAMILIES.get(family);
  if (info === undefined) throw new Error(`unknown provider family ${family}`);
  return Object.freeze({
    provider: family,
    providerName: info.providerName,
    channel: row.channel ?? info.channel,
    id: row.id,
    title: row.title,
    tasks: row.tasks === undefined ? EMPTY_NUMBERS : Object.freeze([...row.tasks]),
    ...parseEcs(row.ecs),
    outcome: row.out,
    ...expandFields(row, family),
    otherFields: row.other === undefined ? EMPTY : Object.freeze(splitList(row.other)),
    userData: row.ud !== undefined,
    userDataElement: typeof row.ud === 'string' ? row.ud : undefined,
  });
}

/** Every catalog entry, in document order (§8.1, 8.2, 8.3, 8.4, further titles, PowerShell, Sysmon). */
export const EVENT_CATALOG: readonly CatalogEntry[] = Object.freeze(
  [...ROWS_8_1, ...ROWS_8_2, ...ROWS_8_3, ...ROWS_8_4, ...ROWS_FURTHER, ...ROWS_POWERSHELL, ...ROWS_SYSMON].map(toEntry),
);

// ---------------------------------------------------------------------------------------------
// Lookup

const FAMILY_INDEX: ReadonlyMap<ProviderFamily, number> = new Map([...PROVIDER_FAMILIES.keys()].map((f, i) => [f, i] as const));

/** Provider name (exact and lower-case) → family. */
const FAMILY_BY_PROVIDER: ReadonlyMap<string, ProviderFamily> = new Map(
  [...PROVIDER_FAMILIES.values()].flatMap((i) => [[i.providerName, i.family], [i.providerName.toLowerCase(), i.family]] as const),
);

/** Channel name (exact and lower-case) → channel index. */
const CHANNEL_INDEX: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const e of EVENT_CATALOG) {
    if (!m.has(e.channel)) {
      const index = new Set(m.values()).size;
      m.set(e.channel, index);
      m.set(e.channel.toLowerCase(), index);
    }
  }
  return m;
})();

const ID_BITS = 0x10000;

function key(index: number, eventId: number): number {
  return index * ID_BITS + eventId;
}

function validId(eventId: number): boolean {
  return (eventId & 0xffff) === eventId;
}

function buildIndex(indexOf: (e: CatalogEntry) => number, what: string): ReadonlyMap<number, CatalogEntry> {
  const m = new Map<number, CatalogEntry>();
  for (const e of EVENT_CATALOG) {
    const k = key(indexOf(e), e.id);
    if (m.has(k)) throw new Error(`event catalog: duplicate ${what} entry for ${e.provider} ${e.id}`);
    m.set(k, e);
  }
  return m;
}

const BY_FAMILY = buildIndex((e) => FAMILY_INDEX.get(e.provider) ?? -1, 'provider');
const BY_CHANNEL = buildIndex((e) => CHANNEL_INDEX.get(e.channel) ?? -1, 'channel');

/** Provider family of a provider name (case-insensitive, surrounding whitespace ignored); unknown → undefined. */
export function providerFamily(providerName: string): ProviderFamily | undefined {
  return FAMILY_BY_PROVIDER.get(providerName) ?? FAMILY_BY_PROVIDER.get(providerName.trim().toLowerCase());
}

/** Catalog entry for (provider name, event ID); the provider name is matched case-insensitively. */
export function findCatalogEntry(providerName: string, eventId: number): CatalogEntry | undefined {
  const family = providerFamily(providerName);
  if (family === undefined || !validId(eventId)) return undefined;
  const index = FAMILY_INDEX.get(family);
  return index === undefined ? undefined : BY_FAMILY.get(key(index, eventId));
}

/** Catalog entry for (family, event ID). */
export function findCatalogEntryByFamily(family: ProviderFamily, eventId: number): CatalogEntry | undefined {
  const index = FAMILY_INDEX.get(family);
  return index === undefined || !validId(eventId) ? undefined : BY_FAMILY.get(key(index, eventId));
}

/**
 * Catalog entry for (channel, event ID), for shapes that carry only a channel. Channel matched
 * case-insensitively: `Security` (Security-Auditing and Eventlog 1100–1105), `System` (Service
 * Control Manager, Eventlog 104), `Microsoft-Windows-PowerShell/Operational`,
 * `Microsoft-Windows-Sysmon/Operational`.
 */
export function findCatalogEntryByChannel(channel: string, eventId: number): CatalogEntry | undefined {
  const index = CHANNEL_INDEX.get(channel) ?? CHANNEL_INDEX.get(channel.trim().toLowerCase());
  return index === undefined || !validId(eventId) ? undefined : BY_CHANNEL.get(key(index, eventId));
}
