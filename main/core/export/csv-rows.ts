/**
 * Normalized events as CSV (design.md §5): one column per token in catalog order (or the chosen
 * fields), RFC 4180 quoting (csv-stringify), and cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) neutralized with a leading apostrophe.
 */
import { stringify } from 'csv-stringify/sync';
import type { TokenValue } from '../../../shared/model/normalized-event.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: TokenValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return neutralizeCell(value.join(' '));
  return neutralizeCell(String(value));
}

export function csvHeader(columns: readonly string[]): string {
  return stringify([columns], { record_delimiter: '\r\n' });
}

export function csvRow(columns: readonly string[], event: Readonly<Record<string, TokenValue | undefined>>): string {
  return stringify([columns.map((column) => cellText(event[column]))], { record_delimiter: '\r\n' });
}
