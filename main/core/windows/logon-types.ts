/**
 * LogonType values (windows-events.md §6). Winlogbeat's table covers 2–11 only; 0, 12 and 13 are
 * kept as the document lists them.
 */

export interface LogonTypeRow {
  readonly value: number;
  readonly name: string;
  /** Short meaning, as the §6 table states it. */
  readonly meaning: string;
}

export const LOGON_TYPE_TABLE: readonly LogonTypeRow[] = Object.freeze([
  { value: 0, name: 'System', meaning: 'system account at startup' },
  { value: 2, name: 'Interactive', meaning: 'local console logon' },
  { value: 3, name: 'Network', meaning: 'access from the network (SMB, etc.)' },
  { value: 4, name: 'Batch', meaning: 'scheduled task / batch server' },
  { value: 5, name: 'Service', meaning: 'service started by the SCM' },
  { value: 7, name: 'Unlock', meaning: 'workstation unlocked' },
  { value: 8, name: 'NetworkCleartext', meaning: 'network logon, password passed in reversible form' },
  { value: 9, name: 'NewCredentials', meaning: 'cloned token with new outbound credentials (`runas /netonly`)' },
  { value: 10, name: 'RemoteInteractive', meaning: 'Remote Desktop / Terminal Services' },
  { value: 11, name: 'CachedInteractive', meaning: 'logon with locally cached domain credentials' },
  { value: 12, name: 'CachedRemoteInteractive', meaning: 'RDP with cached credentials' },
  { value: 13, name: 'CachedUnlock', meaning: 'unlock with cached credentials' },
]);

/** LogonType number → name. */
export const LOGON_TYPE_NAMES: ReadonlyMap<number, string> = new Map(
  LOGON_TYPE_TABLE.map((r) => [r.value, r.name] as const),
);

/** The same names keyed by the decimal text EventData carries (`"3"`). */
const NAMES_BY_TEXT: ReadonlyMap<string, string> = new Map(
  LOGON_TYPE_TABLE.map((r) => [String(r.value), r.name] as const),
);

const BY_VALUE: ReadonlyMap<number, LogonTypeRow> = new Map(LOGON_TYPE_TABLE.map((r) => [r.value, r] as const));

function toValue(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const t = value.trim();
  return t === '' ? undefined : Number(t);
}

/** LogonType → name (`3` or `"3"` → `Network`); unknown values → undefined. */
export function logonTypeName(value: number | string): string | undefined {
  if (typeof value === 'number') return LOGON_TYPE_NAMES.get(value);
  const hit = NAMES_BY_TEXT.get(value);
  if (hit !== undefined) return hit;
  const n = toValue(value);
  return n === undefined ? undefined : LOGON_TYPE_NAMES.get(n);
}

/** LogonType → the §6 row (name and short meaning); unknown values → undefined. */
export function logonType(value: number | string): LogonTypeRow | undefined {
  const n = toValue(value);
  return n === undefined ? undefined : BY_VALUE.get(n);
}

/** Name (exact and lower-case) → LogonType number, e.g. Winlogbeat's `winlog.logon.type` (`Network`). */
const NUMBER_BY_NAME: ReadonlyMap<string, number> = new Map(
  LOGON_TYPE_TABLE.flatMap((r) => [[r.name, r.value], [r.name.toLowerCase(), r.value]] as const),
);

/** LogonType name (`Network`, case-insensitive, whitespace tolerated) → number (`3`); unknown → undefined. */
export function logonTypeNumber(name: string): number | undefined {
  return NUMBER_BY_NAME.get(name) ?? NUMBER_BY_NAME.get(name.trim().toLowerCase());
}
