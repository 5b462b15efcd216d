/**
 * Writes one planned batch: the rows of its key range, in order, to a batch file — on whatever
 * connection it is given (a reader thread's own, or the export's snapshot). The rows read must be the
 * plan's rows (same count, same fingerprint); otherwise the file is discarded and the outcome says so.
 */
import type Database from 'better-sqlite3';
import type { SqlValue } from '../store/event-columns.js';
import { BatchFile } from './batch-file.js';
import type { ExportFormat } from './batch-naming.js';
import { FINGERPRINT_SEED, fingerprintStep, type PlannedBatch } from './batch-plan.js';
import type { ManifestFile } from './export-manifest.js';
import { rowFormat } from './row-format.js';

/** What every batch of one export is read with: plain data, so it can be handed to another thread. */
export interface BatchSource {
  /** compiled QQL over `events AS e`, and its bound values */
  readonly where: string;
  readonly params: readonly SqlValue[];
  readonly format: ExportFormat;
  readonly fields?: readonly string[];
  readonly folder: string;
}

export type BatchOutcome =
  | { readonly kind: 'written'; readonly file: ManifestFile; readonly customerIds: readonly string[] }
  /** the connection's snapshot does not hold the plan's rows */
  | { readonly kind: 'changed' }
  | { readonly kind: 'cancelled' };

/** Text is handed to the file in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

export class BatchRangeReader {
  private readonly statement: Database.Statement;
  private readonly format;
  private readonly timeAt: number;

  constructor(db: Database.Database, private readonly source: BatchSource) {
    this.format = rowFormat(source.format, source.fields);
    this.timeAt = this.format.columnCount;
    // the plain time bounds let any time-led index narrow the range; the row values make it exact
    this.statement = db.prepare(`SELECT ${this.format.selectList}, e."eventTime", e."customerId", e.id, e."eventId" FROM events AS e
      WHERE (${source.where}) AND e."eventTime" BETWEEN ? AND ? AND (e."eventTime", e."eventId") >= (?, ?) AND (e."eventTime", e."eventId") <= (?, ?)
      ORDER BY e."eventTime", e."eventId"`).raw(true);
  }

  async write(plan: PlannedBatch, cancelled: () => boolean): Promise<BatchOutcome> {
    const { first, last } = plan;
    const file = await BatchFile.create(this.source.folder, plan.name, this.source.format === 'jsonl.gz');
    const rows = this.statement.iterate(...this.source.params, first.eventTime, last.eventTime, first.eventTime, first.eventId, last.eventTime, last.eventId) as IterableIterator<unknown[]>;
    const customerIds = new Set<string>();
    let events = 0;
    let fingerprint = FINGERPRINT_SEED;
    let chars = 0;
    try {
      if (this.format.header !== '') await file.write(this.format.header);
      for (const row of rows) {
        const customerId = row[this.timeAt + 1];
        if (typeof customerId === 'string' && customerIds.size < 2) customerIds.add(customerId);
        fingerprint = fingerprintStep(fingerprint, row[this.timeAt + 2] as number, row[this.timeAt + 3] as string);
        events += 1;
        chars += this.format.add(row);
        if (chars >= CHUNK_CHARS) {
          if (cancelled()) {
            rows.return?.();
            await file.discard();
            return { kind: 'cancelled' };
          }
          chars = 0;
          await file.write(this.format.take());
        }
      }
      await file.write(this.format.take());
      if (events !== plan.events || fingerprint !== plan.fingerprint) {
        await file.discard();
        return { kind: 'changed' };
      }
      const done = await file.commit();
      return {
        kind: 'written',
        file: { ...done, events, firstEventTime: new Date(first.eventTime).toISOString(), lastEventTime: new Date(last.eventTime).toISOString() },
        customerIds: [...customerIds],
      };
    } catch (error) {
      rows.return?.();
      this.format.take();
      await file.discard();
      throw error;
    }
  }
}
