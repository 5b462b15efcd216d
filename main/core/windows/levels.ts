/**
 * Windows event Level → guide severity (windows-events.md §3).
 *
 * Data-only lookup tables, built once at module load. Every function is a map/array lookup with no
 * allocation on the hot path (a lower-casing fallback runs only for unusual spellings).
 */

/** The guide's normalized `deviceSeverity` values. */
export type SeverityLabel = 'Alert' | 'Error' | 'Warning' | 'Informational' | 'Debug';

/** The guide's source values (lower-cased Windows level names, Winlogbeat `log.level`). */
export type LevelName = 'critical' | 'error' | 'warning' | 'information' | 'verbose';

/** §3 table: one row per defined Level value. */
export interface LevelRow {
  readonly level: number;
  /** Windows name of the level. */
  readonly windowsName: string;
  /** The name as exported (`LevelDisplayName`, rendered XML). */
  readonly exportedName: string;
  /** The guide's source value. */
  readonly levelName: LevelName;
  /** The guide's normalized `deviceSeverity`. */
  readonly severity: SeverityLabel;
}

export const LEVEL_TABLE: readonly LevelRow[] = Object.freeze([
  // Level 0 (LogAlways) is how every Security-auditing event is written, success or failure:
  // the failure lives in Keywords/outcome, never in severity.
  { level: 0, windowsName: 'LogAlways', exportedName: 'Information', levelName: 'information', severity: 'Informational' },
  { level: 1, windowsName: 'Critical', exportedName: 'Critical', levelName: 'critical', severity: 'Alert' },
  { level: 2, windowsName: 'Error', exportedName: 'Error', levelName: 'error', severity: 'Error' },
  { level: 3, windowsName: 'Warning', exportedName: 'Warning', levelName: 'warning', severity: 'Warning' },
  { level: 4, windowsName: 'Informational', exportedName: 'Information', levelName: 'information', severity: 'Informational' },
  { level: 5, windowsName: 'Verbose', exportedName: 'Verbose', levelName: 'verbose', severity: 'Debug' },
] as const satisfies readonly LevelRow[]);

/**
 * **Proposal** (§3): levels 6–15 are reserved and 16–255 provider-defined; map them to
 * `information` → `Informational`. The same default is used for any value outside 0–255.
 */
const DEFAULT_LEVEL_NAME: LevelName = 'information';
const DEFAULT_SEVERITY: SeverityLabel = 'Informational';

/** Guide source value → normalized severity (§3, last two columns). */
export const LEVEL_NAME_SEVERITY: ReadonlyMap<LevelName, SeverityLabel> = new Map<LevelName, SeverityLabel>([
  ['critical', 'Alert'],
  ['error', 'Error'],
  ['warning', 'Warning'],
  ['information', 'Informational'],
  ['verbose', 'Debug'],
]);

const SEVERITY_BY_LEVEL: readonly SeverityLabel[] = Object.freeze(LEVEL_TABLE.map((r) => r.severity));
const NAME_BY_LEVEL: readonly LevelName[] = Object.freeze(LEVEL_TABLE.map((r) => r.levelName));

/**
 * Every accepted level name, keyed lower-case: the guide's source values plus the exported display
 * names of the §3 table (`Information`, `Informational`, `LogAlways`, …).
 */
const NAME_LOOKUP: ReadonlyMap<string, LevelName> = (() => {
  const m = new Map<string, LevelName>();
  for (const name of LEVEL_NAME_SEVERITY.keys()) m.set(name, name);
  for (const row of LEVEL_TABLE) {
    m.set(row.windowsName.toLowerCase(), row.levelName);
    m.set(row.exportedName.toLowerCase(), row.levelName);
  }
  // Also register the exact display spellings so the common case needs no lower-casing.
  for (const [k, v] of [...m]) m.set(k.charAt(0).toUpperCase() + k.slice(1), v);
  m.set('LogAlways', 'information');
  return m;
})();

function lookupLevelName(name: string): LevelName | undefined {
  return NAME_LOOKUP.get(name) ?? NAME_LOOKUP.get(name.toLowerCase());
}

/** Numeric Level → guide source value (`information` for 0 and, per the proposal, 6–255). */
export function levelToLevelName(level: number): LevelName {
  return NAME_BY_LEVEL[level] ?? DEFAULT_LEVEL_NAME;
}

/** Numeric Level → guide `deviceSeverity` (0→Informational, 1→Alert, …, 5→Debug, else Informational). */
export function levelToSeverityLabel(level: number): SeverityLabel {
  return SEVERITY_BY_LEVEL[level] ?? DEFAULT_SEVERITY;
}

/**
 * Level name (guide source value or exported display name, case-insensitive) → `deviceSeverity`.
 * Accepts critical, error, warning, information, verbose, Informational, LogAlways.
 */
export function levelNameToSeverityLabel(name: string): SeverityLabel | undefined {
  const levelName = lookupLevelName(name);
  return levelName === undefined ? undefined : LEVEL_NAME_SEVERITY.get(levelName);
}

/** Level name (as for {@link levelNameToSeverityLabel}) → the guide's source value. */
export function normalizeLevelName(name: string): LevelName | undefined {
  return lookupLevelName(name);
}

/** NXLog `Severity` (own scale) → level name, from "NXLog without Level/LevelValue" (§3). */
const NXLOG_SEVERITY: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['CRITICAL', 'critical'],
  ['ERROR', 'error'],
  ['WARNING', 'warning'],
  ['INFO', 'information'],
  ['DEBUG', 'verbose'],
  ['VERBOSE', 'verbose'],
]);

/** NXLog `SeverityValue` → its `Severity` name (§2C: 1 DEBUG, 2 INFO, 3 WARNING, 4 ERROR, 5 CRITICAL). */
const NXLOG_SEVERITY_VALUE: readonly (string | undefined)[] = Object.freeze([
  undefined,
  'DEBUG',
  'INFO',
  'WARNING',
  'ERROR',
  'CRITICAL',
]);

/**
 * Derive the level name from NXLog's `Severity` (or numeric `SeverityValue`) when the record has no
 * `Level`/`LevelValue` (§3): CRITICAL→critical; ERROR→error unless `EventType` is `AUDIT_FAILURE`
 * (NXLog maps Audit Failure to ERROR; then information); WARNING→warning; INFO→information;
 * DEBUG/VERBOSE→verbose. Case-insensitive; unknown values → undefined.
 */
export function nxlogSeverityToLevelName(severity: string | number | undefined, eventType?: string): LevelName | undefined {
  if (severity === undefined) return undefined;
  const sev = typeof severity === 'number' ? NXLOG_SEVERITY_VALUE[severity] : severity;
  if (sev === undefined) return undefined;
  const name = NXLOG_SEVERITY.get(sev) ?? NXLOG_SEVERITY.get(sev.toUpperCase());
  if (name === 'error' && eventType !== undefined && isAuditFailure(eventType)) return 'information';
  return name;
}

function isAuditFailure(eventType: string): boolean {
  return eventType === 'AUDIT_FAILURE' || eventType.toUpperCase() === 'AUDIT_FAILURE';
}

/**
 * **Proposal** (§3, only if a numeric 0–10 severity is required): Debug 1, Informational 3,
 * Warning 5, Error 7, Alert 9.
 */
export const SEVERITY_NUMBER: ReadonlyMap<SeverityLabel, number> = new Map<SeverityLabel, number>([
  ['Debug', 1],
  ['Informational', 3],
  ['Warning', 5],
  ['Error', 7],
  ['Alert', 9],
]);

/** **Proposal**: numeric 0–10 severity of a label (see {@link SEVERITY_NUMBER}). */
export function severityLabelToNumber(label: SeverityLabel): number {
  return SEVERITY_NUMBER.get(label) ?? 3;
}
