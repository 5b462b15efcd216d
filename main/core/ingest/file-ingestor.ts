/**
 * Reads one source file from its checkpoint to its end and stores what it holds: events, quarantined
 * records, and the new checkpoint, batch by batch in single transactions (tailing.md §3, §5).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { failpoint } from '../failpoint.js';
import type { NormalizeOptions } from '../normalize/normalizer.js';
import { normalizeText } from '../normalize/normalize-file.js';
import type { SourceEncoding } from '../read/encoding.js';
import type { FrameItem, FramerResumeState, RecordFormat } from '../read/record-framer.js';
import { RecordFramer } from '../read/record-framer.js';
import type { EventStore, QuarantineRecord, SourceCheckpoint, StoredEvent } from '../store/event-store.js';
import type { FileObservation } from './file-identity.js';
import { crcOfRange, guardAt, observeFile, readAt, sha256 } from './file-identity.js';
import type { Decision, Lineage, SourceRegistry } from './source-registry.js';

export interface IngestFileOptions {
  readonly normalize: NormalizeOptions;
  readonly maxRecordBytes?: number;
  /**
   * true: the file is complete (one-pass ingest of a settled file), a cut last record is
   * quarantined as truncated. 'if-complete': a final line without a line end is taken only when it
   * is a whole record (tailing.md §5.4). false: what follows the last line end stays pending.
   */
  readonly final: boolean | 'if-complete';
  /** stop after about this many bytes, at a batch boundary (fairness between files) */
  readonly maxBytes?: number;
  /** stop at the next batch boundary, committing what was read */
  readonly signal?: AbortSignal;
  readonly batchRecords?: number;
  readonly batchBytes?: number;
  readonly chunkSize?: number;
  /** bytes of this file consumed so far (for progress display) */
  readonly onProgress?: (consumed: number, size: number) => void;
}

export interface FileIngestResult {
  readonly path: string;
  readonly decision: Decision['kind'] | 'unsupported';
  readonly stored: number;
  readonly duplicates: number;
  readonly quarantined: number;
  readonly pendingBytes: number;
  /** stopped early (maxBytes or signal): more to read */
  readonly more: boolean;
}

const UNSUPPORTED = 'unsupported';
const SAMPLE_BYTES = 512;

export interface PlannedFile {
  readonly observation: FileObservation;
  readonly decision: Decision;
}

/**
 * Classifies a file against the stored lineages without reading it. Classifying every file of a
 * scan before reading any keeps the lineages as they were: a copy made before a truncation is then
 * still recognized as a copy of the original (tailing.md §4).
 */
export async function planFile(path: string, registry: SourceRegistry): Promise<PlannedFile> {
  const handle = await open(path, 'r');
  try {
    const observation = await observeFile(path, handle);
    return { observation, decision: await registry.decide(observation, handle) };
  } finally {
    await handle.close();
  }
}

export async function ingestFile(
  path: string, store: EventStore, registry: SourceRegistry, options: IngestFileOptions, planned?: PlannedFile,
): Promise<FileIngestResult> {
  const handle = await open(path, 'r');
  try {
    const observation = await observeFile(path, handle);
    const samePlan = planned !== undefined && planned.observation.dev === observation.dev && planned.observation.ino === observation.ino
      && planned.observation.size <= observation.size && planned.observation.head.equals(observation.head.subarray(0, planned.observation.head.length));
    const decision = samePlan ? planned.decision : await registry.decide(observation, handle);
    const start = startingPoint(decision, registry, observation);
    if (start.lineage.format === UNSUPPORTED && decision.kind === 'resume') {
      return { path, decision: UNSUPPORTED, stored: 0, duplicates: 0, quarantined: 0, pendingBytes: 0, more: false };
    }
    const reader = new LineageReader(path, handle, store, observation, start, options);
    const totals = await reader.run();
    return { path, decision: decision.kind, ...totals };
  } finally {
    await handle.close();
  }
}

interface StartingPoint {
  readonly lineage: Lineage;
  readonly generation: number;
  readonly offset: number;
  /** CRC-32 of the bytes before offset (null: not known, not kept) */
  readonly prefixCrc: number | null;
  readonly resume: FramerResumeState | undefined;
  readonly elementsDone: number;
}

function startingPoint(decision: Decision, registry: SourceRegistry, observation: FileObservation): StartingPoint {
  switch (decision.kind) {
    case 'resume':
    case 'renamed': {
      const { lineage } = decision;
      return { lineage, generation: lineage.generation, offset: lineage.offset, prefixCrc: lineage.prefixCrc, resume: resumeState(lineage), elementsDone: lineage.elementsDone };
    }
    case 'truncated':
    case 'rewritten':
      return { lineage: decision.lineage, generation: decision.lineage.generation + 1, offset: 0, prefixCrc: 0, resume: undefined, elementsDone: 0 };
    case 'copied': {
      const lineage = registry.create(observation);
      const { from } = decision;
      return { lineage, generation: 0, offset: from.offset, prefixCrc: from.prefixCrc, resume: resumeState(from), elementsDone: from.elementsDone };
    }
    case 'new':
      return { lineage: registry.create(observation), generation: 0, offset: 0, prefixCrc: 0, resume: undefined, elementsDone: 0 };
  }
}

function resumeState(lineage: Lineage): FramerResumeState | undefined {
  if (lineage.offset === 0 || lineage.encoding === null || lineage.format === null || lineage.format === UNSUPPORTED) return undefined;
  return {
    offset: lineage.offset,
    encoding: lineage.encoding as SourceEncoding,
    format: lineage.format as RecordFormat,
    insideArray: lineage.insideArray,
  };
}

class LineageReader {
  private readonly framer: RecordFramer;
  private events: StoredEvent[] = [];
  private quarantine: QuarantineRecord[] = [];
  private batchBytes = 0;
  private elementsDone: number;
  private stored = 0;
  private duplicates = 0;
  private quarantined = 0;
  private unsupported = false;
  private crc: number | null;
  private crcOffset: number;

  constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly store: EventStore,
    private readonly observation: FileObservation,
    private readonly start: StartingPoint,
    private readonly options: IngestFileOptions,
  ) {
    const maxRecordBytes = options.maxRecordBytes;
    this.framer = start.resume === undefined
      ? new RecordFramer({ ...(maxRecordBytes !== undefined && { maxRecordBytes }), startOffset: start.offset })
      : RecordFramer.resume(start.resume, maxRecordBytes === undefined ? {} : { maxRecordBytes });
    this.elementsDone = start.elementsDone;
    this.crc = start.prefixCrc;
    this.crcOffset = start.offset;
  }

  async run(): Promise<{ stored: number; duplicates: number; quarantined: number; pendingBytes: number; more: boolean }> {
    const chunkSize = this.options.chunkSize ?? 64 * 1024;
    const buffer = Buffer.allocUnsafe(chunkSize);
    let position = this.start.offset;
    let more = false;
    // the first transaction of a new generation or lineage records it, even when it holds no records
    let mustCommit = this.start.generation !== this.start.lineage.generation || this.start.offset !== this.start.lineage.offset
      || this.start.lineage.path !== this.path || this.start.lineage.dev !== this.observation.dev;
    for (;;) {
      const { bytesRead } = await this.handle.read(buffer, 0, chunkSize, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      this.batchBytes += bytesRead;
      await this.accept(this.framer.push(buffer.subarray(0, bytesRead)));
      if (this.unsupported) break;
      if (this.events.length + this.quarantine.length >= (this.options.batchRecords ?? 500) || this.batchBytes >= (this.options.batchBytes ?? 1024 * 1024)) {
        await this.commit(this.framer.committedOffset);
        mustCommit = false;
        if (this.options.signal?.aborted === true || position - this.start.offset >= (this.options.maxBytes ?? Number.POSITIVE_INFINITY)) {
          more = true;
          break;
        }
      }
      this.options.onProgress?.(position, this.observation.size);
    }
    let end = this.framer.committedOffset;
    if (this.unsupported) {
      end = position;
    } else if (!more && this.options.final === true) {
      await this.accept(this.framer.finish());
      end = Math.max(this.framer.committedOffset, end);
    } else if (!more && this.options.final === 'if-complete' && this.framer.format === 'lines') {
      const tail = this.framer.finish();
      if (tail.length > 0 && tail.every((item) => item.kind === 'record' && normalizeText(item.text, item.offset, item.length, this.options.normalize).kind === 'event')) {
        await this.accept(tail);
        end = Math.max(this.framer.committedOffset, end);
      }
    }
    if (mustCommit || this.events.length > 0 || this.quarantine.length > 0 || end !== this.start.offset) await this.commit(end);
    // once finished, what follows the last record is structure (a closing bracket, blank lines): nothing pending
    const pendingBytes = more ? 0 : this.options.final === true || this.unsupported ? 0 : Math.max(0, position - end);
    return { stored: this.stored, duplicates: this.duplicates, quarantined: this.quarantined, pendingBytes, more };
  }

  private async accept(items: readonly FrameItem[]): Promise<void> {
    for (const item of items) {
      if (item.kind === 'error') {
        if (item.reason === 'unsupported_encoding') this.unsupported = true;
        await this.addQuarantine(item.offset, item.length, item.reason, item.message);
        continue;
      }
      this.elementsDone++;
      const result = normalizeText(item.text, item.offset, item.length, this.options.normalize);
      if (result.kind === 'error') {
        await this.addQuarantine(item.offset, item.length, result.reason, result.message);
        continue;
      }
      this.events.push({
        tokens: result.record.tokens,
        shape: result.record.shape,
        ...(result.record.degraded !== undefined && { degraded: result.record.degraded }),
        raw: item.text,
        sourceId: this.start.lineage.id,
        generation: this.start.generation,
        byteOffset: item.offset,
      });
    }
  }

  private async addQuarantine(offset: number, length: number, reason: string, error: string): Promise<void> {
    const sample = await readAt(this.handle, offset, Math.min(SAMPLE_BYTES, length));
    this.quarantine.push({
      sourceId: this.start.lineage.id, path: this.path, generation: this.start.generation,
      byteOffset: offset, byteLength: length, reason, error, sample,
    });
  }

  private async commit(offset: number): Promise<void> {
    const guard = await guardAt(this.handle, offset);
    if (this.crc !== null && offset >= this.crcOffset) {
      this.crc = await crcOfRange(this.handle, this.crcOffset, offset, this.crc);
      this.crcOffset = offset;
    }
    const head = this.observation.head;
    const state = this.framer.resumeState;
    const checkpoint: SourceCheckpoint = {
      sourceId: this.start.lineage.id,
      path: this.path,
      dev: this.observation.dev,
      ino: this.observation.ino,
      headLength: head.length,
      headHash: head.length === 0 ? null : sha256(head),
      encoding: this.framer.encoding ?? null,
      format: this.unsupported ? UNSUPPORTED : (this.framer.format ?? null),
      insideArray: state?.insideArray ?? false,
      generation: this.start.generation,
      offset,
      guardLength: guard.length,
      guardHash: guard.hash,
      prefixCrc: this.crc,
      elementsDone: this.elementsDone,
      sizeSeen: this.observation.size,
      mtimeSeen: Math.trunc(this.observation.mtimeMs),
    };
    const result = this.store.writeBatch(this.events, this.quarantine, checkpoint);
    this.stored += result.stored;
    this.duplicates += result.duplicates;
    this.quarantined += result.quarantined;
    this.events = [];
    this.quarantine = [];
    this.batchBytes = 0;
    if (checkpoint.insideArray) failpoint('array.mid-parse');
  }
}
