/** The manifest of an export (design.md §5), written last, under a temporary name, then renamed. */
import { open } from 'node:fs/promises';
import { BatchFile } from './batch-file.js';
import { type ExportFormat, MANIFEST_NAME } from './batch-naming.js';

export interface ManifestFile {
  readonly name: string;
  readonly events: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly firstEventTime: string;
  readonly lastEventTime: string;
}

export interface ExportManifest {
  readonly query: string;
  readonly format: ExportFormat;
  readonly customerId: string | null;
  readonly exportedAt: string;
  readonly events: number;
  readonly fields?: readonly string[];
  readonly files: readonly ManifestFile[];
}

export async function writeManifest(folder: string, manifest: ExportManifest): Promise<void> {
  const file = await BatchFile.create(folder, MANIFEST_NAME, false);
  try {
    await file.write(`${JSON.stringify(manifest, null, 2)}\n`);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/** Makes the renames durable where folders can be opened and synced (not on Windows, where rename is). */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // best effort
  }
}
