/**
 * Export of normalized batches (design.md §5): the events matching a query, oldest first, in batch
 * files of at most `batchSize` events and a manifest. Streams from one read snapshot — memory stays
 * flat for any number of events — reports progress, and can be cancelled between chunks.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import type { QqlQuery } from '../../../shared/qql/index.js';
import { compileQuery } from '../query/compile-query.js';
import { BatchFile, type CommittedFile } from './batch-file.js';
import { batchFileName, type ExportFormat, MANIFEST_NAME } from './batch-naming.js';
import { csvCell, csvHeader, csvRecords } from './csv-rows.js';
import { projectEvents } from './event-projection.js';
import { prepareExportFolder } from './export-folder.js';
import { type JsonLineQuery, jsonLineQuery } from './json-line-sql.js';

export interface ExportRequest {
  /** the parsed query, and its text as the user wrote it (for the manifest) */
  readonly query: QqlQuery;
  readonly queryText: string;
  readonly folder: string;
  readonly format: ExportFormat;
  readonly batchSize: number;
  /** only these tokens, in this order (default: every token in catalog order) */
  readonly fields?: readonly string[];
  /** for the manifest; default: the one customerId the exported events carry, if they carry one */
  readonly customerId?: string;
  /** write into a non-empty folder, replacing the files of an earlier export */
  readonly force?: boolean;
}

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

export interface ExportProgress {
  /** events written so far, and how many match (counted in the same snapshot) */
  readonly events: number;
  readonly total: number;
  /** batch files completed */
  readonly files: number;
}

export interface ExportControl {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** the export time written to the manifest (tests pin it) */
  readonly now?: () => Date;
}

export class ExportCancelledError extends Error {
  override readonly name = 'ExportCancelledError';
  constructor() {
    super('export cancelled');
  }
}

/** Lines are handed to the file in chunks of about this many characters. */
const CHUNK_CHARS = 1024 * 1024;

/** Rows that `SELECT projection, eventTime, customerId` returns, raw. */
type Row = unknown[];

class BatchWriter {
  private file: BatchFile | undefined;
  private lines: string[] = [];
  private cells: string[][] = [];
  private chars = 0;
  private events = 0;
  private first = 0;
  private last = 0;
  private sequence = 0;
  readonly committed: ManifestFile[] = [];

  constructor(private readonly folder: string, private readonly format: ExportFormat, private readonly header: string) {}

  get open(): boolean {
    return this.file !== undefined;
  }

  get eventsInBatch(): number {
    return this.events;
  }

  async start(timeMs: number): Promise<void> {
    this.sequence += 1;
    this.file = await BatchFile.create(this.folder, batchFileName(timeMs, this.sequence, this.format), this.format === 'jsonl.gz');
    this.first = timeMs;
    this.events = 0;
    if (this.header !== '') await this.file.write(this.header);
  }

  /** Buffers one event; true when the chunk is big enough to hand to the file. */
  addLine(line: string, timeMs: number): boolean {
    this.lines.push(line, '\n');
    return this.count(line.length + 1, timeMs);
  }

  addCells(cells: string[], timeMs: number): boolean {
    this.cells.push(cells);
    let chars = cells.length;
    for (const cell of cells) chars += cell.length;
    return this.count(chars, timeMs);
  }

  private count(chars: number, timeMs: number): boolean {
    this.chars += chars;
    this.events += 1;
    this.last = timeMs;
    return this.chars >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.file === undefined || this.chars === 0) return;
    const text = this.cells.length > 0 ? csvRecords(this.cells) : this.lines.join('');
    this.lines = [];
    this.cells = [];
    this.chars = 0;
    await this.file.write(text);
  }

  async finishBatch(): Promise<void> {
    if (this.file === undefined) return;
    await this.flush();
    const file = this.file;
    this.file = undefined;
    const done: CommittedFile = await file.commit();
    this.committed.push({ ...done, events: this.events, firstEventTime: new Date(this.first).toISOString(), lastEventTime: new Date(this.last).toISOString() });
  }

  /** After a failure or a cancel: the open file and every batch of this run are removed. */
  async abandon(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    await file?.discard();
    for (const done of this.committed) await rm(join(this.folder, done.name), { force: true });
  }
}

async function syncFolder(folder: string): Promise<void> {
  // makes the renames durable where directories can be opened (not on Windows, where rename is)
  try {
    const handle = await open(folder, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // best effort
  }
}

async function writeManifest(folder: string, manifest: ExportManifest): Promise<void> {
  const file = await BatchFile.create(folder, MANIFEST_NAME, false);
  try {
    await file.write(`${JSON.stringify(manifest, null, 2)}\n`);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

export async function exportEvents(db: Database.Database, request: ExportRequest, control: ExportControl = {}): Promise<ExportManifest> {
  if (!Number.isSafeInteger(request.batchSize) || request.batchSize < 1) throw new Error(`batch size must be a whole number ≥ 1, got ${request.batchSize}`);
  const { where, params } = compileQuery(request.query);
  await prepareExportFolder(request.folder, request.force === true);

  const csv = request.format === 'csv';
  // JSONL lines come whole from SQLite (json-line-sql.ts); CSV cells are read token by token
  const projection = csv ? projectEvents(request.fields) : undefined;
  const lines = jsonLineQuery(request.fields);
  const select: Pick<JsonLineQuery, 'fields' | 'selectList' | 'columnCount'> = projection ?? lines;
  const writer = new BatchWriter(request.folder, request.format, projection === undefined ? '' : csvHeader(projection.fields));
  const timeAt = select.columnCount;
  const customerIds = new Set<string>();
  let written = 0;
  const checkCancel = (): void => {
    if (control.signal?.aborted === true) throw new ExportCancelledError();
  };

  // one read snapshot for the count and the rows, so the progress total is the number written
  db.exec('BEGIN');
  try {
    const total = db.prepare(`SELECT count(*) FROM events AS e WHERE ${where}`).pluck().get(...params) as number;
    const report = (): void => control.onProgress?.({ events: written, total, files: writer.committed.length });
    report();
    // eventId breaks ties: the order, so the batch files, depend only on the data (not on insert order)
    const rows = db.prepare(`SELECT ${select.selectList}, e."eventTime", e."customerId" FROM events AS e WHERE ${where} ORDER BY e."eventTime", e."eventId"`)
      .raw(true).iterate(...params) as IterableIterator<Row>;
    const slots: (TokenValue | undefined)[] = [];
    for (const row of rows) {
      const timeMs = row[timeAt] as number;
      const customerId = row[timeAt + 1];
      if (typeof customerId === 'string' && customerIds.size < 2) customerIds.add(customerId);
      if (!writer.open) await writer.start(timeMs);
      const full = projection === undefined
        ? writer.addLine(lines.toLine(row), timeMs)
        : writer.addCells(projection.readSlots(row, slots).map(csvCell), timeMs);
      written += 1;
      if (writer.eventsInBatch >= request.batchSize) {
        checkCancel();
        await writer.finishBatch();
        report();
      } else if (full) {
        checkCancel();
        await writer.flush();
        report();
      }
    }
    checkCancel();
    await writer.finishBatch();
    report();
  } catch (error) {
    await writer.abandon();
    throw error;
  } finally {
    db.exec('COMMIT');
  }

  const onlyCustomer = customerIds.size === 1 ? [...customerIds][0] : undefined;
  const manifest: ExportManifest = {
    query: request.queryText,
    format: request.format,
    customerId: request.customerId ?? onlyCustomer ?? null,
    exportedAt: (control.now?.() ?? new Date()).toISOString(),
    events: written,
    ...(request.fields !== undefined && { fields: select.fields }),
    files: writer.committed,
  };
  try {
    await writeManifest(request.folder, manifest);
  } catch (error) {
    await writer.abandon();
    throw error;
  }
  await syncFolder(request.folder);
  return manifest;
}
