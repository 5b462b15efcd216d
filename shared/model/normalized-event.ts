/**
 * The normalized event contract (design.md §3): keys are token names of the field catalog,
 * absent tokens are omitted, integers are numbers, IPs are text, eventTime is ISO-8601 UTC
 * with milliseconds, lists are arrays, coordinates are [lat, lon], deviceSeverity is the label.
 */
export type TokenValue = string | number | readonly string[] | readonly [number, number];

export type NormalizedEvent = Readonly<Record<string, TokenValue>>;

/** Per token, the source field that supplied the value (e.g. `Event.EventData.TargetUserName`). */
export type Provenance = Readonly<Record<string, string>>;
