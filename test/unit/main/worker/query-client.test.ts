import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOnce } from '../../../../main/core/ingest/ingest-run.js';
import { openWriter } from '../../../../main/core/store/database.js';
import { QueryCancelledError, QueryClient, QueryFailedError } from '../../../../main/worker/query-client.js';
import { PROJECT_ROOT, SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';
import { tempFolder } from '../../../helpers/temp-folder.js';

const hasSamples = sharedAvailable();
const dir = tempFolder('query-worker');
// npm test builds out/ before running the tests: the worker runs the compiled engine
const WORKER = pathToFileURL(join(PROJECT_ROOT, 'out/main/worker/query.worker.js'));

describe.skipIf(!hasSamples)('query worker', () => {
  const db = join(dir, 'q.db');
  let client: QueryClient;

  beforeAll(async () => {
    const writer = openWriter(db);
    await ingestOnce(writer, [join(SAMPLES_ROOT, 'nxlog')], { normalize: { sourceTimeZone: 'UTC' } });
    writer.close();
    client = new QueryClient(db, WORKER);
  });
  afterAll(async () => {
    await client.close();
  });

  it('answers counts, pages, facets and histograms off the calling thread', async () => {
    expect(await client.request({ type: 'count', qql: 'externalId:4624', now: Date.now() })).toBe(18);
    const page = await client.request({ type: 'page', qql: '', now: Date.now(), limit: 5 }) as { events: unknown[]; next?: unknown };
    expect(page.events).toHaveLength(5);
    expect(page.next).toBeDefined();
    const facets = await client.request({ type: 'facets', qql: '', now: Date.now(), token: 'externalId', limit: 3 }) as unknown[];
    expect(facets).toHaveLength(3);
    const histogram = await client.request({ type: 'histogram', qql: 'externalId:4624', now: Date.now() }) as { buckets: { count: number }[] };
    expect(histogram.buckets.reduce((a, b) => a + b.count, 0)).toBe(18);
  });

  it('rejects a QQL error with its code and span', async () => {
    const failure = client.request({ type: 'count', qql: 'usrName:bob', now: Date.now() });
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ code: 'E009', start: 0, end: 7 });
  });

  it('cancels running requests and keeps answering afterwards', async () => {
    const running = client.start({ type: 'page', qql: 'powershell OR raw:mimikatz', now: Date.now(), limit: 1000 });
    const outcome = expect(running.result).rejects.toBeInstanceOf(QueryCancelledError);
    await client.cancel();
    await outcome;
    expect(await client.request({ type: 'count', qql: '', now: Date.now() })).toBe(602);
  });
});
