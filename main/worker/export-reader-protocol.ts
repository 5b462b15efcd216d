/** Messages between an export and its batch reader threads. Plain data only. */
import type { PlannedBatch } from '../core/export/batch-plan.js';
import type { BatchOutcome } from '../core/export/range-batch.js';
import type { BatchReaderSetup } from '../core/export/export-service.js';

export type ExportReaderData = BatchReaderSetup;

export type ExportReaderRequest = PlannedBatch;

export type ExportReaderReply =
  | { readonly sequence: number; readonly ok: true; readonly outcome: BatchOutcome }
  | { readonly sequence: number; readonly ok: false; readonly message: string };
