/**
 * How a folder's changes are noticed (tailing.md §11). Watchers only say where to look: every event
 * queues a path (or, without a file name, a new listing of the folder); the scans stay the truth.
 *  - `watcher`: chokidar (one watch per file), for ordinary folders;
 *  - `folder-events`: one `fs.watch` on the folder, for folders of more than 500 files;
 *  - `polling`: no watcher, a scan every 2 s — network shares, and any folder whose watcher failed.
 */
import { watch as chokidarWatch } from 'chokidar';
import { watch as fsWatch } from 'node:fs';
import { basename, join } from 'node:path';
import { isExportFileName } from './source-files.js';

export type WatchMode = 'watcher' | 'folder-events' | 'polling';

export interface FolderWatchHandlers {
  /** a file to look at */
  readonly onPath: (path: string) => void;
  /** an event without a file name (a Windows buffer overflow): list the folder again */
  readonly onRescan: () => void;
  readonly onError: (error: unknown) => void;
}

export interface FolderWatcher {
  /** resolves once changes are being reported (chokidar lists the folder first) */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export type WatchFolder = (folder: string, mode: Exclude<WatchMode, 'polling'>, handlers: FolderWatchHandlers) => FolderWatcher;

/** Above this many export files in a folder, chokidar's watch per file gives way to one folder watch. */
export const MAX_FILES_FOR_WATCHER = 500;

function chokidarWatcher(folder: string, handlers: FolderWatchHandlers): FolderWatcher {
  const watcher = chokidarWatch(folder, {
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
    handlers.onPath(path);
  });
  watcher.on('error', handlers.onError);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => { resolve(); }));
  return { ready, close: () => watcher.close() };
}

function folderEventsWatcher(folder: string, handlers: FolderWatchHandlers): FolderWatcher {
  const watcher = fsWatch(folder, { persistent: true }, (_event, name) => {
    if (name === null) handlers.onRescan();
    else if (isExportFileName(name)) handlers.onPath(join(folder, name));
  });
  watcher.on('error', handlers.onError);
  return {
    ready: Promise.resolve(),
    close: () => {
      watcher.close();
      return Promise.resolve();
    },
  };
}

export const watchFolder: WatchFolder = (folder, mode, handlers) => (mode === 'watcher' ? chokidarWatcher(folder, handlers) : folderEventsWatcher(folder, handlers));
