/**
 * Follows folders of exported files until stopped (tailing.md): a startup scan, watcher events
 * and a periodic reconciliation scan (the source of truth) queue paths; one file at a time is
 * read from its checkpoint, at most `maxBytesPerTurn` per turn, round-robin. Each folder is watched
 * the way that suits it (folder-watch.ts) and falls back to polling when its watcher fails.
 */
import type Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { failpoint } from '../failpoint.js';
import type { BatchNormalizer } from '../normalize/batch-normalizer.js';
import type { NormalizeOptions } from '../normalize/normalizer.js';
import { EventStore } from '../store/event-store.js';
import type { RetentionPolicy } from '../store/retention.js';
import { readRetention, RetentionEnforcer } from '../store/retention.js';
import type { FileIngestResult } from './file-ingestor.js';
import { ingestFile, planFile } from './file-ingestor.js';
import { type FolderWatcher, MAX_FILES_FOR_WATCHER, watchFolder, type WatchFolder, type WatchMode } from './folder-watch.js';
import { isNetworkFolder } from './network-folder.js';
import { expandSources } from './source-files.js';
import { SourceRegistry } from './source-registry.js';

export interface TailerOptions {
  readonly normalize: NormalizeOptions;
  /** who normalizes the batches (default: this thread) */
  readonly normalizer?: BatchNormalizer;
  readonly maxRecordBytes?: number;
  /** how often a watched folder is listed again, whatever its watcher says (default 10 s) */
  readonly scanIntervalMs?: number;
  /** how often a folder without a watcher is listed (default 2 s) */
  readonly pollIntervalMs?: number;
  /** poll every folder, watch none (shares the system does not report as network folders) */
  readonly polling?: boolean;
  /** first wait before a failed watcher is created again; doubles up to 5 minutes (default 5 s) */
  readonly watcherRetryMs?: number;
  /** a final line without a line end is taken once the file has not changed for this long */
  readonly finalLineSettleMs?: number;
  readonly maxBytesPerTurn?: number;
  readonly watchFolder?: WatchFolder;
  readonly onFile?: (result: FileIngestResult) => void;
  readonly onError?: (path: string, error: unknown) => void;
  /** a folder's watch mode changed (observability, tailing.md §12) */
  readonly onWatchMode?: (folder: string, mode: WatchMode, reason: string) => void;
  /** the database has refused writes this long: health turns degraded (default 1 minute, tailing.md §9) */
  readonly degradedAfterMs?: number;
  readonly onHealth?: (health: TailerHealth, reason: string) => void;
}

export type TailerHealth = 'ok' | 'degraded';

/** Database errors that pass: a lock held too long, a full disk, an I/O error (tailing.md §9). */
const STORAGE_RETRY = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;
const MAX_STORAGE_RETRY_MS = 30_000;

interface WatchedFolder {
  readonly folder: string;
  /** how the folder is watched while all is well */
  preferred: WatchMode;
  mode: WatchMode;
  watcher: FolderWatcher | undefined;
  lastScan: number;
  scanning: boolean;
  retryMs: number;
  rescan: NodeJS.Timeout | undefined;
}

const MAX_WATCHER_RETRY_MS = 300_000;

export interface TailerTotals {
  stored: number;
  duplicates: number;
  quarantined: number;
}

const TRANSIENT = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN', 'EMFILE', 'ENFILE']);

export class Tailer {
  private readonly store: EventStore;
  private readonly registry: SourceRegistry;
  private readonly retention: RetentionEnforcer;
  private policy: RetentionPolicy;
  private readonly queue = new Set<string>();
  private readonly retryDelay = new Map<string, number>();
  private readonly tails = new Map<string, { size: number; mtimeMs: number; since: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly watched: WatchedFolder[];
  private readonly debounce = new Map<string, NodeJS.Timeout>();
  private scanTimer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  /** while the database refuses writes: since when, the current wait, and until when reading pauses */
  private storageFailure: { since: number; delayMs: number; pausedUntil: number } | undefined;
  private healthState: TailerHealth = 'ok';
  /** after the startup scan, scans skip files unchanged since their checkpoint */
  private started = false;
  private readonly stopping = new AbortController();
  readonly totals: TailerTotals = { stored: 0, duplicates: 0, quarantined: 0 };

  constructor(db: Database.Database, private readonly folders: readonly string[], private readonly options: TailerOptions) {
    this.store = new EventStore(db);
    this.registry = new SourceRegistry(db);
    this.retention = new RetentionEnforcer(db);
    this.policy = readRetention(db);
    this.watched = folders.map((folder) => ({
      folder: resolve(folder), preferred: 'polling', mode: 'polling', watcher: undefined, lastScan: 0, scanning: false,
      retryMs: options.watcherRetryMs ?? 5000, rescan: undefined,
    }));
  }

  get health(): TailerHealth {
    return this.healthState;
  }

  /** How each folder is watched right now. */
  watchModes(): ReadonlyMap<string, WatchMode> {
    return new Map(this.watched.map((w) => [w.folder, w.mode]));
  }

  /** Startup scan first (files that existed before start are never skipped), then watchers and the periodic scans. */
  async start(): Promise<void> {
    const present = await this.scan();
    this.started = true;
    // stop() may have come during the startup scan: then nothing more is started
    if (this.stopping.signal.aborted) return;
    for (const state of this.watched) {
      const files = [...present].filter((file) => dirname(file) === state.folder).length;
      if (this.options.polling === true) state.preferred = 'polling';
      else if (await isNetworkFolder(state.folder)) state.preferred = 'polling';
      else state.preferred = files > MAX_FILES_FOR_WATCHER ? 'folder-events' : 'watcher';
      const reason = this.options.polling === true ? 'polling asked for' : state.preferred === 'polling' ? 'network folder' : `${files} files`;
      this.startWatching(state, reason);
    }
    // what was created between the startup scan and the watchers being ready is found now, not at the next scan
    const watching = this.watched.filter((w) => w.watcher !== undefined);
    await Promise.all(watching.flatMap((w) => (w.watcher === undefined ? [] : [w.watcher.ready])));
    if (watching.length > 0) await this.scan(watching);
    if (this.stopping.signal.aborted) return;
    const scanMs = this.options.scanIntervalMs ?? 10_000;
    const pollMs = this.options.pollIntervalMs ?? 2000;
    this.scanTimer = setInterval(() => {
      const now = Date.now();
      const due = this.watched.filter((w) => !w.scanning && now - w.lastScan >= (w.mode === 'polling' ? pollMs : scanMs) - 20);
      if (due.length > 0) void this.scan(due);
    }, Math.min(scanMs, pollMs));
  }

  /** Stops at the next batch boundary; everything committed stays committed. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.scanTimer !== undefined) clearInterval(this.scanTimer);
    for (const timer of [...this.timers, ...this.debounce.values()]) clearTimeout(timer);
    this.timers.clear();
    this.debounce.clear();
    for (const state of this.watched) {
      if (state.rescan !== undefined) clearTimeout(state.rescan);
      const watcher = state.watcher;
      state.watcher = undefined;
      await watcher?.close();
    }
    await this.pumping;
  }

  /** Resolves when the queue is empty and nothing is being read (used by tests and one-shot callers). */
  async idle(): Promise<void> {
    while (this.pumping !== undefined) await this.pumping;
  }

  /** Lists folders (all by default), queues every export file and notes the ones gone; returns the files present. */
  async scan(folders: readonly WatchedFolder[] = this.watched): Promise<Set<string>> {
    const present = new Set<string>();
    if (this.stopping.signal.aborted) return present;
    for (const state of folders) state.scanning = true;
    try {
      this.policy = readRetention(this.store.database);
      this.applyRetention();
      const { files } = await expandSources(folders.map((w) => w.folder));
      for (const file of files) present.add(resolve(file));
      // classify everything before reading anything, so a copy is recognized before its original is truncated
      for (const file of present) if (!this.started || !(await this.unchanged(file))) this.enqueue(file);
      // renames are recorded when their new path is read: look for vanished files only after that
      await this.idle();
      if (this.stopping.signal.aborted) return present;
      const { lostBytes } = this.registry.markMissing(folders.map((w) => w.folder), present, Date.now());
      if (lostBytes > 0) this.options.onError?.(folders.map((w) => w.folder).join(', '), new Error(`${lostBytes} bytes of a file deleted or moved away before they were read are lost`));
      return present;
    } finally {
      for (const state of folders) {
        state.scanning = false;
        state.lastScan = Date.now();
      }
    }
  }

  /** Only a stat: a file whose ID, size and time are those of its last checkpoint is not read again. */
  private async unchanged(path: string): Promise<boolean> {
    if (this.tails.has(path) || this.queue.has(path)) return false;
    try {
      const info = await stat(path, { bigint: true });
      return this.registry.unchangedSinceCheckpoint(path, { dev: info.dev.toString(), ino: info.ino.toString(), size: Number(info.size), mtimeMs: Number(info.mtimeMs) });
    } catch {
      return false;
    }
  }

  private setMode(state: WatchedFolder, mode: WatchMode, reason: string): void {
    if (state.mode === mode) return;
    state.mode = mode;
    this.options.onWatchMode?.(state.folder, mode, reason);
  }

  /** `again`: after a failure, when what changed meanwhile is found by listing the folder once it is ready */
  private startWatching(state: WatchedFolder, reason: string, again = false): void {
    if (this.stopping.signal.aborted) return;
    const preferred = state.preferred;
    if (preferred === 'polling') {
      state.mode = 'polling';
      this.options.onWatchMode?.(state.folder, 'polling', reason);
      return;
    }
    let watcher: FolderWatcher | undefined;
    const failed = (error: unknown): void => {
      // one failure per watcher: a watcher may report several errors before it is closed
      if (watcher === undefined || state.watcher !== watcher) return;
      this.watcherFailed(state, error);
    };
    try {
      watcher = (this.options.watchFolder ?? watchFolder)(state.folder, preferred, {
        onPath: (path) => {
          this.queueSoon(path);
        },
        onRescan: () => {
          this.rescanSoon(state);
        },
        onError: failed,
      });
      state.watcher = watcher;
      this.setMode(state, preferred, reason);
      if (again) {
        const made = watcher;
        void made.ready.then(() => {
          if (state.watcher === made) this.rescanSoon(state);
        });
      }
    } catch (error) {
      state.watcher = undefined;
      this.watcherFailed(state, error);
    }
  }

  /** The folder is polled until a new watcher can be made, tried again with a growing wait. */
  private watcherFailed(state: WatchedFolder, error: unknown): void {
    const watcher = state.watcher;
    state.watcher = undefined;
    void watcher?.close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    this.options.onError?.(state.folder, new Error(`watcher failed (${message}); polling the folder until it can be watched again`));
    state.mode = 'polling';
    this.options.onWatchMode?.(state.folder, 'polling', `watcher failed: ${message}`);
    const wait = state.retryMs;
    state.retryMs = Math.min(MAX_WATCHER_RETRY_MS, wait * 2);
    this.later(() => {
      if (state.watcher === undefined) this.startWatching(state, 'watcher created again', true);
    }, wait);
  }

  /** Watcher events come in bursts: a path is queued once it has been quiet for 100 ms. */
  private queueSoon(path: string): void {
    const pending = this.debounce.get(path);
    if (pending !== undefined) clearTimeout(pending);
    this.debounce.set(path, setTimeout(() => {
      this.debounce.delete(path);
      this.enqueue(resolve(path));
    }, 100));
  }

  private rescanSoon(state: WatchedFolder): void {
    if (state.rescan !== undefined || this.stopping.signal.aborted) return;
    state.rescan = setTimeout(() => {
      state.rescan = undefined;
      if (!state.scanning) void this.scan([state]);
    }, 100);
  }

  private enqueue(path: string): void {
    if (this.stopping.signal.aborted) return;
    this.queue.add(path);
    this.pumping ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.size > 0 && !this.stopping.signal.aborted) await this.pump();
    } finally {
      this.pumping = undefined;
    }
  }

  private later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  /** One round over the queued paths: classify them all, then read each for one turn. */
  private async pump(): Promise<void> {
    const plans = new Map<string, Awaited<ReturnType<typeof planFile>>>();
    const round = [...this.queue];
    for (const path of round) {
      try {
        failpoint('scan.classify');
        plans.set(path, await planFile(path, this.registry));
      } catch {
        // handled when read
      }
    }
    for (const path of round) {
      await this.pauseWhileStorageFails();
      if (this.stopping.signal.aborted) return;
      this.queue.delete(path);
      await this.readTurn(path, plans.get(path));
      this.applyRetention();
    }
  }

  private async readTurn(path: string, plan: Awaited<ReturnType<typeof planFile>> | undefined): Promise<void> {
    try {
      const info = await stat(path);
      const tail = this.tails.get(path);
      const settled = tail !== undefined && tail.size === info.size && tail.mtimeMs === info.mtimeMs
        && Date.now() - tail.since >= (this.options.finalLineSettleMs ?? 30_000);
      const result = await ingestFile(path, this.store, this.registry, {
        normalize: this.options.normalize,
        ...(this.options.normalizer !== undefined && { normalizer: this.options.normalizer }),
        final: settled ? 'if-complete' : false,
        maxBytes: this.options.maxBytesPerTurn ?? 1024 * 1024,
        signal: this.stopping.signal,
        ...(this.options.maxRecordBytes !== undefined && { maxRecordBytes: this.options.maxRecordBytes }),
      }, plan);
      this.retryDelay.delete(path);
      this.storageRecovered();
      this.totals.stored += result.stored;
      this.totals.duplicates += result.duplicates;
      this.totals.quarantined += result.quarantined;
      if (result.stored + result.duplicates + result.quarantined > 0) this.options.onFile?.(result);
      if (result.more) this.enqueue(path);
      else if (result.pendingBytes > 0) this.watchTail(path, info.size, info.mtimeMs, tail);
      else this.tails.delete(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== undefined && STORAGE_RETRY.test(code)) {
        this.storageFailed(path, error);
        return;
      }
      if (code !== undefined && TRANSIENT.has(code)) {
        const delay = Math.min(5000, (this.retryDelay.get(path) ?? 25) * 2);
        this.retryDelay.set(path, delay);
        this.later(() => { this.enqueue(path); }, delay);
        return;
      }
      this.options.onError?.(path, error);
    }
  }

  /**
   * The batch was rolled back with its checkpoint: nothing advanced. Reading pauses and the file is
   * tried again after 100 ms, doubling up to 30 s; after `degradedAfterMs` health turns degraded.
   */
  private storageFailed(path: string, error: unknown): void {
    const now = Date.now();
    const message = error instanceof Error ? error.message : String(error);
    const failure = this.storageFailure;
    if (failure === undefined) {
      this.storageFailure = { since: now, delayMs: 100, pausedUntil: now + 100 };
      this.options.onError?.(path, new Error(`the database refused the write (${message}); reading paused, retrying`));
    } else {
      failure.delayMs = Math.min(MAX_STORAGE_RETRY_MS, failure.delayMs * 2);
      failure.pausedUntil = now + failure.delayMs;
      if (this.healthState === 'ok' && now - failure.since >= (this.options.degradedAfterMs ?? 60_000)) {
        this.healthState = 'degraded';
        this.options.onHealth?.('degraded', `the database has refused writes for ${Math.round((now - failure.since) / 1000)} s: ${message}`);
      }
    }
    this.enqueue(path);
  }

  private storageRecovered(): void {
    if (this.storageFailure === undefined) return;
    this.storageFailure = undefined;
    if (this.healthState === 'degraded') {
      this.healthState = 'ok';
      this.options.onHealth?.('ok', 'the database takes writes again');
    }
  }

  private async pauseWhileStorageFails(): Promise<void> {
    const wait = (this.storageFailure?.pausedUntil ?? 0) - Date.now();
    if (wait <= 0 || this.stopping.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      this.stopping.signal.addEventListener('abort', done, { once: true });
    });
  }

  /** One small retention step between turns: deletes never hold the writer for long. */
  private applyRetention(): void {
    if (this.policy.maxAgeDays === undefined && this.policy.maxBytes === undefined) return;
    if (this.retention.step(this.policy, Date.now()) > 0) this.later(() => { this.applyRetention(); }, 0);
  }

  /** A partial last line: look again once it could have settled. */
  private watchTail(path: string, size: number, mtimeMs: number, previous: { size: number; mtimeMs: number; since: number } | undefined): void {
    const unchanged = previous !== undefined && previous.size === size && previous.mtimeMs === mtimeMs;
    this.tails.set(path, unchanged ? previous : { size, mtimeMs, since: Date.now() });
    this.later(() => { this.enqueue(path); }, (this.options.finalLineSettleMs ?? 30_000) + 50);
  }
}
