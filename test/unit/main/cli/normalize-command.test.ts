import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventContractViolations } from '../../../../shared/catalog/event-validation.js';
import { lineOffsets, readManifest } from '../../../helpers/manifest.js';
import { runCli } from '../../../helpers/run-cli.js';
import { SAMPLES_ROOT, sharedAvailable } from '../../../helpers/shared-folder.js';

const hasSamples = sharedAvailable();

function parseLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

function errorOffsets(stderr: string, file: string): number[] {
  return stderr.split('\n').filter((line) => line.startsWith(`${file}:`)).map((line) => Number(line.slice(file.length + 1).split(':')[0]));
}

describe.skipIf(!hasSamples)('xdr-tail normalize on ../shared/samples', () => {
  const manifest = hasSamples ? readManifest() : [];

  it('reads the manifest (44 files)', () => {
    expect(manifest).toHaveLength(44);
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))('%s: one event per good record', async (_name, entry) => {
    const file = join(SAMPLES_ROOT, entry.file);
    const result = await runCli(['normalize', file]);
    expect(result.code).toBe(0);
    const events = parseLines(result.stdout);
    expect(events).toHaveLength(entry.records);
    for (const event of events) expect(eventContractViolations(event)).toEqual([]);
    if (!entry.dirty) expect(result.stderr).toBe('');
    else expect(result.stderr).not.toBe('');
  });

  it('reports the damaged lines of the dirty NDJSON files at their byte offsets', async () => {
    const damaged: Record<string, number[]> = {
      'evtx-json/dirty-system+sysmon.jsonl': [31, 60],
      'qualys-flat/dirty-system+sysmon.jsonl': [31, 60],
      'winlogbeat/dirty-system+sysmon.ndjson': [31, 60],
      'nxlog/dirty-covenant_copy_smb_CreateRequest.jsonl': [32, 61],
    };
    for (const [name, lines] of Object.entries(damaged)) {
      const file = join(SAMPLES_ROOT, name);
      const result = await runCli(['normalize', file]);
      expect(errorOffsets(result.stderr, file), name).toEqual(lineOffsets(file, lines));
    }
  });

  it('reports the garbled and the cut element of the dirty PowerShell array', async () => {
    const file = join(SAMPLES_ROOT, 'powershell/dirty-system+sysmon.ps51.utf16le.json');
    const result = await runCli(['normalize', file]);
    const offsets = errorOffsets(result.stderr, file);
    expect(offsets).toHaveLength(2);
    expect(offsets[0]).toBeLessThan(offsets[1]!);
    expect(result.stderr).toMatch(/truncated/);
  });

  it('keeps file order across several files and stamps --customer-id', async () => {
    const files = ['evtx-json/system-services.jsonl', 'nxlog/covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges.jsonl'].map((f) => join(SAMPLES_ROOT, f));
    const result = await runCli(['normalize', ...files, '--customer-id', 'd656b196-edb7-45e6-8485-3748a740d002']);
    const events = parseLines(result.stdout);
    expect(events).toHaveLength(11 + 47);
    expect(events.slice(0, 11).every((e) => e.channel === 'System')).toBe(true);
    expect(events.every((e) => e.customerId === 'd656b196-edb7-45e6-8485-3748a740d002')).toBe(true);
    const fileOrder = readFileSync(files[0]!, 'utf8').split('\n').filter((l) => l !== '').map((l) => Number(/"EventRecordID":(\d+)/.exec(l)?.[1]));
    expect(events.slice(0, 11).map((e) => e.recordId)).toEqual(fileOrder);
  });

  it('--shape forces the shape of every record: the right one changes nothing, a wrong one reports every record', async () => {
    const file = join(SAMPLES_ROOT, 'evtx-json/system-services.jsonl');
    const auto = await runCli(['normalize', file]);
    const forced = await runCli(['normalize', file, '--shape', 'evtx-json']);
    expect(forced.stdout).toBe(auto.stdout);
    const wrong = await runCli(['normalize', file, '--shape', 'nxlog']);
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim().split('\n')).toHaveLength(11);
  });

  it('reads zone-less NXLog times in --source-tz', async () => {
    const file = join(SAMPLES_ROOT, 'nxlog/covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges.jsonl');
    const utc = parseLines((await runCli(['normalize', file, '--source-tz', 'UTC'])).stdout);
    const ny = parseLines((await runCli(['normalize', file, '--source-tz', 'America/New_York'])).stdout);
    // OTRF's collector ran 4 hours behind UTC in August (EDT)
    expect(Date.parse(ny[0]!.eventTime as string) - Date.parse(utc[0]!.eventTime as string)).toBe(4 * 3600_000);
  });
});

describe('xdr-tail normalize usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xdr-cli-'));
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, '{"Computer":"h","Name":"Microsoft-Windows-Security-Auditing:4624","EventID":4624,"TimeCreated":"2021-05-14T12:54:05Z","logset":"information"}\n');

  it.each([
    [[]],
    [['normalize']],
    [['normalize', good, '--shape', 'csv']],
    [['normalize', good, '--source-tz', 'Mars/Olympus']],
    [['normalize', good, '--no-such-option']],
    [['frobnicate']],
  ])('exits 2 on bad usage: %j', async (args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
    expect(result.stdout).toBe('');
  });

  it('exits 1 when a file cannot be read, after processing the others', async () => {
    const missing = join(dir, 'missing.json');
    const result = await runCli(['normalize', missing, good]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(missing);
    expect(parseLines(result.stdout)).toHaveLength(1);
  });

  it('exits 0 with bad records, reporting each as file:offset: reason', async () => {
    const mixed = join(dir, 'mixed.jsonl');
    const line = '{"Computer":"h","Name":"P:1","EventID":1,"TimeCreated":"2021-05-14T12:54:05Z","logset":"information"}';
    writeFileSync(mixed, `${line}\n{"broken":\n[1,2]\n${line}\n`);
    const result = await runCli(['normalize', mixed]);
    expect(result.code).toBe(0);
    expect(parseLines(result.stdout)).toHaveLength(2);
    const offset1 = line.length + 1;
    const offset2 = offset1 + '{"broken":\n'.length;
    expect(result.stderr).toMatch(new RegExp(`^${mixed.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${offset1}: invalid_json: `, 'm'));
    expect(result.stderr).toMatch(new RegExp(`:${offset2}: normalize_failed: unknown export shape`));
  });

  it('prints help with exit 0', async () => {
    const result = await runCli(['normalize', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--source-tz');
  });
});
