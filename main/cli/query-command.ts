import { FIELD_CATALOG, findField } from '../../shared/catalog/field-catalog.js';
import type { TokenValue } from '../../shared/model/normalized-event.js';
import type { QqlError, QqlQuery } from '../../shared/qql/index.js';
import { parseQuery } from '../../shared/qql/index.js';
import { csvHeader, csvRow } from '../core/export/csv-rows.js';
import { countMatches, facetValues, queryPage } from '../core/query/run-query.js';
import type { CommandIo } from './normalize-command.js';
import { LineSink } from './output-sink.js';
import { openStoreForReading } from './store-options.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

export interface QueryCommandOptions {
  readonly db?: string;
  readonly limit?: string;
  readonly count?: boolean;
  readonly format?: string;
  readonly fields?: string;
}

/** The query, then a caret line under the error's span, as a terminal user reads it. */
export function describeQqlError(query: string, error: QqlError): string {
  const width = Math.max(1, error.end - error.start);
  // spans count code points: the caret line lines up with the query as a terminal shows it
  return `xdr-tail: ${error.message}\n  ${query}\n  ${' '.repeat(error.start)}${'^'.repeat(width)}${error.hint === undefined ? '' : `\n  ${error.hint}`}\n`;
}

/** A whole-number option ≥ 1 (`--limit`, `--batch-size`), or the fallback when not given. */
export function parseCountOption(name: string, value: string | undefined, fallback: number): number {
  const count = value === undefined ? fallback : Number(value);
  if (value?.trim() === '' || !Number.isSafeInteger(count) || count < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got "${value ?? ''}"`);
  return count;
}

/** --fields a,b: catalog tokens (unknown names are bad usage), or undefined for every token. */
export function parseFieldsOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const fields = value.split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (fields.length === 0) throw new UsageError('--fields needs at least one token');
  for (const name of fields) if (findField(name) === undefined) throw new UsageError(`--fields: unknown token '${name}'`);
  return fields;
}

/** The parsed query, or undefined after writing the error with its caret line to stderr. */
export function parseOrReport(text: string, io: CommandIo): QqlQuery | undefined {
  const parsed = parseQuery(text, { now: Date.now() });
  if (parsed.ok) return parsed.query;
  io.stderr.write(describeQqlError(text, parsed.error));
  return undefined;
}

/** `xdr-tail query "<qql>" --db <file>`: matching events, newest first (or their count). */
export async function runQuery(text: string, options: QueryCommandOptions, io: CommandIo): Promise<number> {
  const limit = parseCountOption('--limit', options.limit, 100);
  const format = options.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'table' && format !== 'csv') throw new UsageError('--format must be jsonl, csv or table');
  const fields = parseFieldsOption(options.fields);

  const query = parseOrReport(text, io);
  if (query === undefined) return EXIT_USAGE;
  const db = openStoreForReading(options.db);
  try {
    if (options.count === true) {
      io.stdout.write(`${countMatches(db, query)}\n`);
      return EXIT_OK;
    }
    const out = new LineSink(io.stdout);
    const events = queryPage(db, query, limit).events.map((event) =>
      fields === undefined ? event : Object.fromEntries(fields.filter((f) => event[f] !== undefined).map((f) => [f, event[f]])));
    if (format === 'jsonl') {
      for (const event of events) if (out.add(JSON.stringify(event))) await out.flush();
    } else if (format === 'csv') {
      const columns = fields ?? FIELD_CATALOG.map((f) => f.name);
      io.stdout.write(csvHeader(columns));
      for (const event of events) io.stdout.write(csvRow(columns, event));
    } else {
      const columns = fields ?? ['eventTime', 'deviceName', 'externalId', 'eventName', 'userName', 'destinationUser', 'sourceIpv4'];
      const cell = (value: TokenValue | undefined): string => (value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value)).replace(/\s+/g, ' ');
      const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...events.map((e) => cell(e[c]).length))));
      const row = (values: string[]): string => values.map((v, i) => (v.length > (widths[i] ?? 0) ? `${v.slice(0, (widths[i] ?? 1) - 1)}…` : v.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
      await out.write(row(columns));
      for (const event of events) await out.write(row(columns.map((c) => cell(event[c]))));
    }
    await out.flush();
    return EXIT_OK;
  } finally {
    db.close();
  }
}

export interface FacetsCommandOptions {
  readonly db?: string;
  readonly limit?: string;
}

/** `xdr-tail facets <token> "<qql>" --db <file>`: the top values of a token among the matches, as JSON. */
export function runFacets(token: string, text: string, options: FacetsCommandOptions, io: CommandIo): number {
  const field = findField(token) ?? FIELD_CATALOG.find((f) => f.name.toLowerCase() === token.toLowerCase());
  if (field === undefined || field.type === 'coordinates') throw new UsageError(`no facets for '${token}': give a token of the catalog (not coordinates)`);
  const limit = parseCountOption('--limit', options.limit, 10);
  const query = parseOrReport(text, io);
  if (query === undefined) return EXIT_USAGE;
  const db = openStoreForReading(options.db);
  try {
    io.stdout.write(`${JSON.stringify({ token: field.name, values: facetValues(db, query, field.name, limit) }, null, 2)}\n`);
    return EXIT_OK;
  } finally {
    db.close();
  }
}
