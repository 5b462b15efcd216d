/** Normalizer thread: JSON parsing and normalization of ingest batches, beside the thread that writes SQLite. */
import { parentPort, workerData } from 'node:worker_threads';
import { DbIpGeoLookup } from '../core/enrich/geo-lookup.js';
import { normalizeTexts } from '../core/normalize/batch-normalizer.js';
import type { NormalizeOptions } from '../core/normalize/normalizer.js';
import type { NormalizeReply, NormalizeRequest, NormalizerSettings } from './normalizer-protocol.js';

if (parentPort === null) throw new Error('normalizer.worker must run in a worker thread');
const port = parentPort;
const settings = workerData as NormalizerSettings;
const options: NormalizeOptions = {
  sourceTimeZone: settings.sourceTimeZone,
  ...(settings.customerId !== undefined && { customerId: settings.customerId }),
  ...(settings.shape !== undefined && { shape: settings.shape }),
  ...(settings.geo && { geo: new DbIpGeoLookup() }),
};

port.on('message', (request: NormalizeRequest) => {
  let reply: NormalizeReply;
  try {
    reply = { id: request.id, ok: true, results: normalizeTexts(request.texts, options) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
