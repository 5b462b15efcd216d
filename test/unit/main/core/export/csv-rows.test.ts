import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRow, neutralizeCell } from '../../../../../main/core/export/csv-rows.js';

describe('CSV rows', () => {
  it.each(["=cmd|' /C calc'!A0", '+1', '-2', '@SUM(1)', '\tleading tab', '\rleading CR'])('neutralizes %j against formula injection', (text) => {
    expect(neutralizeCell(text)).toBe(`'${text}`);
  });

  it('keeps ordinary text as it is', () => {
    expect(neutralizeCell('C:\\Windows\\cmd.exe')).toBe('C:\\Windows\\cmd.exe');
  });

  it('quotes per RFC 4180 and parses back to the same values with a real CSV parser', () => {
    const columns = ['userName', 'command', 'externalId', 'permissions', 'message', 'geoSourceCoordinates'];
    const event = { userName: 'a"b,c', command: '=1+1', externalId: 4624, permissions: ['%%1537', 'Se Debug, "x"'], message: 'line one\r\nline two', geoSourceCoordinates: [-33.87, 151.21] as const };
    const text = csvHeader(columns) + csvRow(columns, event) + csvRow(columns, {});
    const rows: string[][] = parse(text);
    expect(rows).toEqual([
      columns,
      ['a"b,c', "'=1+1", '4624', '["%%1537","Se Debug, \\"x\\""]', 'line one\r\nline two', '[-33.87,151.21]'],
      ['', '', '', '', '', ''],
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
