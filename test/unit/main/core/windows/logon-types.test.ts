import { describe, expect, it } from 'vitest';
import { LOGON_TYPE_TABLE, logonType, logonTypeName, logonTypeNumber } from '../../../../../main/core/windows/logon-types.js';

describe('logon types (§6)', () => {
  it('names every value of the table', () => {
    expect(LOGON_TYPE_TABLE.map((r) => [r.value, r.name])).toEqual([
      [0, 'System'], [2, 'Interactive'], [3, 'Network'], [4, 'Batch'], [5, 'Service'], [7, 'Unlock'],
      [8, 'NetworkCleartext'], [9, 'NewCredentials'], [10, 'RemoteInteractive'], [11, 'CachedInteractive'],
      [12, 'CachedRemoteInteractive'], [13, 'CachedUnlock'],
    ]);
  });

  it('accepts numbers and decimal text', () => {
    expect(logonTypeName(3)).toBe('Network');
    expect(logonTypeName('10')).toBe('RemoteInteractive');
    expect(logonTypeName(' 2 ')).toBe('Interactive');
    expect(logonTypeName(0)).toBe('System');
    expect(logonTypeName('0')).toBe('System');
  });

  it('returns undefined for values not in the table', () => {
    expect(logonTypeName(1)).toBeUndefined();
    expect(logonTypeName(6)).toBeUndefined();
    expect(logonTypeName(14)).toBeUndefined();
    expect(logonTypeName('')).toBeUndefined();
    expect(logonTypeName('Network')).toBeUndefined();
  });

  it('gives the meaning and the reverse lookup', () => {
    expect(logonType('9')?.meaning).toBe('cloned token with new outbound credentials (`runas /netonly`)');
    expect(logonTypeNumber('Network')).toBe(3);
    expect(logonTypeNumber('remoteinteractive')).toBe(10);
    expect(logonTypeNumber('Nope')).toBeUndefined();
  });
});
