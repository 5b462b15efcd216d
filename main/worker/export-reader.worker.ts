/** Batch reader thread of an export: reads a batch's key range on its own read-only connection and writes its file. */
import { parentPort, workerData } from 'node:worker_threads';
import { isCancelled } from '../core/export/export-service.js';
import { BatchRangeReader } from '../core/export/range-batch.js';
import { openReader, SCAN_CACHE_KIB } from '../core/store/database.js';
import type { ExportReaderData, ExportReaderReply, ExportReaderRequest } from './export-reader-protocol.js';

if (parentPort === null) throw new Error('export-reader.worker must run in a worker thread');
const port = parentPort;
const setup = workerData as ExportReaderData;
const db = openReader(setup.dbPath, { cacheKib: SCAN_CACHE_KIB });
const reader = new BatchRangeReader(db, setup.source);

// the pool sends a batch only to an idle reader, so batches never overlap here
port.on('message', (plan: ExportReaderRequest) => {
  reader.write(plan, () => isCancelled(setup.cancel)).then(
    (outcome) => {
      port.postMessage({ sequence: plan.sequence, ok: true, outcome } satisfies ExportReaderReply);
    },
    (error: unknown) => {
      port.postMessage({ sequence: plan.sequence, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ExportReaderReply);
    },
  );
});
