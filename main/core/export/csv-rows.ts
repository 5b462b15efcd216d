/**
 * Normalized events as CSV (design.md §5): one column per token in catalog order (or the chosen
 * fields), RFC 4180 quoting (csv-stringify), and cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) neutralized with a leading apostrophe. Lists and coordinates
 * are JSON arrays (`["a","b"]`, `[51.5,-0.12]`): exact to read back, and never taken for a formula.
 */
import { stringify } from 'csv-stringify/sync';
import type { TokenValue } from '../../../shared/model/normalized-event.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const CSV_OPTIONS = { record_delimiter: '\r\n' } as const;

export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text of one cell: numbers as they are, lists and coordinates as JSON arrays, text neutralized. */
export function csvCell(value: TokenValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return neutralizeCell(value);
  return JSON.stringify(value);
}

export function csvHeader(columns: readonly string[]): string {
  return stringify([columns], CSV_OPTIONS);
}

export function csvRow(columns: readonly string[], event: Readonly<Record<string, TokenValue | undefined>>): string {
  return stringify([columns.map((column) => csvCell(event[column]))], CSV_OPTIONS);
}

/** Many rows of cells at once (one csv-stringify call per chunk, not per row). */
export function csvRecords(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], CSV_OPTIONS);
}
