import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_ROOT } from './shared-folder.js';

export interface ManifestEntry {
  readonly file: string;
  readonly format: string;
  readonly records: number;
  readonly dirty: boolean;
}

/** The file table at the top of ../shared/samples/MANIFEST.md. */
export function readManifest(): ManifestEntry[] {
  const text = readFileSync(join(SAMPLES_ROOT, 'MANIFEST.md'), 'utf8');
  const entries: ManifestEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^\| `([^`]+)` \| ([^|]+) \| [^|]+ \| (\d+) \|/.exec(line);
    if (match === null) continue;
    const [, file = '', format = '', records = '0'] = match;
    entries.push({ file, format: format.trim(), records: Number(records), dirty: format.includes('DIRTY') });
  }
  return entries;
}

/** Byte offsets of the starts of the given 1-based line numbers (LF-framed files). */
export function lineOffsets(path: string, lineNumbers: readonly number[]): number[] {
  const bytes = readFileSync(path);
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return lineNumbers.map((n) => starts[n - 1] ?? -1);
}
