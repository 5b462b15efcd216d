/**
 * The same Windows event exported in two shapes normalizes to the same tokens.
 *
 * samples/README.md: the evtx-json, powershell, qualys-flat and winlogbeat files hold the same records.
 * For every record of powershell, qualys-flat or winlogbeat that also exists in evtx-json (matched on
 * computer + record id + provider), every token that both normalized events carry must have the same
 * value — except the (shape, token) pairs of ALLOWED_DIFFERENCES, where the shapes carry different data.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../../../../../../main/core/normalize/source-record.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../../../helpers/shared-folder.js';
import type { EventValue, Json } from './golden-helpers.js';
import { identityOf, jsonLines, normalizeOk, powerShellRecords } from './golden-helpers.js';

type OtherShape = 'powershell' | 'qualys-flat' | 'winlogbeat';

interface AllowedDifference {
  readonly shape: OtherShape;
  readonly token: string;
  /** only for these event IDs (all events when absent) */
  readonly eventIds?: readonly number[];
  readonly reason: string;
}

const WFP_CONNECTION_EVENTS = [5152, 5153, 5154, 5155, 5156, 5157, 5158, 5159];

/** Each entry is a place where the sample files genuinely carry different data (samples/README.md). */
const ALLOWED_DIFFERENCES: readonly AllowedDifference[] = [
  {
    shape: 'winlogbeat',
    token: 'winlogHostname',
    reason: 'README §5: host.name is the collecting agent\'s lower-case short name, not the event\'s Computer',
  },
  {
    shape: 'winlogbeat',
    token: 'winLogProperties',
    reason: 'README §5: in event_data CRLF is turned into LF and line ends at the very end are removed (4661/4662 Properties are multi-line)',
  },
  {
    shape: 'winlogbeat',
    token: 'permissions',
    eventIds: [4661],
    reason: 'README §5: control characters in event_data come out as the text "\\u0094\\ufffd\\u0002" (the 4661 PrivilegeList values are the README\'s own example)',
  },
  {
    shape: 'qualys-flat',
    token: 'category',
    reason: 'README §4: the flat reconstruction puts the channel into cat (the guide leaves it undefined)',
  },
  {
    shape: 'qualys-flat',
    token: 'sourceHost',
    reason: 'README §4: src is WorkstationName, else IpAddress / SourceAddress / SourceIp',
  },
  {
    shape: 'qualys-flat',
    token: 'processId',
    eventIds: WFP_CONNECTION_EVENTS,
    reason: 'README §4: flat ProcessID is the System Execution PID, so the WFP EventData field of the same name is not in the record',
  },
  {
    shape: 'qualys-flat',
    token: 'eventName',
    reason: 'README §4: flat records carry the rendered first message line; evtx-json lines carry no rendered message (README §1), so eventName there is the catalog title',
  },
  {
    shape: 'powershell',
    token: 'eventName',
    reason: 'README §2: Message holds the rendered first line (e.g. "Creating Scriptblock text (1 of 1):"); evtx-json has none, so eventName there is the catalog title',
  },
];

/**
 * eventId is compared too: it is built from the record's natural identity (computer, provider, record id,
 * time to the millisecond), so the same event exported in two shapes is stored once.
 */
const NOT_COMPARED = new Set<string>();

function allowed(shape: OtherShape, token: string, eventId: number): boolean {
  return ALLOWED_DIFFERENCES.some((entry) =>
    entry.shape === shape && entry.token === token && (entry.eventIds === undefined || entry.eventIds.includes(eventId)));
}

function key(identity: { computer: string; recordId: number; provider: string }): string {
  return `${identity.computer}|${identity.recordId}|${identity.provider}`;
}

function files(folder: string): string[] {
  return readdirSync(join(SAMPLES_ROOT, folder)).sort().map((name) => `${folder}/${name}`);
}

function recordsOf(shape: Shape, file: string): Json[] {
  return shape === 'powershell' ? powerShellRecords(file) : jsonLines(file);
}

interface Pair {
  readonly label: string;
  readonly shape: OtherShape;
  readonly eventId: number;
  readonly evtx: Json;
  readonly other: Json;
}

function pairs(): Pair[] {
  const evtxByKey = new Map<string, Json>();
  for (const file of files('evtx-json')) {
    for (const record of recordsOf('evtx-json', file)) {
      const identity = identityOf('evtx-json', record);
      if (identity !== undefined && !evtxByKey.has(key(identity))) evtxByKey.set(key(identity), record);
    }
  }
  const found: Pair[] = [];
  const others: readonly OtherShape[] = ['powershell', 'qualys-flat', 'winlogbeat'];
  for (const shape of others) {
    for (const file of files(shape)) {
      for (const record of recordsOf(shape, file)) {
        const identity = identityOf(shape, record);
        if (identity === undefined) continue;
        const evtx = evtxByKey.get(key(identity));
        if (evtx === undefined) continue;
        found.push({ label: `${file} ${identity.computer} #${identity.recordId} (${identity.provider}:${identity.eventId})`, shape, eventId: identity.eventId, evtx, other: record });
      }
    }
  }
  return found;
}

const PAIRS = sharedAvailable() ? pairs() : [];

describe.skipIf(!sharedAvailable())('golden: the same record in two shapes', () => {
  it('finds the shared records of every shape', () => {
    const byShape = (shape: OtherShape): number => PAIRS.filter((pair) => pair.shape === shape).length;
    // MANIFEST.md: qualys-flat and winlogbeat hold exactly the evtx-json records; PowerShell holds them per log
    expect(byShape('qualys-flat')).toBeGreaterThanOrEqual(200);
    expect(byShape('winlogbeat')).toBeGreaterThanOrEqual(200);
    expect(byShape('powershell')).toBeGreaterThanOrEqual(200);
  });

  it.each(PAIRS.map((pair) => [pair.label, pair] as const))('%s', (_label, pair) => {
    const evtx = normalizeOk(pair.evtx, 'evtx-json').event;
    const other = normalizeOk(pair.other, pair.shape).event;
    const differences: Record<string, { 'evtx-json': EventValue; [shape: string]: EventValue }> = {};
    for (const [token, value] of Object.entries(other)) {
      if (NOT_COMPARED.has(token) || allowed(pair.shape, token, pair.eventId)) continue;
      const evtxValue = evtx[token];
      if (evtxValue === undefined) continue;
      if (JSON.stringify(evtxValue) !== JSON.stringify(value)) differences[token] = { 'evtx-json': evtxValue, [pair.shape]: value };
    }
    expect(differences).toEqual({});
  });
});
