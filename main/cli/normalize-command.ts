import { access, constants } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { DbIpGeoLookup } from '../core/enrich/geo-lookup.js';
import { assertTimeZone, localTimeZone } from '../core/normalize/event-time.js';
import { serializeTokens } from '../core/normalize/event-json.js';
import { normalizeFile } from '../core/normalize/normalize-file.js';
import type { Shape } from '../core/normalize/source-record.js';
import { SHAPES } from '../core/normalize/source-record.js';
import { LineSink } from './output-sink.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './usage-error.js';

export interface NormalizeCommandOptions {
  readonly shape?: string;
  readonly customerId?: string;
  readonly sourceTz?: string;
  readonly maxRecordBytes?: string;
}

export interface CommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export function parseShapeOption(shape: string | undefined): Shape | undefined {
  if (shape === undefined || shape === 'auto') return undefined;
  if ((SHAPES as readonly string[]).includes(shape)) return shape as Shape;
  throw new UsageError(`unknown --shape "${shape}": expected auto, ${SHAPES.join(', ')}`);
}

export function parseTimeZoneOption(zone: string | undefined): string {
  if (zone === undefined) return localTimeZone();
  try {
    assertTimeZone(zone);
  } catch {
    throw new UsageError(`unknown --source-tz "${zone}": expected an IANA time zone such as UTC or Europe/Paris`);
  }
  return zone;
}

export function parseByteSizeOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1024 || bytes > 16 * 1024 * 1024) {
    throw new UsageError(`${name} must be a whole number of bytes between 1024 and 16777216, got "${value}"`);
  }
  return bytes;
}

/** `xdr-tail normalize <file>…`: normalized events as JSONL on stdout, bad records on stderr. */
export async function runNormalize(files: readonly string[], options: NormalizeCommandOptions, io: CommandIo): Promise<number> {
  const shape = parseShapeOption(options.shape);
  const sourceTimeZone = parseTimeZoneOption(options.sourceTz);
  const maxRecordBytes = parseByteSizeOption('--max-record-bytes', options.maxRecordBytes);
  const geo = new DbIpGeoLookup();
  const out = new LineSink(io.stdout);
  const errors = new LineSink(io.stderr, 1);
  let exitCode = EXIT_OK;

  for (const file of files) {
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      await errors.write(`${file}: cannot read: ${describe(error)}`);
      exitCode = EXIT_FAILURE;
      continue;
    }
    try {
      for await (const batch of normalizeFile(file, {
        sourceTimeZone, geo,
        ...(shape !== undefined && { shape }),
        ...(options.customerId !== undefined && { customerId: options.customerId }),
        ...(maxRecordBytes !== undefined && { maxRecordBytes }),
      })) {
        for (const item of batch) {
          if (item.kind === 'error') await errors.write(`${file}:${item.offset}: ${item.reason}: ${item.message}`);
          else if (out.add(serializeTokens(item.record.tokens))) await out.flush();
        }
      }
    } catch (error) {
      await errors.write(`${file}: cannot read: ${describe(error)}`);
      exitCode = EXIT_FAILURE;
    }
  }
  await out.flush();
  await errors.flush();
  return exitCode;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === undefined ? error.message : `${code} ${error.message.replace(/^[A-Z]+: /, '')}`;
  }
  return String(error);
}
