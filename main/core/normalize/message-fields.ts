/**
 * Rendered-message fallback (windows-events.md §9): when EventData is lost (PowerShell depth loss)
 * the English message still holds `Label:<TAB…>value` lines under section headers. The same label
 * repeats under different headers, so names are keyed on (header, label).
 */

const SUBJECT = { 'Security ID': 'SubjectUserSid', 'Account Name': 'SubjectUserName', 'Account Domain': 'SubjectDomainName', 'Logon ID': 'SubjectLogonId' };
const TARGET = { 'Security ID': 'TargetUserSid', 'Account Name': 'TargetUserName', 'Account Domain': 'TargetDomainName', 'Logon ID': 'TargetLogonId' };

const BY_SECTION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'Subject': SUBJECT,
  'Creator Subject': SUBJECT,
  'New Logon': TARGET,
  'Target Subject': TARGET,
  'Account For Which Logon Failed': TARGET,
  'Account Whose Credentials Were Used': { 'Account Name': 'TargetUserName', 'Account Domain': 'TargetDomainName' },
  'Target Server': { 'Target Server Name': 'TargetServerName' },
  'Member': { 'Security ID': 'MemberSid', 'Account Name': 'MemberName' },
  'Group': { 'Security ID': 'TargetSid', 'Group Name': 'TargetUserName', 'Group Domain': 'TargetDomainName' },
  'Logon Information': { 'Logon Type': 'LogonType' },
  'Failure Information': { 'Status': 'Status', 'Sub Status': 'SubStatus', 'Failure Reason': 'FailureReason' },
  'Process Information': {
    'Process ID': 'ProcessId', 'Process Name': 'ProcessName', 'New Process ID': 'NewProcessId', 'New Process Name': 'NewProcessName',
    'Creator Process Name': 'ParentProcessName', 'Process Command Line': 'CommandLine', 'Token Elevation Type': 'TokenElevationType',
    'Mandatory Label': 'MandatoryLabel', 'Caller Process Name': 'CallerProcessName',
  },
  'Application Information': { 'Process ID': 'ProcessId', 'Application Name': 'Application' },
  'Network Information': {
    'Workstation Name': 'WorkstationName', 'Source Network Address': 'IpAddress', 'Source Port': 'SourcePort', 'Client Address': 'IpAddress',
    'Client Port': 'IpPort', 'Direction': 'Direction', 'Source Address': 'SourceAddress', 'Destination Address': 'DestAddress',
    'Destination Port': 'DestPort', 'Protocol': 'Protocol', 'Network Address': 'IpAddress',
  },
  'Object': { 'Object Server': 'ObjectServer', 'Object Type': 'ObjectType', 'Object Name': 'ObjectName' },
  'Share Information': { 'Share Name': 'ShareName', 'Share Path': 'ShareLocalPath', 'Relative Target Name': 'RelativeTargetName' },
  'Service Information': { 'Service Name': 'ServiceName', 'Service File Name': 'ServiceFileName' },
  'Account Information': { 'Account Name': 'TargetUserName', 'Supplied Realm Name': 'TargetDomainName', 'User ID': 'TargetSid' },
  'Additional Information': { 'Ticket Options': 'TicketOptions', 'Ticket Encryption Type': 'TicketEncryptionType', 'Result Code': 'Status' },
};

/** Labels that mean the same under any header. */
const ANY_SECTION: Readonly<Record<string, string>> = {
  'Process Command Line': 'CommandLine',
  'Logon Type': 'LogonType',
  'Privileges': 'PrivilegeList',
};

/** EventData-like fields read from a rendered message; empty when it has no `Label:\tvalue` lines. */
export function fieldsFromMessage(message: string): Map<string, string> {
  const fields = new Map<string, string>();
  let section = '';
  for (const rawLine of message.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    const match = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (match === null) continue;
    const label = match[1] ?? '';
    const value = (match[2] ?? '').trim();
    if (value === '' && !rawLine.startsWith('\t')) {
      section = label;
      continue;
    }
    const name = BY_SECTION[section]?.[label] ?? ANY_SECTION[label];
    if (name !== undefined && value !== '' && !fields.has(name)) fields.set(name, value);
  }
  return fields;
}
