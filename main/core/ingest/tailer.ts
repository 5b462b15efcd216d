/**
 * Follows folders of exported files until stopped (tailing.md): a startup scan, chokidar events
 * and a periodic reconciliation scan (the source of truth) queue paths; one file at a time is
 * read from its checkpoint, at most `maxBytesPerTurn` per turn, round-robin.
 */
import type Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { failpoint } from '../failpoint.js';
import type { NormalizeOptions } from '../normalize/normalizer.js';
import { EventStore } from '../store/event-store.js';
import type { RetentionPolicy } from '../store/retention.js';
import { readRetention, RetentionEnforcer } from '../store/retention.js';
import type { FileIngestResult } from './file-ingestor.js';
import { ingestFile, planFile } from './file-ingestor.js';
import type { FolderWatcher } from './folder-watcher.js';
import { watchFolders } from './folder-watcher.js';
import { expandSources } from './source-files.js';
import { SourceRegistry } from './source-registry.js';

export interface TailerOptions {
  readonly normalize: NormalizeOptions;
  readonly maxRecordBytes?: number;
  readonly scanIntervalMs?: number;
  /** a final line without a line end is taken once the file has not changed for this long */
  readonly finalLineSettleMs?: number;
  readonly maxBytesPerTurn?: number;
  readonly useWatcher?: boolean;
  readonly onFile?: (result: FileIngestResult) => void;
  readonly onError?: (path: string, error: unknown) => void;
}

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
  private watcher: FolderWatcher | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  readonly totals: TailerTotals = { stored: 0, duplicates: 0, quarantined: 0 };

  constructor(db: Database.Database, private readonly folders: readonly string[], private readonly options: TailerOptions) {
    this.store = new EventStore(db);
    this.registry = new SourceRegistry(db);
    this.retention = new RetentionEnforcer(db);
    this.policy = readRetention(db);
  }

  /** Startup scan first (files that existed before start are never skipped), then watchers and the periodic scan. */
  async start(): Promise<void> {
    await this.scan();
    // stop() may have come during the startup scan: then nothing more is started
    if (this.stopping.signal.aborted) return;
    if (this.options.useWatcher !== false) this.startWatcher();
    const interval = this.options.scanIntervalMs ?? 10_000;
    this.scanTimer = setInterval(() => {
      void this.scan();
    }, interval);
  }

  /** Stops at the next batch boundary; everything committed stays committed. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.scanTimer !== undefined) clearInterval(this.scanTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.watcher?.close();
    this.watcher = undefined;
    await this.pumping;
  }

  /** Resolves when the queue is empty and nothing is being read (used by tests and one-shot callers). */
  async idle(): Promise<void> {
    while (this.pumping !== undefined) await this.pumping;
  }

  async scan(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.policy = readRetention(this.store.database);
    this.applyRetention();
    const { files } = await expandSources(this.folders);
    const present = new Set(files.map((file) => resolve(file)));
    // classify everything before reading anything, so a copy is recognized before its original is truncated
    for (const file of present) this.enqueue(file);
    // renames are recorded when their new path is read: look for vanished files only after that
    await this.idle();
    if (this.stopping.signal.aborted) return;
    const { lostBytes } = this.registry.markMissing(this.folders.map((folder) => resolve(folder)), present, Date.now());
    if (lostBytes > 0) this.options.onError?.(this.folders.join(', '), new Error(`${lostBytes} bytes of a file deleted or moved away before they were read are lost`));
  }

  private startWatcher(): void {
    const debounce = new Map<string, NodeJS.Timeout>();
    this.watcher = watchFolders(this.folders, (path) => {
      const pending = debounce.get(path);
      if (pending !== undefined) clearTimeout(pending);
      debounce.set(path, setTimeout(() => {
        debounce.delete(path);
        this.enqueue(resolve(path));
      }, 100));
    }, (error) => {
      this.options.onError?.(this.folders.join(', '), error);
      // the periodic scan keeps going; try a new watcher later
      void this.watcher?.close();
      this.watcher = undefined;
      this.later(() => {
        if (!this.stopping.signal.aborted && this.watcher === undefined) this.startWatcher();
      }, 5000);
    });
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
        final: settled ? 'if-complete' : false,
        maxBytes: this.options.maxBytesPerTurn ?? 1024 * 1024,
        signal: this.stopping.signal,
        ...(this.options.maxRecordBytes !== undefined && { maxRecordBytes: this.options.maxRecordBytes }),
      }, plan);
      this.retryDelay.delete(path);
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
      if (code !== undefined && TRANSIENT.has(code)) {
        const delay = Math.min(5000, (this.retryDelay.get(path) ?? 25) * 2);
        this.retryDelay.set(path, delay);
        this.later(() => { this.enqueue(path); }, delay);
        return;
      }
      this.options.onError?.(path, error);
    }
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
