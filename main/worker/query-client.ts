/**
 * Runs queries in a worker thread. better-sqlite3 cannot interrupt a statement, so cancelling means
 * ending the worker: pending requests are rejected and the next request starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import type { QueryReply, QueryRequest, QueryWorkerData } from './query-protocol.js';

type Request = QueryRequest extends infer R ? (R extends { readonly id: number } ? Omit<R, 'id'> : never) : never;

export class QueryCancelledError extends Error {
  override readonly name = 'QueryCancelledError';
}

export class QueryFailedError extends Error {
  override readonly name = 'QueryFailedError';

  constructor(readonly code: string, message: string, readonly start?: number, readonly end?: number) {
    super(message);
  }
}

export class QueryClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly dbPath: string, private readonly workerUrl: URL = new URL('./query.worker.js', import.meta.url)) {}

  /** Starts the request; `id` identifies it for `cancel`. */
  start(request: Request): { id: number; result: Promise<unknown> } {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
    });
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage({ ...request, id });
    return { id, result };
  }

  request(request: Request): Promise<unknown> {
    return this.start(request).result;
  }

  /** Ends the worker (and so every running request); later requests get a new worker. */
  async cancel(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.rejectAll(new QueryCancelledError('query cancelled'));
    await worker?.terminate();
  }

  async close(): Promise<void> {
    await this.cancel();
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.workerUrl, { workerData: { dbPath: this.dbPath } satisfies QueryWorkerData });
    worker.on('message', (reply: QueryReply) => {
      const waiting = this.pending.get(reply.id);
      if (waiting === undefined) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new QueryFailedError(reply.error.code, reply.error.message, reply.error.start, reply.error.end));
      // an idle worker must not keep the process alive
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = undefined;
      this.rejectAll(error);
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private rejectAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
