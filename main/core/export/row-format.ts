/**
 * How stored rows become batch text: JSONL lines rendered by SQLite (json-line-sql.ts), or CSV
 * cells read token by token. Rows are buffered and taken as one chunk of text.
 */
import type { TokenValue } from '../../../shared/model/normalized-event.js';
import type { ExportFormat } from './batch-naming.js';
import { csvCell, csvHeader, csvRecords } from './csv-rows.js';
import { projectEvents } from './event-projection.js';
import { jsonLineQuery } from './json-line-sql.js';

export interface RowFormat {
  /** the tokens written, in order */
  readonly fields: readonly string[];
  /** for `SELECT … FROM events AS e`, fetched raw; extra columns may follow from `columnCount` on */
  readonly selectList: string;
  readonly columnCount: number;
  /** what every file begins with (the CSV header line) */
  readonly header: string;
  /** buffers one row; returns how many characters it added */
  add(row: readonly unknown[]): number;
  /** the buffered rows as text, emptying the buffer */
  take(): string;
}

function jsonlFormat(fields: readonly string[] | undefined): RowFormat {
  const query = jsonLineQuery(fields);
  let lines: string[] = [];
  return {
    fields: query.fields,
    selectList: query.selectList,
    columnCount: query.columnCount,
    header: '',
    add(row) {
      const line = query.lineOf(row);
      lines.push(line);
      return line.length;
    },
    take() {
      const text = lines.join('');
      lines = [];
      return text;
    },
  };
}

function csvFormat(fields: readonly string[] | undefined): RowFormat {
  const projection = projectEvents(fields);
  const slots: (TokenValue | undefined)[] = [];
  let records: string[][] = [];
  return {
    fields: projection.fields,
    selectList: projection.selectList,
    columnCount: projection.columnCount,
    header: csvHeader(projection.fields),
    add(row) {
      const cells = projection.readSlots(row, slots).map(csvCell);
      records.push(cells);
      let chars = cells.length;
      for (const cell of cells) chars += cell.length;
      return chars;
    },
    take() {
      const text = records.length === 0 ? '' : csvRecords(records);
      records = [];
      return text;
    },
  };
}

export function rowFormat(format: ExportFormat, fields?: readonly string[]): RowFormat {
  return format === 'csv' ? csvFormat(fields) : jsonlFormat(fields);
}
