/**
 * The field catalog: every token of the Qualys Context XDR Windows data model, declared once.
 * Schema, normalizer, QQL, autocomplete, detail pane, CSV headers and docs are generated from it.
 */

export type FieldType =
  | 'text'
  | 'keyword'
  | 'integer'
  | 'ipv4'
  | 'datetime'
  | 'severity'
  | 'list'
  | 'coordinates';

export type FieldOrigin =
  /** a row of the guide's "Data Field Mappings" table */
  | 'guide'
  /** a row of the guide's "Qualys Internal Fields" table (not in the mapping table) */
  | 'internal'
  /** not in the guide: a home for common data the guide has none for */
  | 'extension';

export interface FieldDefinition {
  readonly name: string;
  readonly type: FieldType;
  readonly description: string;
  /** the guide's "Data Source Fields" cells for this token, `<br>` removed and spaces around `/` collapsed */
  readonly guideSources: readonly string[];
  readonly origin: FieldOrigin;
  /**
   * filtered on often enough to deserve an index of its own in the store. Every index costs ingest
   * speed (measured: about 6 µs per event each), so the set is kept to the hunting pivots: event ID,
   * host, accounts and addresses; other tokens are filtered within a time range or through full text.
   */
  readonly indexed?: boolean;
  /** part of the full-text (FTS5 trigram) index */
  readonly fullText?: boolean;
}

function field(
  name: string,
  type: FieldType,
  guideSources: readonly string[],
  description: string,
  extra: { origin?: FieldOrigin; indexed?: boolean; fullText?: boolean } = {},
): FieldDefinition {
  return { name, type, description, guideSources, origin: extra.origin ?? 'guide', indexed: extra.indexed ?? false, fullText: extra.fullText ?? false };
}

const internal = { origin: 'internal' as const };
const extension = { origin: 'extension' as const };

/** In display order: time and identity first, then the guide's table order, then extensions. */
export const FIELD_CATALOG: readonly FieldDefinition[] = [
  field('eventTime', 'datetime', [], 'Time the event was produced, UTC.', { ...internal, indexed: true }),
  field('eventId', 'keyword', [], 'UUID of the event, the same every time the same source record is normalized.', internal),
  field('customerId', 'keyword', [], 'Customer the event belongs to (from settings).', internal),
  field('deviceType', 'keyword', [], 'Type of the device producing the event: Operating System.', internal),
  field('deviceVendor', 'keyword', [], 'Vendor of the device producing the event: Microsoft.', internal),
  field('deviceModel', 'keyword', ['deviceName'], 'Model details of the device which is producing the audit events.'),

  field('deviceName', 'text', ['Computer'], 'Hostname of the device where event is produced/logged.', { indexed: true }),
  field('deviceSeverity', 'severity', ['logset'], 'Severity details for the event log as per the device which is producing the audit events.'),
  field('userAgent', 'text', ['reqClnApp'], 'The user agent associated with the request.'),
  field('action', 'keyword', ['act'], 'The action mentioned in the event.'),
  field('externalId', 'integer', ['EventID'], 'Associated ID given in the event by the event source.', { indexed: true }),
  field('eventType', 'keyword', ['keywords'], 'Type of the event (e.g. Audit Success, Audit Failure).'),
  field('category', 'keyword', ['cat'], 'Category of the event log.'),
  field('sourcePort', 'integer', ['SourcePort'], 'The source port number. Valid port numbers are 0 - 65535.'),
  field('osDetails', 'text', ['osBuild'], 'OS Information of the asset.'),
  field('winlogSubjectLogonId', 'keyword', ['SubjectLogonId'], 'Logon ID of the subject account, hexadecimal.'),
  field('processId', 'integer', ['ProcessID'], 'Process ID if present in the event log.'),
  field('winlogHostname', 'text', ['winHost'], 'Hostname of the Windows host.'),
  field('winlogSubjectSid', 'keyword', ['SubjectUserSid/UserSid'], 'SID of the subject account.'),
  field('winlogSubjectDomainName', 'text', ['SubjectDomain Name/UserName'], 'Domain (or DOMAIN\\account) of the subject account.'),
  field('guid', 'keyword', ['Guid'], 'GUID from the event log (provider GUID).'),
  field('userName', 'text', ['SubjectUserName'], 'Username present in the log apart from source and destination username.', { indexed: true }),
  field('permissions', 'list', ['PrivilegeList', 'AccessMask, AccessList'], 'File/user permissions from the event.'),
  field('destinationHost', 'text', ['winTrgtSrvrName'], 'Hostname of the destination machine (the machine towards which this event is directed as per the log audit).'),
  field('version', 'keyword', ['osVer'], 'Application version/device version present in the log.'),
  field('deviceEventId', 'keyword', ['winlogEventId', 'Name'], 'Event ID assigned by the device which is producing the audit events, as Provider:ID.'),
  field('fileName', 'text', ['path', 'RelativeTargetName'], 'File name as present in the audit event.', { fullText: true }),
  field('eventName', 'text', ['winKey', 'message'], 'Brief standard meaning of the message, easy to read for an analyst.', { fullText: true }),
  field('sourceHost', 'text', ['src'], 'Hostname of the source machine (the machine who has generated this event as per the log audit).'),
  field('filePath', 'text', ['filePath', 'ShareName', 'ShareLocalPath'], 'Path of the file where file is present.', { fullText: true }),
  field('processName', 'text', ['EventData ProcessName', 'ProcessName'], 'Full path and the name of the executable for the process.', { fullText: true }),
  field('destinationUser', 'text', ['winTarUsername'], 'Username using/logged-in the destination machine.', { indexed: true }),
  field('destinationUserId', 'keyword', ['RemoteUserID'], 'User ID (SID) using/logged-in the destination machine.'),
  field('destinationDomain', 'text', ['winTarDmn'], 'Domain name of the destination machine.'),
  field('winlogComputerName', 'text', ['winHostName'], 'Computer name of the Windows host.'),
  field('sourceUser', 'text', ['winUsername'], 'Username using/logged-in the source machine.'),
  field('tags', 'list', ['tags'], 'Tags, used for QQL.'),
  field('collectorId', 'keyword', ['collId'], 'Collector ID.'),
  field('geoSourceCoordinates', 'coordinates', ['srcCord'], 'Geo coordinates [latitude, longitude] of the source IP.'),
  field('geoDestinationCoordinates', 'coordinates', ['dstCord'], 'Geo coordinates [latitude, longitude] of the destination IP.'),
  field('geoSourceCountry', 'text', ['srcGeoCountry'], 'Country name of the source IP.'),
  field('geoDestinationCountry', 'text', ['dstGeoCountry'], 'Country name of the destination IP.'),
  field('geoSourceCity', 'text', ['srcGeoCity'], 'City name of the source IP.'),
  field('geoDestinationCity', 'text', ['dstGeoCity'], 'City name of the destination IP.'),
  field('outcome', 'keyword', ['status'], 'Outcome of the event: success, failure or NA.'),
  field('message', 'text', ['message'], 'The rendered message of the event.', { fullText: true }),
  field('winlogSubStatus', 'keyword', ['substatus'], 'Sub-status code of a failed logon.'),
  field('ticketOptions', 'keyword', ['TicketOptions'], 'Kerberos ticket options.'),
  field('ticketEncryptionType', 'keyword', ['TicketEncryptionType'], 'Kerberos ticket encryption type.'),
  field('destinationServiceName', 'text', ['ServiceName'], 'Service name on the destination machine.', { fullText: true }),
  field('object', 'text', ['ObjectName', 'CalloutName', 'SubLayerName', 'ProviderContext Name', 'ProviderName'], 'Object of the event: group/policy/registry/domain change.', { fullText: true }),
  field('destinationProcess', 'text', ['Application'], 'Full path and the name of the executable for the target process.', { fullText: true }),
  field('winLogMandatoryLabel', 'keyword', ['MandatoryLabel'], 'SID of integrity label which was assigned to the new process.'),
  field('winLogTokenElevationType', 'keyword', ['TokenElevationType'], 'Token elevation type (User Account Control).'),
  field('sourceProcess', 'text', ['ParentProcessName'], 'Name of the program that started this new process.', { fullText: true }),
  field('winLogImagePath', 'text', ['ImagePath'], 'Image path of an installed service.', { fullText: true }),
  field('group', 'text', ['TargetUserName', 'ProfileChanged'], 'Group name, or the firewall profile in which a setting was changed.'),
  field('winLogTargetDomainName', 'text', ['TargetDomainName'], "Group's domain or computer name."),
  field('winLogObjectServer', 'text', ['ObjectServer'], 'Name of the Windows subsystem calling the routine.'),
  field('winLogObjectType', 'keyword', ['ObjectType'], 'The type or class of the object that was accessed.'),
  field('winLogSettingType', 'text', ['SettingType'], 'The name of the setting which was modified.'),
  field('winLogSettingValue', 'text', ['SettingValue'], 'New value of modified setting.'),
  field('winLogRuleId', 'keyword', ['RuleID'], 'The unique identifier for modified firewall rule.'),
  field('policy', 'text', ['RuleName'], 'The name of the rule that was modified.'),
  field('winLogProperties', 'text', ['Properties'], 'Access type and tree of GUIDs of Active Directory classes or property sets.'),
  field('winLogTargetLogonId', 'keyword', ['TargetLogonID'], 'Logon ID of the target account, hexadecimal.'),
  field('command', 'text', ['Process Command Line'], 'Command line of the process.', { fullText: true }),
  field('protocol', 'keyword', ['Protocol'], 'Protocol used in the event log.'),
  field('destinationIpv4', 'ipv4', ['DestAddress'], 'Destination IPv4 address.', { indexed: true }),
  field('destinationPort', 'integer', ['DestPort'], 'Destination port.'),
  field('sourceIpv4', 'ipv4', ['Source Address'], 'Source IPv4 address.', { indexed: true }),
  field('direction', 'keyword', ['Direction'], 'Inbound or Outbound.'),
  field('sourceMac', 'keyword', ['Mac'], 'Source MAC address.'),
  field('secondaryAction', 'keyword', ['ChangeType'], "Additional action in the event log apart from the primary 'Action'."),

  field('channel', 'keyword', [], 'Event log channel (Security, System, Microsoft-Windows-Sysmon/Operational …).', { ...extension }),
  field('provider', 'keyword', [], 'Event provider (Microsoft-Windows-Security-Auditing …).', { ...extension }),
  field('recordId', 'integer', [], 'Event record ID within its log.', extension),
  field('logonType', 'integer', [], 'Logon type number (2 Interactive, 3 Network, 10 RemoteInteractive …).', { ...extension }),
  field('sourceIpv6', 'keyword', [], 'Source IPv6 address.', extension),
  field('destinationIpv6', 'keyword', [], 'Destination IPv6 address.', extension),
];

export type TokenName = (typeof FIELD_CATALOG)[number]['name'];

const BY_NAME: ReadonlyMap<string, FieldDefinition> = new Map(FIELD_CATALOG.map((f) => [f.name, f]));

export function findField(name: string): FieldDefinition | undefined {
  return BY_NAME.get(name);
}
