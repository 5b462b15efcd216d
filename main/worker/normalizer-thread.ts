/**
 * A BatchNormalizer in a worker thread: the ingest thread writes one batch to SQLite while this
 * thread normalizes the next (tailing.md §9: bounded batches; at most a few are in flight).
 */
import { Worker } from 'node:worker_threads';
import type { BatchNormalizer, NormalizedText } from '../core/normalize/batch-normalizer.js';
import type { NormalizeReply, NormalizeRequest, NormalizerSettings } from './normalizer-protocol.js';

export function normalizerThread(settings: NormalizerSettings, workerUrl: URL = new URL('./normalizer.worker.js', import.meta.url)): BatchNormalizer {
  // a small young generation: batches are short-lived garbage, and the peak RSS stays low (design.md §8)
  const worker = new Worker(workerUrl, { workerData: settings satisfies NormalizerSettings, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  // idle, it must not keep the process alive
  worker.unref();
  const pending = new Map<number, { resolve: (results: NormalizedText[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: NormalizeReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) waiter?.resolve(reply.results);
    else waiter?.reject(new Error(reply.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    fail(new Error(`the normalizer thread ended (exit code ${code})`));
  });
  return {
    normalize(texts) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, texts } satisfies NormalizeRequest);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      fail(new Error('the normalizer thread was closed'));
      await worker.terminate();
    },
  };
}
