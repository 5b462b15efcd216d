/** One exported event, read through its shape: header values and EventData, each with the path it came from. */

export const SHAPES = ['evtx-json', 'powershell', 'nxlog', 'winlogbeat', 'qualys-flat'] as const;
export type Shape = (typeof SHAPES)[number];

export interface Sourced {
  readonly value: unknown;
  /** where the value sits in the source record, e.g. `Event.EventData.TargetUserName` */
  readonly path: string;
}

/** The System/header part of an event, as found (not yet coerced). */
export interface EventHeader {
  readonly eventId?: Sourced;
  readonly provider?: Sourced;
  readonly providerGuid?: Sourced;
  readonly channel?: Sourced;
  readonly computer?: Sourced;
  readonly time?: Sourced;
  /** numeric level (0–255) */
  readonly level?: Sourced;
  /** level as a name (information, Warning, …) */
  readonly levelName?: Sourced;
  readonly task?: Sourced;
  readonly taskName?: Sourced;
  /** keyword mask: hex string, signed/unsigned decimal */
  readonly keywords?: Sourced;
  /** keyword display names (array or single string) */
  readonly keywordNames?: Sourced;
  readonly recordId?: Sourced;
  readonly version?: Sourced;
  readonly executionPid?: Sourced;
  readonly userSid?: Sourced;
  readonly userDomain?: Sourced;
  readonly message?: Sourced;
}

export interface SourceRecord {
  readonly shape: Shape;
  readonly header: EventHeader;
  /** EventData (or flattened UserData) value by its name */
  data(name: string): Sourced | undefined;
  /** shape E only: a field by its guide name (spaces and case ignored) */
  flat(name: string): Sourced | undefined;
  /** shape D only: a value by dotted ECS path (`source.ip`) */
  ecs(path: string): Sourced | undefined;
  /** set when EventData could not be read in full (PowerShell depth loss, unknown template) */
  readonly degraded?: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read that never walks the prototype chain (`__proto__`, `constructor` are plain keys). */
export function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function sourced(value: unknown, path: string): Sourced | undefined {
  return value === undefined ? undefined : { value, path };
}

/** Interns `prefix + name` paths so the hot path does not build the same strings for every event. */
export class PathCache {
  private readonly paths = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  of(name: string): string {
    let path = this.paths.get(name);
    if (path === undefined) {
      path = this.prefix + name;
      if (this.paths.size < 10_000) this.paths.set(name, path);
    }
    return path;
  }
}
