import { describe, expect, it } from 'vitest';
import { isNetworkFolder, isUncPath } from '../../../../../main/core/ingest/network-folder.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

describe('network folders are polled (tailing.md §11)', () => {
  it.each(['\\\\fileserver\\logs', '\\\\fileserver\\logs\\dc01', '//fileserver/logs'])('takes %j for a UNC path', async (path) => {
    expect(isUncPath(path)).toBe(true);
    expect(await isNetworkFolder(path)).toBe(true);
  });

  it.each(['C:\\Logs', '/var/log/xdr', 'logs', '\\\\fileserver'])('does not take %j for one', (path) => {
    expect(isUncPath(path)).toBe(false);
  });

  it('finds a local temporary folder local', async () => {
    expect(await isNetworkFolder(tempFolder('local'))).toBe(false);
  });
});
