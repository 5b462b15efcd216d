import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ExportManifest } from '../../main/core/export/export-service.js';

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function readManifest(folder: string): ExportManifest {
  return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as ExportManifest;
}

/** The events of a JSONL or gzip'd JSONL batch file, one parsed object per line. */
export function readBatchLines(path: string): string[] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error(`${path} does not end with a line end`);
  return text.slice(0, -1).split('\n');
}

/** Name → SHA-256 of every file in a folder. */
export function folderHashes(folder: string): Map<string, string> {
  return new Map(readdirSync(folder).sort().map((name) => [name, sha256Of(join(folder, name))]));
}
