/**
 * Batch readers in worker threads, one batch each at a time: an export's batches are read and written
 * in parallel while the export's own thread plans the next ones (both cores busy on a 2-core machine).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PlannedBatch } from '../core/export/batch-plan.js';
import type { BatchReaderSetup, BatchReaders, OpenBatchReaders } from '../core/export/export-service.js';
import type { BatchOutcome } from '../core/export/range-batch.js';
import type { ExportReaderData, ExportReaderReply } from './export-reader-protocol.js';

interface Running {
  readonly resolve: (outcome: BatchOutcome) => void;
  readonly reject: (error: Error) => void;
}

class ReaderThread {
  private running: Running | undefined;
  private failure: Error | undefined;
  readonly worker: Worker;

  constructor(url: URL, setup: BatchReaderSetup, private readonly onIdle: () => void) {
    this.worker = new Worker(url, { workerData: setup satisfies ExportReaderData, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    this.worker.on('message', (reply: ExportReaderReply) => {
      const running = this.running;
      this.running = undefined;
      if (reply.ok) running?.resolve(reply.outcome);
      else running?.reject(new Error(reply.message));
      this.onIdle();
    });
    this.worker.on('error', (error) => {
      this.fail(error);
    });
    this.worker.on('exit', (code) => {
      this.fail(new Error(`an export reader thread ended (exit code ${code})`));
    });
  }

  get idle(): boolean {
    return this.running === undefined && this.failure === undefined;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  run(plan: PlannedBatch): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.running = { resolve, reject };
      this.worker.postMessage(plan);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.running?.reject(error);
    this.running = undefined;
    this.onIdle();
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export function defaultReaderCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** `readers` for `exportEvents`: `count` reader threads running `workerUrl` (the compiled export-reader.worker.js). */
export function readerThreads(count = defaultReaderCount(), workerUrl: URL = new URL('./export-reader.worker.js', import.meta.url)): OpenBatchReaders {
  return (setup) => {
    let wake: (() => void) | undefined;
    const threads = Array.from({ length: count }, () => new ReaderThread(workerUrl, setup, () => {
      wake?.();
    }));
    const idleThread = async (): Promise<ReaderThread> => {
      for (;;) {
        const idle = threads.find((t) => t.idle);
        if (idle !== undefined) return idle;
        const broken = threads.find((t) => t.failed !== undefined);
        if (threads.every((t) => t.failed !== undefined) && broken?.failed !== undefined) throw broken.failed;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    };
    const readers: BatchReaders = {
      async submit(plan) {
        const thread = await idleThread();
        const outcome = thread.run(plan);
        return { outcome };
      },
      async close() {
        await Promise.all(threads.map((t) => t.close()));
      },
    };
    return readers;
  };
}
