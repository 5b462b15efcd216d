import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry, ProviderFamily } from '../../../../../main/core/windows/event-catalog.js';
import {
  EVENT_CATALOG,
  PROVIDER_FAMILIES,
  findCatalogEntry,
  findCatalogEntryByChannel,
  findCatalogEntryByFamily,
  providerFamily,
} from '../../../../../main/core/windows/event-catalog.js';

const SECURITY = 'Microsoft-Windows-Security-Auditing';
const SYSMON = 'Microsoft-Windows-Sysmon';

function entry(provider: string, id: number): CatalogEntry {
  const e = findCatalogEntry(provider, id);
  if (e === undefined) throw new Error(`no catalog entry for ${provider} ${id}`);
  return e;
}

describe('event catalog (§8): representative rows', () => {
  it('4624 / 4625', () => {
    const logon = entry(SECURITY, 4624);
    expect(logon).toMatchObject({ title: 'An account was successfully logged on.', tasks: [12544], outcome: 'S', ecsCategory: ['authentication'], ecsType: ['start'], ecsProposal: false, fieldsComplete: true });
    expect(logon.fields.slice(0, 9)).toEqual([
      'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId',
      'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'LogonType',
    ]);
    expect(logon.fields).toHaveLength(27);
    expect(logon.fields[logon.fieldVersions.indexOf(1)]).toBe('ImpersonationLevel');
    expect(logon.fields.filter((_, i) => logon.fieldVersions[i] === 2)).toEqual([
      'RestrictedAdminMode', 'TargetOutboundUserName', 'TargetOutboundDomainName', 'VirtualAccount', 'TargetLinkedLogonId', 'ElevatedToken',
    ]);
    const failed = entry(SECURITY, 4625);
    expect(failed).toMatchObject({ title: 'An account failed to log on.', outcome: 'F', tasks: [12544, 12546] });
    expect(failed.fields).toContain('SubStatus');
    expect(failed.fields).not.toContain('TargetLogonId');
  });

  it('splits multi-ID rows with full titles and position-mapped ECS types', () => {
    expect(entry(SECURITY, 4698)).toMatchObject({ title: 'A scheduled task was created.', ecsCategory: ['iam', 'configuration'], ecsType: ['creation', 'admin'] });
    expect(entry(SECURITY, 4699)).toMatchObject({ title: 'A scheduled task was deleted.', ecsType: ['deletion', 'admin'] });
    expect(entry(SECURITY, 4700)).toMatchObject({ title: 'A scheduled task was enabled.', ecsType: ['change', 'admin'] });
    expect(entry(SECURITY, 4701)).toMatchObject({ title: 'A scheduled task was disabled.', ecsType: ['change', 'admin'] });
    expect(entry(SECURITY, 4800).title).toBe('The workstation was locked.');
    expect(entry(SECURITY, 4801).title).toBe('The workstation was unlocked.');
    expect(entry(SECURITY, 5142)).toMatchObject({ title: 'A network share object was added.', ecsType: ['creation'], ecsProposal: true, fieldsComplete: false });
    expect(entry(SECURITY, 5143).fields).toContain('ObjectType');
    expect(entry(SECURITY, 5144).fields).not.toContain('ObjectType');
    expect(entry(SECURITY, 4705)).toMatchObject({ title: 'A user right was removed.', ecsType: ['deletion'], ecsProposal: true });
    expect(entry(SECURITY, 4737)).toMatchObject({ title: 'A security-enabled global group was changed.', ecsType: ['group', 'change'] });
    expect(entry(SECURITY, 4730)).toMatchObject({ title: 'A security-enabled global group was deleted.', ecsType: ['group', 'deletion'] });
    expect(entry(SECURITY, 4756).title).toBe('A member was added to a security-enabled universal group.');
    expect(entry(SECURITY, 4758).title).toBe('A security-enabled universal group was deleted.');
    expect(entry(SECURITY, 4744).title).toBe('A security-disabled local group was created.');
    expect(entry(SECURITY, 4753).title).toBe('A security-disabled global group was deleted.');
    expect(entry(SECURITY, 4762)).toMatchObject({ title: 'A member was removed from a security-disabled universal group.', tasks: [13827] });
    expect(entry(SECURITY, 4762).fields.slice(0, 3)).toEqual(['MemberName', 'MemberSid', 'TargetUserName']);
    expect(entry(SECURITY, 4742)).toMatchObject({ title: 'A computer account was changed.', ecsCategory: ['iam'], ecsType: ['change', 'admin'] });
    expect(entry(SECURITY, 4742).fields.slice(-2)).toEqual(['DnsHostName', 'ServicePrincipalNames']);
    expect(entry(SECURITY, 5443).title).toBe('The following provider context was present when the Windows Filtering Platform Base Filtering Engine started.');
    expect(entry(SECURITY, 5444).title).toBe('The following sub-layer was present when the Windows Filtering Platform Base Filtering Engine started.');
    expect(entry(SECURITY, 5448).title).toBe('A Windows Filtering Platform provider has been changed.');
    expect(entry(SECURITY, 5450).title).toBe('A Windows Filtering Platform sub-layer has been changed.');
    expect(findCatalogEntry(SECURITY, 5445)).toBeUndefined();
    expect(entry(SECURITY, 4947).title).toBe('A change has been made to Windows Firewall exception list. A rule was modified.');
  });

  it('expands "as …" references and abbreviations', () => {
    expect(entry(SECURITY, 4770).fields).toEqual(entry(SECURITY, 4769).fields.slice(0, 8));
    expect(entry(SECURITY, 4770).fields.at(-1)).toBe('IpPort');
    expect(entry(SECURITY, 4738).fields).toEqual(entry(SECURITY, 4720).fields);
    expect(entry(SECURITY, 4779).fields).toEqual(entry(SECURITY, 4778).fields);
    expect(entry(SECURITY, 5157).fields).toEqual(entry(SECURITY, 5156).fields);
    expect(entry(SECURITY, 5156).fields[0]).toBe('ProcessID');
    expect(entry(SECURITY, 5152).fields[0]).toBe('ProcessId');
    expect(entry(SECURITY, 4907).fields.slice(4, 8)).toEqual(['ObjectServer', 'ObjectType', 'ObjectName', 'HandleId']);
    expect(entry(SECURITY, 4817).fields).not.toContain('HandleId');
    expect(entry(SECURITY, 4688).fields.filter((_, i) => entry(SECURITY, 4688).fieldVersions[i] === 2)).toEqual([
      'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'ParentProcessName', 'MandatoryLabel',
    ]);
    const handle = entry(SECURITY, 4656);
    expect(handle.fields.filter((_, i) => handle.fieldVersions[i] === 1)).toEqual(['AccessReason', 'ResourceAttributes']);
    expect(entry(SECURITY, 4739).fieldsComplete).toBe(false);
    expect(entry(SECURITY, 5441).otherFields).toEqual(['Weight', 'Conditions', 'Action', 'CalloutKey', 'CalloutName']);
    expect(entry(SECURITY, 5137)).toMatchObject({ fields: [], fieldsComplete: false, otherFields: ['ObjectDN', 'ObjectGUID', 'ObjectClass'] });
    expect(entry(SECURITY, 4608)).toMatchObject({ fields: [], fieldsComplete: true, ecsCategory: ['host'], ecsProposal: true });
  });

  it('Sysmon rows', () => {
    expect(entry(SYSMON, 12).title).toBe('Registry object added or deleted');
    expect(entry(SYSMON, 13)).toMatchObject({ title: 'Registry value set', ecsCategory: ['configuration', 'registry'], ecsType: ['change'], outcome: undefined });
    expect(entry(SYSMON, 14).title).toBe('Registry object renamed');
    expect(entry(SYSMON, 13).fields).toEqual(['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'Details', 'User']);
    expect(entry(SYSMON, 1).fields.slice(0, 5)).toEqual(['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image']);
    expect(entry(SYSMON, 4).fields).toEqual(['UtcTime', 'State', 'Version', 'SchemaVersion']);
    expect(entry(SYSMON, 16).fields[0]).toBe('UtcTime');
    expect(entry(SYSMON, 6).fields.slice(0, 3)).toEqual(['RuleName', 'UtcTime', 'ImageLoaded']);
    expect(entry(SYSMON, 7)).toMatchObject({ fieldsComplete: false, fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'ImageLoaded'] });
    expect(entry(SYSMON, 20)).toMatchObject({ title: 'WmiEventConsumer activity detected', ecsType: ['change'] });
    expect(entry(SYSMON, 21).ecsType).toEqual(['access']);
    expect(entry(SYSMON, 24)).toMatchObject({ ecsCategory: [], ecsType: ['change'] });
    expect(entry(SYSMON, 27)).toMatchObject({ title: 'File Block Executable', outcome: 'F', ecsType: ['creation'] });
    expect(entry(SYSMON, 28)).toMatchObject({ outcome: undefined, ecsType: ['deletion'] });
    expect(entry(SYSMON, 255)).toMatchObject({ outcome: 'F', ecsCategory: ['process'], ecsType: [], fields: ['UtcTime', 'ID', 'Description'] });
    expect(entry(SYSMON, 23).fields.at(-1)).toBe('Archived');
    expect(entry(SYSMON, 26).fields).not.toContain('Archived');
  });

  it('other providers and channels', () => {
    expect(entry('Microsoft-Windows-Eventlog', 1102)).toMatchObject({ provider: 'eventlog', channel: 'Security', tasks: [104], userData: true, userDataElement: 'LogFileCleared' });
    expect(entry('Microsoft-Windows-Eventlog', 104)).toMatchObject({ channel: 'System', title: 'The %1 log file was cleared.', outcome: '-' });
    expect(entry('Service Control Manager', 7036)).toMatchObject({ provider: 'scm', channel: 'System', tasks: [], outcome: '-', fields: ['param1', 'param2', 'Binary'] });
    expect(entry('Service Control Manager', 7040).fields).toEqual(['param1', 'param2', 'param3', 'param4']);
    expect(entry('Microsoft-Windows-PowerShell', 4104)).toMatchObject({ title: 'Creating Scriptblock text', outcome: undefined, ecsCategory: ['process'], ecsType: ['info'] });
    expect(entry('Microsoft-Windows-PowerShell', 4106).ecsType).toEqual(['end']);
    expect(entry(SECURITY, 4766)).toMatchObject({ outcome: 'F', fields: [], fieldsComplete: false });
    expect(entry(SECURITY, 4610).tasks).toEqual([12289]);
  });
});

describe('lookup functions', () => {
  it('matches provider names case-insensitively, provider only', () => {
    expect(providerFamily('microsoft-windows-security-auditing')).toBe('security');
    expect(providerFamily('MICROSOFT-WINDOWS-SYSMON')).toBe('sysmon');
    expect(providerFamily('Service Control Manager')).toBe('scm');
    expect(providerFamily('Security')).toBeUndefined();
    expect(findCatalogEntry('microsoft-windows-security-auditing', 4624)?.id).toBe(4624);
    expect(findCatalogEntry('Security', 4624)).toBeUndefined();
    expect(findCatalogEntry(SECURITY, 1)).toBeUndefined();
    expect(findCatalogEntry(SYSMON, 4624)).toBeUndefined();
    expect(findCatalogEntry(SECURITY, 4624.5)).toBeUndefined();
    expect(findCatalogEntry(SECURITY, -4624)).toBeUndefined();
    expect(findCatalogEntryByFamily('sysmon', 1)?.title).toBe('Process Create');
  });

  it('finds entries by channel', () => {
    expect(findCatalogEntryByChannel('Security', 4625)?.provider).toBe('security');
    expect(findCatalogEntryByChannel('security', 1102)?.provider).toBe('eventlog');
    expect(findCatalogEntryByChannel('System', 104)?.provider).toBe('eventlog');
    expect(findCatalogEntryByChannel('System', 7045)?.provider).toBe('scm');
    expect(findCatalogEntryByChannel('Security', 104)).toBeUndefined();
    expect(findCatalogEntryByChannel('Microsoft-Windows-Sysmon/Operational', 3)?.title).toBe('Network connection detected');
    expect(findCatalogEntryByChannel('microsoft-windows-powershell/operational', 4103)?.provider).toBe('powershell');
    expect(findCatalogEntryByChannel('Application', 4624)).toBeUndefined();
  });

  it('has well-formed entries', () => {
    for (const e of EVENT_CATALOG) {
      expect(e.fieldVersions).toHaveLength(e.fields.length);
      expect(e.title).not.toBe('');
      expect(new Set(e.fields).size, `${e.provider} ${e.id} duplicate field`).toBe(e.fields.length);
      expect(e.fields.every((f) => /^[A-Za-z][A-Za-z0-9]*$/.test(f)), `${e.provider} ${e.id} field names`).toBe(true);
      expect(findCatalogEntry(e.providerName, e.id)).toBe(e);
      expect(findCatalogEntryByChannel(e.channel, e.id)).toBe(e);
    }
  });
});

// -------------------------------------------------------------------------------------------------
// Cross-check against the reference document.

const projectRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const docPath = resolve(projectRoot, '../shared/docs/windows-events.md');
const docExists = existsSync(docPath);
const inCi = process.env.CI === 'true';

interface DocRow {
  readonly section: string;
  readonly family: ProviderFamily;
  readonly ids: readonly number[];
  readonly cells: readonly string[];
}

/** IDs of a cell: numbers and `a–b` ranges, in order. */
function idsOf(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d+)\s*[–-]\s*(\d+)|(\d+)/g)) {
    if (m[3] !== undefined) out.push(Number(m[3]));
    else for (let n = Number(m[1]); n <= Number(m[2]); n++) out.push(n);
  }
  return out;
}

function familyOfCell(cell: string, inSysmonTable: boolean): ProviderFamily {
  if (/\bEVL\b/.test(cell)) return 'eventlog';
  if (/\bSCM\b/.test(cell)) return 'scm';
  if (/\bPS\b/.test(cell)) return 'powershell';
  return inSysmonTable ? 'sysmon' : 'security';
}

function parseCatalogSection(doc: string): { rows: DocRow[]; further: number[] } {
  const start = doc.indexOf('## 8. Event catalog');
  const end = doc.indexOf('\n## 9.', start);
  if (start < 0 || end < 0) throw new Error('§8 not found in the document');
  const lines = doc.slice(start, end).split('\n');
  const rows: DocRow[] = [];
  let section = '';
  let inSysmonTable = false;
  let further: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^### (8\.\d)/.exec(line);
    if (heading) section = heading[1]!;
    if (line.startsWith('Sysmon:')) inSysmonTable = true;
    if (line.startsWith('Further titles, no field detail:')) {
      let text = line;
      for (let j = i + 1; j < lines.length && lines[j]!.trim() !== ''; j++) text += ` ${lines[j]!}`;
      further = [...text.matchAll(/\b(\d{4})\b/g)].map((m) => Number(m[1]));
    }
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const first = cells[0] ?? '';
    if (first === 'ID') continue;
    rows.push({ section, family: familyOfCell(first, inSysmonTable), ids: idsOf(first), cells });
  }
  return { rows, further };
}

function providerNameOf(family: ProviderFamily): string {
  return PROVIDER_FAMILIES.get(family)!.providerName;
}

/** Words of a Fields cell that are not field names: abbreviations, wildcards, prose. */
const NOT_FIELDS = new Set(['Subj', 'Tgt', 'Obj', 'P', 'UserData', 'LogFileCleared', 'WFP', 'PID', 'Key', 'Name', 'Type', 'Value', 'Callout', 'Layer', 'Filter', 'ProviderContext', 'SubLayer']);

function fieldWords(cell: string): string[] {
  return cell
    .replace(/`/g, '')
    .replace(/\[v\d+\]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => /^[A-Z][A-Za-z0-9]*$/.test(w) && !NOT_FIELDS.has(w));
}

/** ECS of position `index` in a cell such as `iam,configuration/creation·deletion·change,admin*`. */
function ecsAt(cell: string, index: number): { category: string[]; type: string[]; proposal: boolean } {
  const proposal = cell.includes('*');
  const body = cell.replace('*', '');
  const [cats = '', types = ''] = body.split('/');
  const pick = (part: string): string[] => part.split(',').map((x) => x.trim()).filter((x) => x !== '').map((x) => {
    const alternatives = x.split('·');
    return alternatives[Math.min(index, alternatives.length - 1)]!;
  });
  return { category: pick(cats), type: pick(types), proposal };
}

describe.skipIf(!docExists && !inCi)('event catalog against windows-events.md §8', () => {
  const parsed = (): { rows: DocRow[]; further: number[] } => {
    expect(docExists, `${docPath} is missing`).toBe(true);
    return parseCatalogSection(readFileSync(docPath, 'utf8'));
  };

  it('finds the tables (the parser sees every section)', () => {
    const { rows, further } = parsed();
    expect(new Set(rows.map((r) => r.section))).toEqual(new Set(['8.1', '8.2', '8.3', '8.4', '8.5']));
    expect(rows.filter((r) => r.family === 'sysmon').length).toBeGreaterThan(20);
    expect(further.length).toBeGreaterThan(10);
  });

  it('has an entry for every event ID of the §8.1–8.4 tables, the PowerShell and Sysmon tables and the further titles', () => {
    const { rows, further } = parsed();
    const missing: string[] = [];
    for (const row of rows) {
      for (const id of row.ids) if (findCatalogEntry(providerNameOf(row.family), id) === undefined) missing.push(`${row.family} ${id}`);
    }
    for (const id of further) if (findCatalogEntry(providerNameOf('security'), id) === undefined) missing.push(`security ${id} (further titles)`);
    expect(missing).toEqual([]);
  });

  it('has no entry the document does not list', () => {
    const { rows, further } = parsed();
    const listed = new Set([...rows.flatMap((r) => r.ids.map((id) => `${r.family} ${id}`)), ...further.map((id) => `security ${id}`)]);
    expect(EVENT_CATALOG.map((e) => `${e.provider} ${e.id}`).filter((k) => !listed.has(k))).toEqual([]);
  });

  it('matches the Title, Sub, ECS and Out columns of §8.1–8.4', () => {
    const { rows } = parsed();
    for (const row of rows.filter((r) => r.section !== '8.5')) {
      const [, title = '', sub = '', ecs = '', out = ''] = row.cells;
      const tasks = sub === '-' ? [] : idsOf(sub).sort((a, b) => a - b);
      row.ids.forEach((id, index) => {
        const e = findCatalogEntry(providerNameOf(row.family), id)!;
        const label = `${row.family} ${id}`;
        expect(e.outcome, label).toBe(out);
        expect([...e.tasks].sort((a, b) => a - b), label).toEqual(tasks);
        expect(e.ecsProposal, label).toBe(ecs.includes('*'));
        if (row.ids.length === 1) {
          const docTitle = title.replace(/^\(same\)\s*/, '').replace(/\s*\([^)]*channel\)$/, '');
          expect(e.title.endsWith(docTitle), `${label}: "${e.title}" vs "${title}"`).toBe(true);
        }
        if (ecs.includes('…')) return;
        if (row.section === '8.4') {
          const dirs = /^\(([^)]*)\)\s*(.*)$/.exec(ecs);
          const expected = dirs ? ecsAt(`${dirs[1]!}/${dirs[2]!}`, index) : ecsAt(`iam/${ecs}`, index);
          expect({ category: e.ecsCategory, type: e.ecsType }, label).toEqual({ category: expected.category, type: expected.type });
        } else {
          const expected = ecsAt(ecs, index);
          expect({ category: e.ecsCategory, type: e.ecsType }, label).toEqual({ category: expected.category, type: expected.type });
        }
      });
    }
  });

  it('carries every field name of each row', () => {
    const { rows } = parsed();
    for (const row of rows) {
      const cell = row.cells.at(-1) ?? '';
      const names = new Set(row.ids.flatMap((id) => {
        const e = findCatalogEntry(providerNameOf(row.family), id)!;
        return [...e.fields, ...e.otherFields];
      }));
      const missing = fieldWords(cell).filter((w) => !names.has(w));
      expect(missing, `${row.family} ${row.ids.join('/')}: ${cell}`).toEqual([]);
    }
  });
});
