/** The destination folder of an export: created when missing, refused when it holds other work. */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isExportFile } from './batch-naming.js';

export class ExportFolderError extends Error {
  override readonly name = 'ExportFolderError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Makes `folder` ready for a new export. A non-empty folder is refused unless `force`; with it, the
 * files of an earlier export (batches, manifest, `.partial` leftovers) are removed and anything
 * else is left where it is.
 */
export async function prepareExportFolder(folder: string, force: boolean): Promise<void> {
  const existing = await stat(folder).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ExportFolderError(`cannot use ${folder}: ${describe(error)}`);
  });
  if (existing === undefined) {
    await mkdir(folder, { recursive: true }).catch((error: unknown) => {
      throw new ExportFolderError(`cannot create the folder ${folder}: ${describe(error)}`);
    });
    return;
  }
  if (!existing.isDirectory()) throw new ExportFolderError(`${folder} is not a folder`);
  const names = await readdir(folder).catch((error: unknown) => {
    throw new ExportFolderError(`cannot read the folder ${folder}: ${describe(error)}`);
  });
  if (names.length === 0) return;
  if (!force) throw new ExportFolderError(`${folder} is not empty (${names.length} entries); choose an empty folder or pass --force to write into it`);
  for (const name of names.filter(isExportFile)) {
    await rm(join(folder, name), { force: true }).catch((error: unknown) => {
      throw new ExportFolderError(`cannot remove ${name} of an earlier export from ${folder}: ${describe(error)}`);
    });
  }
}
