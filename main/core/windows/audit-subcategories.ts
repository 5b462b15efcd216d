/**
 * Security-auditing Task numbers → audit category / subcategory (windows-events.md §5).
 *
 * Task values are the message-table IDs of the subcategory names; GUIDs are the `auditpol`
 * subcategory GUIDs `{0CCE92xx-69AE-11D9-BED3-505054503030}` (the table gives only `xx`).
 */

export interface AuditSubcategory {
  readonly task: number;
  readonly category: string;
  readonly subcategory: string;
  /** Full auditpol GUID, upper-case, with braces. */
  readonly guid: string;
}

/** §5 table: category → `[task, subcategory, GUID suffix]`, in the table's order. */
const TABLE: readonly (readonly [category: string, rows: readonly (readonly [number, string, string])[]])[] = [
  ['System', [
    [12288, 'Security State Change', '10'],
    [12289, 'Security System Extension', '11'],
    [12290, 'System Integrity', '12'],
    [12291, 'IPsec Driver', '13'],
    [12292, 'Other System Events', '14'],
  ]],
  ['Logon/Logoff', [
    [12544, 'Logon', '15'],
    [12545, 'Logoff', '16'],
    [12546, 'Account Lockout', '17'],
    [12547, 'IPsec Main Mode', '18'],
    [12548, 'Special Logon', '1B'],
    [12549, 'IPsec Quick Mode', '19'],
    [12550, 'IPsec Extended Mode', '1A'],
    [12551, 'Other Logon/Logoff Events', '1C'],
    [12552, 'Network Policy Server', '43'],
    [12553, 'User / Device Claims', '47'],
    [12554, 'Group Membership', '49'],
  ]],
  ['Object Access', [
    [12800, 'File System', '1D'],
    [12801, 'Registry', '1E'],
    [12802, 'Kernel Object', '1F'],
    [12803, 'SAM', '20'],
    [12804, 'Other Object Access Events', '27'],
    [12805, 'Certification Services', '21'],
    [12806, 'Application Generated', '22'],
    [12807, 'Handle Manipulation', '23'],
    [12808, 'File Share', '24'],
    [12809, 'Filtering Platform Packet Drop', '25'],
    [12810, 'Filtering Platform Connection', '26'],
    [12811, 'Detailed File Share', '44'],
    [12812, 'Removable Storage', '45'],
    [12813, 'Central Policy Staging', '46'],
  ]],
  ['Privilege Use', [
    [13056, 'Sensitive Privilege Use', '28'],
    [13057, 'Non Sensitive Privilege Use', '29'],
    [13058, 'Other Privilege Use Events', '2A'],
  ]],
  ['Detailed Tracking', [
    [13312, 'Process Creation', '2B'],
    [13313, 'Process Termination', '2C'],
    [13314, 'DPAPI Activity', '2D'],
    [13315, 'RPC Events', '2E'],
    [13316, 'Plug and Play Events', '48'],
    [13317, 'Token Right Adjusted Events', '4A'],
  ]],
  ['Policy Change', [
    [13568, 'Audit Policy Change', '2F'],
    [13569, 'Authentication Policy Change', '30'],
    [13570, 'Authorization Policy Change', '31'],
    [13571, 'MPSSVC Rule-Level Policy Change', '32'],
    [13572, 'Filtering Platform Policy Change', '33'],
    [13573, 'Other Policy Change Events', '34'],
  ]],
  ['Account Management', [
    [13824, 'User Account Management', '35'],
    [13825, 'Computer Account Management', '36'],
    [13826, 'Security Group Management', '37'],
    [13827, 'Distribution Group Management', '38'],
    [13828, 'Application Group Management', '39'],
    [13829, 'Other Account Management Events', '3A'],
  ]],
  ['DS Access', [
    [14080, 'Directory Service Access', '3B'],
    [14081, 'Directory Service Changes', '3C'],
    [14082, 'Directory Service Replication', '3D'],
    [14083, 'Detailed Directory Service Replication', '3E'],
  ]],
  ['Account Logon', [
    [14336, 'Credential Validation', '3F'],
    [14337, 'Kerberos Service Ticket Operations', '40'],
    [14338, 'Other Account Logon Events', '41'],
    [14339, 'Kerberos Authentication Service', '42'],
  ]],
];

/** The audit categories of §5, in table order. */
export const AUDIT_CATEGORIES: readonly string[] = Object.freeze(TABLE.map(([category]) => category));

/** Every §5 row, in table order. */
export const AUDIT_SUBCATEGORIES: readonly AuditSubcategory[] = Object.freeze(
  TABLE.flatMap(([category, rows]) =>
    rows.map(([task, subcategory, suffix]) =>
      Object.freeze({ task, category, subcategory, guid: `{0CCE92${suffix}-69AE-11D9-BED3-505054503030}` }),
    ),
  ),
);

/** Task number → entry. */
export const AUDIT_SUBCATEGORY_BY_TASK: ReadonlyMap<number, AuditSubcategory> = new Map(
  AUDIT_SUBCATEGORIES.map((e) => [e.task, e] as const),
);

/** Subcategory name (exact spelling and lower-case) → entry. */
const BY_NAME: ReadonlyMap<string, AuditSubcategory> = new Map(
  AUDIT_SUBCATEGORIES.flatMap((e) => [[e.subcategory, e], [e.subcategory.toLowerCase(), e]] as const),
);

/** GUID (upper-case, with braces) → entry. */
const BY_GUID: ReadonlyMap<string, AuditSubcategory> = new Map(
  AUDIT_SUBCATEGORIES.map((e) => [e.guid, e] as const),
);

/** Audit subcategory of a Security-auditing Task number, or undefined. */
export function auditSubcategory(task: number): AuditSubcategory | undefined {
  return AUDIT_SUBCATEGORY_BY_TASK.get(task);
}

/**
 * Audit subcategory by its §5 name, case-insensitive (`Logon`, `Sensitive Privilege Use`,
 * `MPSSVC Rule-Level Policy Change`, …); surrounding whitespace is ignored.
 */
export function auditSubcategoryByName(name: string): AuditSubcategory | undefined {
  return BY_NAME.get(name) ?? BY_NAME.get(name.trim().toLowerCase());
}

/** Audit subcategory by its auditpol GUID, with or without braces, any case. */
export function auditSubcategoryByGuid(guid: string): AuditSubcategory | undefined {
  const hit = BY_GUID.get(guid);
  if (hit !== undefined) return hit;
  let g = guid.trim().toUpperCase();
  if (!g.startsWith('{')) g = `{${g}}`;
  return BY_GUID.get(g);
}
