/** Suggestions for an unknown token name (qql.md §7.1). */
import { QQL_TOKENS } from './tokens.js';

/** Aliases only suggest; they never resolve a name. Keys are normalized (see `normalize`). */
const ALIASES: Readonly<Record<string, string>> = {
  srcip: 'sourceIpv4', dstip: 'destinationIpv4', destip: 'destinationIpv4',
  srcport: 'sourcePort', dstport: 'destinationPort', destport: 'destinationPort',
  user: 'userName', account: 'userName',
  host: 'deviceName', hostname: 'deviceName', computer: 'deviceName',
  cmd: 'command', cmdline: 'command', commandline: 'command',
  image: 'processName', process: 'processName',
  time: 'eventTime', timestamp: 'eventTime', '@timestamp': 'eventTime',
  severity: 'deviceSeverity', level: 'deviceSeverity',
  eventid: 'externalId', tag: 'tags', msg: 'message',
};

const MAX_SUGGESTIONS = 3;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-.]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function osaDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let k = 0;
  for (let i = 0; i < haystack.length && k < needle.length; i++) if (haystack[i] === needle[k]) k++;
  return k === needle.length;
}

interface Candidate {
  readonly name: string;
  readonly tier: number;
  readonly distance: number;
}

/**
 * At most three token names for a name that is not in the catalogue: alias hits first, then names
 * within edit distance 2 (3 for typed names of 10+ characters), then names containing the typed
 * letters in order; within a tier by distance, then name.
 */
export function suggestTokens(typed: string): string[] {
  const key = normalize(typed);
  const best = new Map<string, Candidate>();
  const offer = (candidate: Candidate): void => {
    const known = best.get(candidate.name);
    if (known === undefined || candidate.tier < known.tier || (candidate.tier === known.tier && candidate.distance < known.distance)) {
      best.set(candidate.name, candidate);
    }
  };
  const alias = ALIASES[key];
  if (alias !== undefined) offer({ name: alias, tier: 1, distance: 0 });
  const limit = key.length >= 10 ? 3 : 2;
  for (const token of QQL_TOKENS) {
    const candidate = normalize(token.name);
    // the distance is at least the length difference: skip the quadratic work when that is already too far
    const nearEnough = Math.abs(candidate.length - key.length) <= limit;
    const distance = nearEnough ? osaDistance(key, candidate) : Infinity;
    if (distance <= limit) offer({ name: token.name, tier: 2, distance });
    else if (key.length >= 3 && key.length <= candidate.length && isSubsequence(key, candidate)) {
      offer({ name: token.name, tier: 3, distance: osaDistance(key, candidate) });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.tier - b.tier || a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.name);
}
