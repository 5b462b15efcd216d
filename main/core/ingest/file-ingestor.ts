/**
 * Reads one source file from its checkpoint to its end and stores what it holds: events, quarantined
 * records, and the new checkpoint, batch by batch in single transactions (tailing.md §3, §5).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { failpoint } from '../failpoint.js';
import type { BatchNormalizer, NormalizedText } from '../normalize/batch-normalizer.js';
import { inThreadNormalizer } from '../normalize/batch-normalizer.js';
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
  /** who normalizes the batches (default: this thread, with `normalize`); a normalizer thread overlaps it with the writes */
  readonly normalizer?: BatchNormalizer;
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

/** A batch cut from the framed records: what it holds, where it ends, and the framer's state there. */
interface CutBatch {
  readonly items: readonly FrameItem[];
  readonly end: number;
  readonly insideArray: boolean;
  readonly elementsDone: number;
  readonly normalized: Promise<NormalizedText[]>;
}

/**
 * Reads from the checkpoint in batches. While one batch is committed, the next is normalized (in a
 * normalizer thread, when one is given): reading, normalizing and writing overlap, and each batch is
 * still committed alone, in order, with the checkpoint of its own end.
 */
class LineageReader {
  private readonly framer: RecordFramer;
  private readonly normalizer: BatchNormalizer;
  private pending: FrameItem[] = [];
  private batchBytes = 0;
  private elementsDone: number;
  private stored = 0;
  private duplicates = 0;
  private quarantined = 0;
  private unsupported = false;
  private crc: number | null;
  private crcOffset: number;
  private committedEnd: number;

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
    this.normalizer = options.normalizer ?? inThreadNormalizer(options.normalize);
    this.elementsDone = start.elementsDone;
    this.crc = start.prefixCrc;
    this.crcOffset = start.offset;
    this.committedEnd = start.offset;
  }

  async run(): Promise<{ stored: number; duplicates: number; quarantined: number; pendingBytes: number; more: boolean }> {
    const chunkSize = this.options.chunkSize ?? 64 * 1024;
    const buffer = Buffer.allocUnsafe(chunkSize);
    let position = this.start.offset;
    let more = false;
    // the first transaction of a new generation or lineage records it, even when it holds no records
    let mustCommit = this.start.generation !== this.start.lineage.generation || this.start.offset !== this.start.lineage.offset
      || this.start.lineage.path !== this.path || this.start.lineage.dev !== this.observation.dev;
    let inFlight: CutBatch | undefined;
    try {
      for (;;) {
        const { bytesRead } = await this.handle.read(buffer, 0, chunkSize, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        this.batchBytes += bytesRead;
        this.accept(this.framer.push(buffer.subarray(0, bytesRead)));
        if (this.unsupported) break;
        if (this.pending.length >= (this.options.batchRecords ?? 500) || this.batchBytes >= (this.options.batchBytes ?? 1024 * 1024)) {
          const next = this.cut(this.framer.committedOffset);
          if (inFlight !== undefined) await this.commit(inFlight);
          inFlight = next;
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
        this.accept(this.framer.finish());
        end = Math.max(this.framer.committedOffset, end);
      } else if (!more && this.options.final === 'if-complete' && this.framer.format === 'lines') {
        const tail = this.framer.finish();
        if (tail.length > 0 && tail.every((item) => item.kind === 'record' && normalizeText(item.text, item.offset, item.length, this.options.normalize).kind === 'event')) {
          this.accept(tail);
          end = Math.max(this.framer.committedOffset, end);
        }
      }
      const last = inFlight;
      inFlight = undefined;
      if (last !== undefined) await this.commit(last);
      if (mustCommit || this.pending.length > 0 || end !== this.committedEnd) await this.commit(this.cut(end));
      // once finished, what follows the last record is structure (a closing bracket, blank lines): nothing pending
      const pendingBytes = more ? 0 : this.options.final === true || this.unsupported ? 0 : Math.max(0, position - end);
      return { stored: this.stored, duplicates: this.duplicates, quarantined: this.quarantined, pendingBytes, more };
    } finally {
      // a batch cut but never committed is read again next time; its normalization must not fail unheard
      inFlight?.normalized.catch(() => undefined);
    }
  }

  private accept(items: readonly FrameItem[]): void {
    for (const item of items) {
      if (item.kind === 'error') {
        if (item.reason === 'unsupported_encoding') this.unsupported = true;
      } else {
        this.elementsDone++;
      }
      this.pending.push(item);
    }
  }

  /** Ends the batch at `end` and starts normalizing it. */
  private cut(end: number): CutBatch {
    const items = this.pending;
    const texts: string[] = [];
    for (const item of items) if (item.kind === 'record') texts.push(item.text);
    const normalized = texts.length === 0 ? Promise.resolve([]) : this.normalizer.normalize(texts);
    normalized.catch(() => undefined);
    const batch: CutBatch = { items, end, insideArray: this.framer.resumeState?.insideArray ?? false, elementsDone: this.elementsDone, normalized };
    this.pending = [];
    this.batchBytes = 0;
    return batch;
  }

  private async commit(batch: CutBatch): Promise<void> {
    const results = await batch.normalized;
    const events: StoredEvent[] = [];
    const quarantine: QuarantineRecord[] = [];
    let next = 0;
    for (const item of batch.items) {
      if (item.kind === 'error') {
        quarantine.push(await this.quarantineRecord(item.offset, item.length, item.reason, item.message));
        continue;
      }
      const result = results[next++];
      if (result === undefined) throw new Error('the normalizer returned fewer results than records');
      if (result.kind === 'error') {
        quarantine.push(await this.quarantineRecord(item.offset, item.length, result.reason, result.message));
        continue;
      }
      events.push({
        tokens: result.tokens,
        shape: result.shape,
        ...(result.degraded !== undefined && { degraded: result.degraded }),
        raw: item.text,
        sourceId: this.start.lineage.id,
        generation: this.start.generation,
        byteOffset: item.offset,
      });
    }
    await this.write(events, quarantine, batch);
  }

  private async quarantineRecord(offset: number, length: number, reason: string, error: string): Promise<QuarantineRecord> {
    const sample = await readAt(this.handle, offset, Math.min(SAMPLE_BYTES, length));
    return {
      sourceId: this.start.lineage.id, path: this.path, generation: this.start.generation,
      byteOffset: offset, byteLength: length, reason, error, sample,
    };
  }

  private async write(events: readonly StoredEvent[], quarantine: readonly QuarantineRecord[], batch: CutBatch): Promise<void> {
    const offset = batch.end;
    const guard = await guardAt(this.handle, offset);
    if (this.crc !== null && offset >= this.crcOffset) {
      this.crc = await crcOfRange(this.handle, this.crcOffset, offset, this.crc);
      this.crcOffset = offset;
    }
    const head = this.observation.head;
    const checkpoint: SourceCheckpoint = {
      sourceId: this.start.lineage.id,
      path: this.path,
      dev: this.observation.dev,
      ino: this.observation.ino,
      headLength: head.length,
      headHash: head.length === 0 ? null : sha256(head),
      encoding: this.framer.encoding ?? null,
      format: this.unsupported ? UNSUPPORTED : (this.framer.format ?? null),
      insideArray: batch.insideArray,
      generation: this.start.generation,
      offset,
      guardLength: guard.length,
      guardHash: guard.hash,
      prefixCrc: this.crc,
      elementsDone: batch.elementsDone,
      sizeSeen: this.observation.size,
      mtimeSeen: Math.trunc(this.observation.mtimeMs),
    };
    const result = this.store.writeBatch(events, quarantine, checkpoint);
    this.stored += result.stored;
    this.duplicates += result.duplicates;
    this.quarantined += result.quarantined;
    this.committedEnd = offset;
    if (checkpoint.insideArray) failpoint('array.mid-parse');
  }
}
