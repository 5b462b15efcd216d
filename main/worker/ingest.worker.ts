/** Worker thread entry: the ingest service with its own writer connection, off the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from './ingest-protocol.js';
import { startIngestService } from './ingest-worker-service.js';

const port = parentPort;
if (port === null) throw new Error('ingest.worker must run in a worker thread');
const send = (message: FromIngestWorker): void => {
  port.postMessage(message);
};

startIngestService(workerData as IngestWorkerData, send).then((service) => {
  port.on('message', (message: ToIngestWorker) => {
    if (message.type === 'stop') void service.stop().then(() => { port.close(); });
  });
}, (error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
});
