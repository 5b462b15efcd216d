/**
 * `%%NNNN` message codes and the other value tables of windows-events.md §7.
 *
 * `%%NNNN` insertion strings are IDs in the provider's parameter message file (msobjs.dll for
 * Security), locale independent. Translate with these tables and keep the raw code too.
 * Only the codes the table names are listed: for the ranges "%%4480–%%4491 process rights" and
 * "%%7680–%%7688 DS rights" the table names only %%4484, %%4485, %%7684, %%7685 and %%7688.
 */

export interface MessageCode {
  readonly code: number;
  /** Translation (the table's text for the code). */
  readonly text: string;
  /** The table's "Meaning" column: what kind of value this is. */
  readonly kind: string;
  /** The table's "Seen in" column. */
  readonly seenIn: string;
}

/** §7 table, one group per row: kind, seen-in, then `[code, text]` pairs. */
const GROUPS: readonly (readonly [kind: string, seenIn: string, codes: readonly (readonly [number, string])[]])[] = [
  ['standard access rights', 'AccessList (4656/4663/5140/5145), AccessMask (4674)', [
    [1537, 'DELETE'],
    [1538, 'READ_CONTROL'],
    [1539, 'WRITE_DAC'],
    [1540, 'WRITE_OWNER'],
    [1541, 'SYNCHRONIZE'],
    [1542, 'ACCESS_SYS_SEC'],
  ]],
  ['file access rights', 'AccessList (4656/4663/5140/5145), AccessMask (4674)', [
    [4416, 'ReadData/ListDirectory'],
    [4417, 'WriteData/AddFile'],
    [4418, 'AppendData/AddSubdirectory'],
    [4419, 'ReadEA'],
    [4420, 'WriteEA'],
    [4421, 'Execute/Traverse'],
    [4422, 'DeleteChild'],
    [4423, 'ReadAttributes'],
    [4424, 'WriteAttributes'],
  ]],
  ['registry rights', 'AccessList (4656/4663/5140/5145), AccessMask (4674)', [
    [4432, 'Query key value'],
    [4433, 'Set key value'],
    [4434, 'Create sub-key'],
    [4435, 'Enumerate sub-keys'],
    [4436, 'Notify'],
    [4437, 'Create Link'],
  ]],
  // Range %%4480–%%4491: the table names only these two ("%%4484 read / %%4485 write process memory").
  ['process rights', '4656/4663', [
    [4484, 'read process memory'],
    [4485, 'write process memory'],
  ]],
  // Range %%7680–%%7688: the table names only these three.
  ['directory access', '4662 AccessList/Properties', [
    [7684, 'Read Property'],
    [7685, 'Write Property'],
    [7688, 'Control Access'],
  ]],
  ['impersonation level', '4624 ImpersonationLevel', [
    [1832, 'Identification'],
    [1833, 'Impersonation'],
    [1840, 'Delegation'],
  ]],
  ['flags', '4624 ElevatedToken, VirtualAccount, RestrictedAdminMode', [
    [1842, 'Yes'],
    [1843, 'No'],
  ]],
  ['UAC token type', '4688 TokenElevationType', [
    [1936, 'TokenElevationTypeDefault (1)'],
    [1937, 'TokenElevationTypeFull (2)'],
    [1938, 'TokenElevationTypeLimited (3)'],
  ]],
  ['operation', '4657 OperationType', [
    [1904, 'New registry value created'],
    [1905, 'Existing registry value modified'],
    [1906, 'Registry value deleted'],
  ]],
  ['failure reason', '4625 FailureReason', [
    [2304, 'An error occurred during logon'],
    [2305, 'account expired'],
    [2306, 'NetLogon not active'],
    [2307, 'Account locked out'],
    [2308, 'logon type not granted'],
    [2309, 'password expired'],
    [2310, 'account disabled'],
    [2311, 'logon-hours restriction'],
    [2312, 'workstation not allowed'],
    [2313, 'Unknown user name or bad password'],
  ]],
  ['audit setting change', '4719/4912 AuditPolicyChanges', [
    [8448, 'Success removed'],
    [8449, 'Success added'],
    [8450, 'Failure removed'],
    [8451, 'Failure added'],
  ]],
  // %%8272–%%8280, named in order by the table.
  ['audit category', '4719 CategoryId', [
    [8272, 'System'],
    [8273, 'Logon/Logoff'],
    [8274, 'Object Access'],
    [8275, 'Privilege Use'],
    [8276, 'Detailed Tracking'],
    [8277, 'Policy Change'],
    [8278, 'Account Management'],
    [8279, 'DS Access'],
    [8280, 'Account Logon'],
  ]],
  ['direction', 'WFP 5152-5159 Direction', [
    [14592, 'Inbound'],
    [14593, 'Outbound'],
    [14594, 'Forward'],
    [14595, 'Bidirectional'],
  ]],
  // %%14613 is not in the table.
  ['WFP layer', '5154-5159 LayerName', [
    [14608, 'Resource Assignment'],
    [14609, 'Listen'],
    [14610, 'Receive/Accept'],
    [14611, 'Connect'],
    [14612, 'Flow Established'],
    [14614, 'Resource Release'],
    [14615, 'Endpoint Closure'],
  ]],
  ['WFP change/filter type/action', '5446-5450 ChangeType, 5441/5447 FilterType, Action', [
    [16384, 'Add'],
    [16385, 'Delete'],
    [16386, 'Boot-time'],
    [16387, 'Persistent'],
    [16388, 'Not persistent'],
    [16389, 'Block'],
    [16390, 'Permit'],
    [16391, 'Callout'],
  ]],
];

/** Every `%%NNNN` code of the §7 table, keyed by its number. */
export const MESSAGE_CODES: ReadonlyMap<number, MessageCode> = (() => {
  const m = new Map<number, MessageCode>();
  for (const [kind, seenIn, codes] of GROUPS) {
    for (const [code, text] of codes) {
      if (m.has(code)) throw new Error(`duplicate message code %%${code}`);
      m.set(code, Object.freeze({ code, text, kind, seenIn }));
    }
  }
  return m;
})();

const CH_SPACE = 0x20;
const CH_TAB = 0x09;
const CH_CR = 0x0d;
const CH_LF = 0x0a;
const CH_PERCENT = 0x25;
const CH_0 = 0x30;
const CH_9 = 0x39;

function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_CR || c === CH_LF;
}

/**
 * Number of a `%%NNNN` token (surrounding whitespace tolerated), or undefined. Scans the string in
 * place: no allocation.
 */
export function parseMessageCode(value: string): number | undefined {
  let i = 0;
  let end = value.length;
  while (i < end && isSpace(value.charCodeAt(i))) i++;
  while (end > i && isSpace(value.charCodeAt(end - 1))) end--;
  if (end - i < 3 || value.charCodeAt(i) !== CH_PERCENT || value.charCodeAt(i + 1) !== CH_PERCENT) return undefined;
  i += 2;
  if (end - i > 9) return undefined;
  let n = 0;
  for (; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c < CH_0 || c > CH_9) return undefined;
    n = n * 10 + (c - CH_0);
  }
  return n;
}

/** Translation of a `%%NNNN` value (`"%%1537"` → `DELETE`); unknown or malformed → undefined. */
export function translateMessageCode(value: string): string | undefined {
  const n = parseMessageCode(value);
  return n === undefined ? undefined : MESSAGE_CODES.get(n)?.text;
}

/** The §7 row of a `%%NNNN` value or code number (translation, kind, where it is seen). */
export function messageCodeInfo(value: string | number): MessageCode | undefined {
  const n = typeof value === 'number' ? value : parseMessageCode(value);
  return n === undefined ? undefined : MESSAGE_CODES.get(n);
}

// ---------------------------------------------------------------------------------------------
// Other value tables of §7. Numeric codes are looked up by number; text is accepted as `0x…` hex
// or decimal (EventData is text, PowerShell Properties are numbers), with surrounding whitespace.

/**
 * Numeric value of a code given as number or text (`0x…` or decimal). Negative int32 numbers are
 * read as their unsigned 32-bit value (a HexInt32 that arrived signed). Empty text → undefined.
 */
function codeNumber(value: string | number): number | undefined {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else {
    if (value.trim() === '') return undefined;
    n = Number(value);
  }
  if (!Number.isInteger(n)) return undefined;
  if (n < 0 && n >= -0x80000000) return n >>> 0;
  return n;
}

/** IANA protocol number → lower-case name (§7 "Protocol"). */
export const PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'icmp'],
  [2, 'igmp'],
  [6, 'tcp'],
  [17, 'udp'],
  [47, 'gre'],
  [50, 'esp'],
  [51, 'ah'],
  [58, 'icmpv6'],
]);

/** The same names keyed by the decimal text WFP EventData carries (`"6"`). */
const PROTOCOL_BY_TEXT: ReadonlyMap<string, string> = new Map(
  [...PROTOCOL_NAMES].map(([k, v]) => [String(k), v] as const),
);

/** IANA protocol number (`6` or `"6"`) → lower-case name (`tcp`); unknown → undefined (keep the number). */
export function protocolName(value: number | string): string | undefined {
  if (typeof value === 'number') return PROTOCOL_NAMES.get(value);
  const hit = PROTOCOL_BY_TEXT.get(value);
  if (hit !== undefined) return hit;
  const n = codeNumber(value);
  return n === undefined ? undefined : PROTOCOL_NAMES.get(n);
}

/** Kerberos TicketEncryptionType → name (§7). */
export const TICKET_ENCRYPTION_TYPES: ReadonlyMap<number, string> = new Map([
  [0x1, 'DES-CBC-CRC'],
  [0x3, 'DES-CBC-MD5'],
  [0x11, 'AES128-CTS-HMAC-SHA1-96'],
  [0x12, 'AES256-CTS-HMAC-SHA1-96'],
  [0x17, 'RC4-HMAC'],
  [0x18, 'RC4-HMAC-EXP'],
  [0xffffffff, 'failure'],
]);

/** TicketEncryptionType (`"0x12"`, `18`) → name; unknown → undefined. */
export function ticketEncryptionTypeName(value: string | number): string | undefined {
  const n = codeNumber(value);
  return n === undefined ? undefined : TICKET_ENCRYPTION_TYPES.get(n);
}

/** Kerberos Status (4768/4769/4771) → meaning (§7). */
export const KERBEROS_STATUS: ReadonlyMap<number, string> = new Map([
  [0x6, 'client principal unknown'],
  [0x12, 'client revoked (disabled/locked)'],
  [0x17, 'password expired'],
  [0x18, 'pre-authentication failed (bad password)'],
  [0x25, 'clock skew'],
]);

/** Kerberos Status (`"0x18"`, `24`) → meaning; unknown → undefined. */
export function kerberosStatusText(value: string | number): string | undefined {
  const n = codeNumber(value);
  return n === undefined ? undefined : KERBEROS_STATUS.get(n);
}

/** NTSTATUS (4625/4776 Status, SubStatus) → meaning (§7). */
export const NTSTATUS_CODES: ReadonlyMap<number, string> = new Map([
  [0xc000006d, 'bad name or credentials'],
  [0xc0000064, 'unknown user'],
  [0xc000006a, 'bad password'],
  [0xc0000234, 'locked'],
  [0xc0000072, 'disabled'],
  [0xc000006f, 'logon hours'],
  [0xc0000070, 'workstation'],
  [0xc0000071, 'password expired'],
  [0xc0000193, 'account expired'],
  [0xc0000224, 'must change password'],
  [0xc000015b, 'logon type not granted'],
]);

/** NTSTATUS (`"0xc000006d"`, any case, or a number, signed or not) → meaning; unknown → undefined. */
export function ntStatusText(value: string | number): string | undefined {
  const n = codeNumber(value);
  return n === undefined ? undefined : NTSTATUS_CODES.get(n);
}

/** Mandatory label SID → integrity level name (§7 "MandatoryLabel"). */
export const MANDATORY_LABELS: ReadonlyMap<string, string> = new Map([
  ['S-1-16-0', 'Untrusted'],
  ['S-1-16-4096', 'Low'],
  ['S-1-16-8192', 'Medium'],
  ['S-1-16-8448', 'Medium Plus'],
  ['S-1-16-12288', 'High'],
  ['S-1-16-16384', 'System'],
  ['S-1-16-20480', 'Protected Process'],
]);

/** Mandatory label SID (`S-1-16-12288`, any case, whitespace tolerated) → name (`High`); unknown → undefined. */
export function mandatoryLabelName(sid: string): string | undefined {
  return MANDATORY_LABELS.get(sid) ?? MANDATORY_LABELS.get(sid.trim().toUpperCase());
}
