/** Which files of a folder are event exports (design.md §1.1): `.json`, `.jsonl`, `.ndjson`, also with a rotation suffix. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const EXPORT_NAME = /\.(json|jsonl|ndjson)(\.[^\\/]+)?$/i;

export function isExportFileName(name: string): boolean {
  return EXPORT_NAME.test(name);
}

/** Files named on the command line are taken as they are; folders contribute their matching files, sorted. */
export async function expandSources(paths: readonly string[]): Promise<{ files: string[]; missing: { path: string; error: string }[] }> {
  const files: string[] = [];
  const missing: { path: string; error: string }[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const entries = await readdir(path, { withFileTypes: true });
        const names = entries.filter((e) => e.isFile() && isExportFileName(e.name)).map((e) => e.name).sort();
        files.push(...names.map((name) => join(path, name)));
      } else {
        files.push(path);
      }
    } catch (error) {
      missing.push({ path, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { files, missing };
}
