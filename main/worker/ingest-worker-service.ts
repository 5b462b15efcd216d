/**
 * The ingest worker's whole job, as a plain function of (settings, send): owns the single writer
 * connection and the tailer. The worker entry only wires it to worker_threads; tests can call it directly.
 */
import { DbIpGeoLookup } from '../core/enrich/geo-lookup.js';
import { Tailer } from '../core/ingest/tailer.js';
import { openWriter } from '../core/store/database.js';
import { updateRetention } from '../core/store/retention.js';
import type { FromIngestWorker, IngestWorkerData } from './ingest-protocol.js';
import { normalizerThread } from './normalizer-thread.js';

export interface IngestService {
  /** the startup scan (which may read a large backlog), then watching; resolves once watching */
  start(): Promise<void>;
  /** stops at the next batch boundary, at any time, even during the startup scan */
  stop(): Promise<void>;
}

export function createIngestService(settings: IngestWorkerData, send: (message: FromIngestWorker) => void): IngestService {
  const db = openWriter(settings.dbPath);
  if (settings.retention !== undefined) updateRetention(db, settings.retention);
  const customer = settings.customerId !== undefined ? { customerId: settings.customerId } : {};
  // records are normalized in a second thread while this one writes the previous batch
  const normalizer = normalizerThread({ sourceTimeZone: settings.sourceTimeZone, geo: true, ...customer });
  const tailer = new Tailer(db, settings.folders, {
    normalize: { sourceTimeZone: settings.sourceTimeZone, geo: new DbIpGeoLookup(), ...customer },
    normalizer,
    ...(settings.maxRecordBytes !== undefined && { maxRecordBytes: settings.maxRecordBytes }),
    ...(settings.scanIntervalMs !== undefined && { scanIntervalMs: settings.scanIntervalMs }),
    ...(settings.polling === true && { polling: true }),
    ...(settings.finalLineSettleMs !== undefined && { finalLineSettleMs: settings.finalLineSettleMs }),
    onFile: (result) => {
      send({ type: 'file', file: { path: result.path, decision: result.decision, stored: result.stored, duplicates: result.duplicates, quarantined: result.quarantined } });
    },
    onHealth: (health, reason) => {
      send({ type: 'health', health, reason });
    },
    onWatchMode: (folder, mode, reason) => {
      send({ type: 'watch-mode', folder, mode, reason });
    },
    onError: (path, error) => {
      send({ type: 'problem', path, message: error instanceof Error ? error.message : String(error) });
    },
  });
  let stopped: Promise<void> | undefined;
  return {
    async start() {
      send({ type: 'started' });
      await tailer.start();
    },
    stop() {
      stopped ??= (async () => {
        await tailer.stop();
        await normalizer.close();
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        send({ type: 'stopped', ...tailer.totals });
      })();
      return stopped;
    },
  };
}
