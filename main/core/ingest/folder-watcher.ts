/** chokidar behind a small interface: it only says which paths to look at (tailing.md §11). */
import { watch } from 'chokidar';
import { basename } from 'node:path';
import { isExportFileName } from './source-files.js';

export interface FolderWatcher {
  close(): Promise<void>;
}

export function watchFolders(folders: readonly string[], onPath: (path: string) => void, onError: (error: unknown) => void): FolderWatcher {
  const watcher = watch([...folders], {
    ignoreInitial: true,
    depth: 0,
    ignored: (path, stats) => stats?.isFile() === true && !isExportFileName(basename(path)),
    awaitWriteFinish: false,
    atomic: false,
    alwaysStat: false,
    followSymlinks: false,
    usePolling: false,
    persistent: true,
  });
  watcher.on('all', (_event, path) => {
    onPath(path);
  });
  watcher.on('error', onError);
  return { close: () => watcher.close() };
}
