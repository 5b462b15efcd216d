import { isPlainObject, own } from './source-record.js';

/** Collapses a key for case- and space-insensitive matching (`ProviderContext Name` ≡ `providercontextname`). */
export function foldKey(key: string): string {
  return key.replace(/\s+/g, '').toLowerCase();
}

/**
 * Key lookup over one object: exact case first, then case- and space-insensitive
 * (windows-events.md §1.3: `Hostname`/`HostName`, but `ProcessID` vs `ProcessId` keeps exact case).
 */
export class FoldedKeys {
  private index: Map<string, string> | undefined;

  constructor(private readonly object: Record<string, unknown>) {}

  key(name: string): string | undefined {
    if (Object.hasOwn(this.object, name)) return name;
    this.index ??= buildIndex(this.object);
    return this.index.get(foldKey(name));
  }

  get(name: string): unknown {
    const key = this.key(name);
    return key === undefined ? undefined : own(this.object, key);
  }
}

function buildIndex(object: Record<string, unknown>): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of Object.keys(object)) {
    const folded = foldKey(key);
    if (!index.has(folded)) index.set(folded, key);
  }
  return index;
}

/** Reads a dotted path (`winlog.event_data.X`) through own properties only. */
export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  let start = 0;
  while (start <= path.length) {
    if (!isPlainObject(current)) return undefined;
    const dot = path.indexOf('.', start);
    const end = dot < 0 ? path.length : dot;
    current = own(current, path.slice(start, end));
    if (dot < 0) return current;
    start = dot + 1;
  }
  return current;
}
