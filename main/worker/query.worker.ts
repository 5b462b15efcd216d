/** Worker thread entry: queries on a read-only connection, so a slow one never blocks ingest or the UI. */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../core/store/database.js';
import { handleQueryRequest } from './query-handler.js';
import type { QueryRequest, QueryWorkerData } from './query-protocol.js';

if (parentPort === null) throw new Error('query.worker must run in a worker thread');
const port = parentPort;
const db = openReader((workerData as QueryWorkerData).dbPath);
port.on('message', (request: QueryRequest) => {
  port.postMessage(handleQueryRequest(db, request));
});
