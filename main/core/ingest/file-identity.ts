/** What identifies a file across renames and rewrites (tailing.md §2): file ID, head hash, guard hash. */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';

export const HEAD_BYTES = 1024;
export const GUARD_BYTES = 4096;

export interface FileObservation {
  readonly path: string;
  readonly dev: string;
  readonly ino: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** the first up-to-1024 bytes */
  readonly head: Buffer;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Identity, size, time and head of an open file. */
export async function observeFile(path: string, handle: FileHandle): Promise<FileObservation> {
  const info = await handle.stat({ bigint: true });
  const size = Number(info.size);
  const head = await readAt(handle, 0, Math.min(HEAD_BYTES, size));
  return { path, dev: info.dev.toString(), ino: info.ino.toString(), size, mtimeMs: Number(info.mtimeMs), head };
}

export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, length));
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === buffer.length ? buffer : buffer.subarray(0, filled);
}

/** Hash of the up-to-4096 bytes that end at `offset`: proves the part already read was not rewritten. */
export async function guardAt(handle: FileHandle, offset: number): Promise<{ length: number; hash: string | null }> {
  const length = Math.min(GUARD_BYTES, offset);
  if (length === 0) return { length: 0, hash: null };
  const bytes = await readAt(handle, offset - length, length);
  return bytes.length === length ? { length, hash: sha256(bytes) } : { length: 0, hash: null };
}

/** CRC-32 of the bytes [from, to), continuing from `crc`, read in 1 MiB pieces. */
export async function crcOfRange(handle: FileHandle, from: number, to: number, crc: number): Promise<number> {
  let value = crc;
  for (let position = from; position < to; position += 1024 * 1024) {
    const bytes = await readAt(handle, position, Math.min(1024 * 1024, to - position));
    value = crc32(bytes, value);
    if (bytes.length === 0) break;
  }
  return value;
}
