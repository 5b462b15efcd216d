/** Worker thread entry: the ingest service with its own writer connection, off the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from './ingest-protocol.js';
import { createIngestService } from './ingest-worker-service.js';

if (parentPort === null) throw new Error('ingest.worker must run in a worker thread');
const port = parentPort;
const send = (message: FromIngestWorker): void => {
  port.postMessage(message);
};

function fail(error: unknown): void {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}

try {
  const service = createIngestService(workerData as IngestWorkerData, send);
  // listen before the startup scan: a stop must not wait for a large backlog to be read
  port.on('message', (message: ToIngestWorker) => {
    if (message.type === 'stop') service.stop().then(() => { port.close(); }, fail);
  });
  service.start().catch(fail);
} catch (error) {
  fail(error);
}
