import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvtxRecord } from '../../../../../main/core/normalize/shapes/evtx-json.js';
import { readPowerShellRecord } from '../../../../../main/core/normalize/shapes/powershell.js';
import { normalizeRecord } from '../../../../../main/core/normalize/normalizer.js';
import { propertyNames } from '../../../../../main/core/normalize/powershell/template-lookup.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../../helpers/shared-folder.js';

const hasSamples = sharedAvailable();

function powershellRecords(): Record<string, unknown>[] {
  const dir = join(SAMPLES_ROOT, 'powershell');
  return readdirSync(dir).filter((f) => !f.startsWith('dirty-')).flatMap((file) => {
    const bytes = readFileSync(join(dir, file));
    const text = bytes[0] === 0xff ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8').replace(/^\uFEFF/, '');
    return JSON.parse(text) as Record<string, unknown>[];
  });
}

function evtxByIdentity(): Map<string, Record<string, unknown>> {
  const dir = join(SAMPLES_ROOT, 'evtx-json');
  const records = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      try {
        const record = JSON.parse(line) as { Event: { System: { Computer: string; EventRecordID: number; Channel: string } } };
        const system = record.Event.System;
        records.set(`${system.Computer}|${system.EventRecordID}|${system.Channel}`, record);
      } catch {
        // damaged lines of the dirty file
      }
    }
  }
  return records;
}

/** PowerShell types values by template (numbers for HexInt, lower-case GUIDs, /Date()/ times): compare loosely. */
function comparable(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value) ?? '';
  const text = value;
  if (/^0x[0-9a-f]+$/i.test(text)) return String(Number.parseInt(text.slice(2), 16));
  return text.toLowerCase().replace(/^\{(.*)\}$/, '$1');
}

describe.skipIf(!hasSamples)('PowerShell property templates', () => {
  it('name every property of every sampled event as its evtx_dump twin names it', () => {
    const evtx = hasSamples ? evtxByIdentity() : new Map<string, Record<string, unknown>>();
    let compared = 0;
    const mismatches: string[] = [];
    for (const ps of powershellRecords()) {
      const twin = evtx.get(`${String(ps.MachineName)}|${String(ps.RecordId)}|${String(ps.LogName)}`);
      expect(twin, `${String(ps.ProviderName)}:${String(ps.Id)} #${String(ps.RecordId)}`).toBeDefined();
      if (twin === undefined) continue;
      const fromPs = readPowerShellRecord(ps);
      const fromEvtx = readEvtxRecord(twin);
      const properties = ps.Properties as { Value: unknown }[];
      // classic events (unnamed data) have no template: their values are param1…N by position
      const names = propertyNames(String(ps.ProviderName), Number(ps.Id), Number(ps.Version ?? 0), properties.length) ?? [];
      for (const name of names) {
        if (name === 'Binary') continue;
        const a = fromPs.data(name)?.value;
        const b = fromEvtx?.data(name)?.value;
        if (typeof a === 'string' && /^\/Date\(/.test(a)) continue;
        if (typeof a === 'string' && /^(\d+ )+\d+$/.test(a)) continue; // binary as byte list
        compared++;
        if (comparable(a) !== comparable(b)) mismatches.push(`${String(ps.ProviderName)}:${String(ps.Id)} #${String(ps.RecordId)} ${name}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
      expect(fromPs.degraded, `${String(ps.ProviderName)}:${String(ps.Id)}`).toBeUndefined();
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('PowerShell records without EventData (ConvertTo-Json depth loss)', () => {
  it('reads EventData from the rendered message and marks the record degraded', () => {
    const record = {
      Id: 4624, Version: 2, Level: 0, Task: 12544, Keywords: -9214364837600034816, RecordId: 77,
      ProviderName: 'Microsoft-Windows-Security-Auditing', LogName: 'Security', MachineName: 'WS01', ProcessId: 612,
      TimeCreated: '/Date(1709288130123)/',
      Message: 'An account was successfully logged on.\r\n\r\nSubject:\r\n\tSecurity ID:\t\tS-1-5-18\r\n\tAccount Name:\t\tWS01$\r\n\tAccount Domain:\t\tCORP\r\n\tLogon ID:\t\t0x3E7\r\n\r\nLogon Information:\r\n\tLogon Type:\t\t3\r\n\r\nNew Logon:\r\n\tSecurity ID:\t\tS-1-5-21-1-2-3-1104\r\n\tAccount Name:\t\talice\r\n\tAccount Domain:\t\tCORP\r\n\tLogon ID:\t\t0x1A2B3C\r\n\r\nNetwork Information:\r\n\tWorkstation Name:\tWS07\r\n\tSource Network Address:\t192.0.2.10\r\n\tSource Port:\t\t50122',
      Properties: ['System.Diagnostics.Eventing.Reader.EventProperty', 'System.Diagnostics.Eventing.Reader.EventProperty'],
    };
    const result = normalizeRecord(record, { sourceTimeZone: 'UTC' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.degraded).toMatch(/depth/);
    expect(result.event).toMatchObject({
      destinationUser: 'alice', destinationDomain: 'CORP', winLogTargetLogonId: '0x1a2b3c', userName: 'WS01$', winlogSubjectSid: 'S-1-5-18',
      sourceIpv4: '192.0.2.10', sourcePort: 50122, sourceHost: 'WS07', logonType: 3, eventTime: '2024-03-01T10:15:30.123Z',
    });
    expect(result.provenance.destinationUser).toBe('Message (TargetUserName)');
  });
});
