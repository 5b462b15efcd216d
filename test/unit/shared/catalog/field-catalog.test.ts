import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_CATALOG, findField } from '../../../../shared/catalog/field-catalog.js';
import { SHARED_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';

const hasShared = sharedAvailable();

interface GuideRow { source: string; token: string }

/** Rows of the guide's tables whose second column is a QQL token: "Data Field Mappings" and "Qualys Internal Fields". */
function guideTables(): { mappings: GuideRow[]; internal: string[] } {
  const text = readFileSync(join(SHARED_ROOT, 'seeds/windows-data-mapping-guide.md'), 'utf8');
  const mappingsStart = text.indexOf('## Data Field Mappings');
  const internalStart = text.indexOf('## Qualys Internal Fields');
  const valueMapStart = text.indexOf('## Field Value Mappings');
  const rowsOf = (section: string): string[][] =>
    section.split('\n')
      .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
  const mappings = rowsOf(text.slice(mappingsStart, internalStart))
    .filter((cells) => cells[0] !== 'Data Source Fields' && cells[0] !== 'Data Source Fields ')
    .map((cells) => ({ source: normalizeSource(cells[0] ?? ''), token: cells[1] ?? '' }));
  const internal = rowsOf(text.slice(internalStart, valueMapStart))
    .map((cells) => cells[0] ?? '')
    .filter((token) => token !== 'Qualys Context XDR QQL Tokens');
  return { mappings, internal };
}

function normalizeSource(cell: string): string {
  return cell.replace(/<br>/g, '').replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ').trim();
}

describe.skipIf(!hasShared)('field catalog against the mapping guide', () => {
  const { mappings, internal } = hasShared ? guideTables() : { mappings: [], internal: [] };

  it('reads the whole guide table (81 rows, 69 tokens)', () => {
    expect(mappings).toHaveLength(81);
    expect(new Set(mappings.map((row) => row.token)).size).toBe(69);
  });

  it('has every row of the guide table: the token, with the guide source name', () => {
    const missing = mappings.filter((row) => !findField(row.token)?.guideSources.includes(row.source));
    expect(missing).toEqual([]);
  });

  it('has the six internal fields', () => {
    expect(internal).toEqual(['deviceType', 'deviceVendor', 'deviceModel', 'customerId', 'eventId', 'eventTime']);
    for (const token of internal) expect(findField(token), token).toBeDefined();
  });

  it('lists no guide source that the guide does not have', () => {
    const rows = new Set(mappings.map((row) => `${row.token}|${row.source}`));
    const extra = FIELD_CATALOG.flatMap((field) => field.guideSources.map((source) => `${field.name}|${source}`)).filter((key) => !rows.has(key));
    expect(extra).toEqual([]);
  });
});

describe('field catalog', () => {
  it('declares each token once, camelCase', () => {
    const names = FIELD_CATALOG.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('marks the required extensions', () => {
    for (const name of ['channel', 'provider', 'recordId', 'logonType', 'sourceIpv6', 'destinationIpv6']) {
      expect(findField(name)?.origin, name).toBe('extension');
    }
  });

  it('puts exactly the design.md full-text tokens in the full-text index', () => {
    const fullText = FIELD_CATALOG.filter((f) => f.fullText).map((f) => f.name).sort();
    expect(fullText).toEqual([
      'command', 'destinationProcess', 'destinationServiceName', 'eventName', 'fileName', 'filePath', 'message',
      'object', 'processName', 'sourceProcess', 'winLogImagePath',
    ]);
  });

  it('describes every token', () => {
    for (const field of FIELD_CATALOG) expect(field.description.length, field.name).toBeGreaterThan(5);
  });
});
