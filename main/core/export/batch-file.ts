/**
 * One export file: written under `<name>.partial`, optionally through gzip, hashed and counted as
 * it reaches the disk, then synced and renamed to its final name — so a final name always holds a
 * complete file, whatever happens to the process.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { PARTIAL_SUFFIX } from './batch-naming.js';

export interface CommittedFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export class BatchFile {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly head: Writable;
  private readonly done: Promise<void>;

  private constructor(private readonly folder: string, readonly name: string, private readonly handle: FileHandle, gzip: boolean) {
    const tap = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        callback(null, chunk);
      },
    });
    // the handle stays open after the streams end, to be synced before the rename
    const file = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        handle.write(chunk).then(() => { callback(); }, callback);
      },
    });
    if (gzip) {
      const gz = createGzip({ level: 6, chunkSize: 256 * 1024 });
      this.head = gz;
      this.done = pipeline(gz, tap, file);
    } else {
      this.head = tap;
      this.done = pipeline(tap, file);
    }
    // a failure surfaces from write() or commit(); this keeps it from being reported as unhandled first
    this.done.catch(() => undefined);
  }

  /** Creates `<folder>/<name>.partial` (replacing a leftover of a killed run). */
  static async create(folder: string, name: string, gzip: boolean): Promise<BatchFile> {
    const handle = await open(join(folder, name + PARTIAL_SUFFIX), 'w');
    return new BatchFile(folder, name, handle, gzip);
  }

  async write(text: string): Promise<void> {
    if (!this.head.write(text)) {
      await Promise.race([once(this.head, 'drain'), this.done]);
    }
  }

  /** Ends the file, syncs it to disk and gives it its final name. */
  async commit(): Promise<CommittedFile> {
    this.head.end();
    await this.done;
    await this.handle.sync();
    await this.handle.close();
    await rename(join(this.folder, this.name + PARTIAL_SUFFIX), join(this.folder, this.name));
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Abandons the file: nothing is left under either name. */
  async discard(): Promise<void> {
    this.head.destroy();
    await this.done.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await rm(join(this.folder, this.name + PARTIAL_SUFFIX), { force: true });
  }
}
