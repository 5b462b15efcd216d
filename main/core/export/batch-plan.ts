/**
 * An export is cut into batches while one read snapshot is scanned in order; each batch is then read
 * (possibly in another thread, on another connection) by its key range. The plan carries the count
 * and a fingerprint of the rows the snapshot holds in that range, so a reader whose snapshot differs
 * (an ingest or a retention step ran in between) knows, and the batch is read again from the
 * snapshot itself.
 */
import { batchFileName, type ExportFormat } from './batch-naming.js';

export interface BatchKey {
  readonly eventTime: number;
  readonly eventId: string;
}

export interface PlannedBatch {
  /** 1-based position in time order, and the file it becomes */
  readonly sequence: number;
  readonly name: string;
  readonly first: BatchKey;
  readonly last: BatchKey;
  readonly events: number;
  readonly fingerprint: number;
}

/** Folds one row (its rowid and eventId) into a batch fingerprint. */
export function fingerprintStep(fingerprint: number, id: number, eventId: string): number {
  let h = Math.imul(fingerprint ^ id, 0x01000193) ^ Math.floor(id / 0x1_0000_0000);
  for (let i = 0; i < eventId.length; i++) h = Math.imul(h ^ eventId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const FINGERPRINT_SEED = 0x811c9dc5;

/** Cuts the ordered keys of the snapshot into batches of `batchSize`. */
export class BatchPlanner {
  private sequence = 0;
  private first: BatchKey | undefined;
  private lastTime = 0;
  private lastEventId = '';
  private events = 0;
  private fingerprint = FINGERPRINT_SEED;

  constructor(private readonly batchSize: number, private readonly format: ExportFormat) {}

  /** Adds the next row; returns the batch it completes, if it does. */
  add(eventTime: number, eventId: string, id: number): PlannedBatch | undefined {
    this.first ??= { eventTime, eventId };
    this.lastTime = eventTime;
    this.lastEventId = eventId;
    this.events += 1;
    this.fingerprint = fingerprintStep(this.fingerprint, id, eventId);
    return this.events >= this.batchSize ? this.finish() : undefined;
  }

  /** The last, partial batch, if rows are left. */
  finish(): PlannedBatch | undefined {
    if (this.first === undefined) return undefined;
    this.sequence += 1;
    const plan: PlannedBatch = {
      sequence: this.sequence,
      name: batchFileName(this.first.eventTime, this.sequence, this.format),
      first: this.first,
      last: { eventTime: this.lastTime, eventId: this.lastEventId },
      events: this.events,
      fingerprint: this.fingerprint,
    };
    this.first = undefined;
    this.events = 0;
    this.fingerprint = FINGERPRINT_SEED;
    return plan;
  }
}
