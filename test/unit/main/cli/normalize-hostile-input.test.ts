import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/run-cli.js';

const GOOD = '{"Computer":"h","Name":"Microsoft-Windows-Security-Auditing:4624","EventID":4624,"TimeCreated":"2021-05-14T12:54:05Z","logset":"information"}';

function reported(stderr: string, file: string): { offset: number; reason: string }[] {
  return stderr.split('\n').filter((l) => l.startsWith(`${file}:`)).map((l) => {
    const [offset = '', reason = ''] = l.slice(file.length + 1).split(': ');
    return { offset: Number(offset), reason };
  });
}

describe('xdr-tail normalize on hostile input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xdr-hostile-'));

  it('reports garbage, NUL bytes, invalid UTF-8, a 10 MB line and 10,000-deep nesting per record, and keeps the good ones', async () => {
    const parts: Buffer[] = [];
    const expected: { offset: number; reason: string }[] = [];
    let offset = 0;
    const add = (bytes: Buffer, reason?: string): void => {
      if (reason !== undefined) expected.push({ offset, reason });
      parts.push(bytes, Buffer.from('\n'));
      offset += bytes.length + 1;
    };
    add(Buffer.from(GOOD));
    add(Buffer.from([0x9c, 0x01, 0xfe, 0x7f, 0x80, 0x41]), 'invalid_utf8');
    add(Buffer.from('\u0000\u0000{"a":\u00001}'), 'invalid_json');
    add(Buffer.concat([Buffer.from('{"Computer":"h'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), 'invalid_utf8');
    add(Buffer.from(GOOD));
    add(Buffer.from(`{"x":"${'A'.repeat(10 * 1024 * 1024)}"}`), 'record_too_long');
    add(Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), 'normalize_failed');
    add(Buffer.from(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), 'normalize_failed');
    add(Buffer.from('not json at all'), 'invalid_json');
    add(Buffer.from(GOOD));
    const file = join(dir, 'hostile.jsonl');
    writeFileSync(file, Buffer.concat(parts));

    const result = await runCli(['normalize', file]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    expect(reported(result.stderr, file)).toEqual(expected);
  });

  it('reports unpaired surrogates in a UTF-16LE file and an odd trailing byte', async () => {
    const good = Buffer.from(`${GOOD}\r\n`, 'utf16le');
    const broken = Buffer.concat([Buffer.from('{"Computer":"', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('"}\r\n', 'utf16le')]);
    const file = join(dir, 'utf16.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), good, broken, good, Buffer.from([0x41])]));
    const result = await runCli(['normalize', file]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    const errors = reported(result.stderr, file);
    expect(errors[0]).toEqual({ offset: 2 + good.length, reason: 'invalid_utf16' });
  });

  it('reads a UTF-16BE PowerShell-style array and a UTF-8 BOM file', async () => {
    const array = `[\r\n    {\r\n        "Id":  7036,\r\n        "ProviderName":  "Service Control Manager",\r\n        "LogName":  "System",\r\n        "MachineName":  "h",\r\n        "TimeCreated":  "\\/Date(1618997276102)\\/",\r\n        "Qualifiers":  16384,\r\n        "Properties":  [\r\n                           { "Value":  "Spooler" },\r\n                           { "Value":  "running" }\r\n                       ]\r\n    }\r\n]\r\n`;
    const le = Buffer.from(array, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) { be[i] = le[i + 1]!; be[i + 1] = le[i]!; }
    const utf16be = join(dir, 'ps.utf16be.json');
    writeFileSync(utf16be, Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const bom = join(dir, 'bom.jsonl');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${GOOD}\n`)]));
    const result = await runCli(['normalize', utf16be, bom]);
    expect(result.stderr).toBe('');
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ externalId: 7036, destinationServiceName: 'Spooler', eventName: 'The Spooler service entered the running state.', eventTime: '2021-04-21T09:27:56.102Z' });
    expect(events[1]).toMatchObject({ externalId: 4624, deviceName: 'h' });
  });
});
