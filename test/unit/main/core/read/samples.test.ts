/**
 * Frames every file of the shared samples and checks the counts and damage positions that MANIFEST.md states.
 * The samples live next to the project (`../shared/samples`); without them the suite is skipped, except in CI
 * (`CI=true`), where their absence is a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileRecords } from '../../../../../main/core/read/read-records.js';
import type { FrameItem } from '../../../../../main/core/read/record-framer.js';
import { SAMPLES, lineStarts } from './framing-helpers.js';

interface ManifestEntry {
  file: string;
  format: string;
  encoding: string;
  records: number;
}

const MANIFEST = path.join(SAMPLES, 'MANIFEST.md');
const present = fs.existsSync(MANIFEST);
const inCi = process.env.CI === 'true';

function parseTable(manifest: string): ManifestEntry[] {
  const rows: ManifestEntry[] = [];
  for (const line of manifest.split('\n')) {
    const m = /^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \| (\d+) \| ([^|]+) \|\s*$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined && m[4] !== undefined) {
      rows.push({ file: m[1], format: m[2].trim(), encoding: m[3].trim(), records: Number(m[4]) });
    }
  }
  return rows;
}

/** The `- notes: {…}` object under each `### \`file\`` heading. */
function parseNotes(manifest: string): Map<string, Record<string, number>> {
  const notes = new Map<string, Record<string, number>>();
  let current: string | undefined;
  for (const line of manifest.split('\n')) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading?.[1] !== undefined) current = heading[1];
    const note = /^- notes: (\{.*\})\s*$/.exec(line);
    if (note?.[1] !== undefined && current !== undefined) notes.set(current, JSON.parse(note[1]) as Record<string, number>);
  }
  return notes;
}

async function readAll(file: string): Promise<FrameItem[]> {
  const items: FrameItem[] = [];
  for await (const item of readFileRecords(file)) items.push(item);
  return items;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Offsets of everything the reader could not turn into a parsed record: framer errors and unparsable records. */
function failures(items: readonly FrameItem[]): FrameItem[] {
  return items.filter((item) => item.kind === 'error' || !parses(item.text));
}

const manifestText = present ? fs.readFileSync(MANIFEST, 'utf8') : '';
const table = parseTable(manifestText);
const notes = parseNotes(manifestText);

describe.skipIf(!present && !inCi)('shared samples', () => {
  it('are present', () => {
    expect(present, `samples folder missing: ${SAMPLES}`).toBe(true);
    expect(table.length).toBeGreaterThan(0);
  });

  it('are all listed in the manifest', () => {
    const onDisk = fs
      .readdirSync(SAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => fs.readdirSync(path.join(SAMPLES, d.name)).map((f) => `${d.name}/${f}`))
      .sort();
    expect(table.map((e) => e.file).sort()).toEqual(onDisk);
  });

  for (const entry of table) {
    it(`${entry.file}: ${entry.records} records parse`, async () => {
      const items = await readAll(path.join(SAMPLES, entry.file));
      const good = items.filter((item) => item.kind === 'record' && parses(item.text));
      expect(good).toHaveLength(entry.records);
      if (!entry.file.includes('dirty-')) expect(failures(items)).toEqual([]);
    });
  }

  for (const [file, note] of notes) {
    const invalidLine = note.invalid_line;
    const cutLine = note.truncated_last_line;
    const emptyLine = note.empty_line;
    if (invalidLine === undefined || cutLine === undefined) continue;
    it(`${file}: damage found at lines ${invalidLine} and ${cutLine}`, async () => {
      const full = path.join(SAMPLES, file);
      const starts = lineStarts(fs.readFileSync(full));
      const items = await readAll(full);
      const at = (line: number): number => starts[line - 1] ?? -1;
      expect(failures(items).map((f) => f.offset)).toEqual([at(invalidLine), at(cutLine)]);
      if (emptyLine !== undefined) expect(items.map((i) => i.offset)).not.toContain(at(emptyLine));
    });
  }

  for (const [file, note] of notes) {
    const garbledLine = note.garbled_line;
    const truncatedLine = note.truncated_at_line;
    if (garbledLine === undefined || truncatedLine === undefined) continue;
    it(`${file}: the garbled (line ${garbledLine}) and the cut element are reported, nothing else`, async () => {
      const full = path.join(SAMPLES, file);
      const bytes = fs.readFileSync(full);
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
      const text = bytes.subarray(2).toString('utf16le');
      const lines = text.split('\n');
      // raw byte offset of each line start: BOM + 2 bytes per UTF-16 unit
      const lineOffsets: number[] = [];
      let units = 0;
      for (const line of lines) {
        lineOffsets.push(2 + 2 * units);
        units += line.length + 1;
      }
      const elementLine = (before: number): number => {
        for (let i = before - 1; i >= 0; i--) if (/^ {4}\{\r?$/.test(lines[i] ?? '')) return i;
        return -1;
      };
      const garbledElement = elementLine(garbledLine);
      const lastElement = elementLine(truncatedLine);
      const braceOffset = (lineIndex: number): number => (lineOffsets[lineIndex] ?? -1) + 2 * 4;
      const garbledAt = lineOffsets[garbledLine - 1] ?? -1;

      const items = await readAll(full);
      const problems = failures(items);
      expect(problems).toHaveLength(2);
      const [garbled, cut] = problems;
      expect(garbled).toMatchObject({ kind: 'error', reason: 'invalid_json', offset: braceOffset(garbledElement) });
      expect(garbledAt).toBeGreaterThan(garbled?.offset ?? Infinity);
      expect(garbledAt).toBeLessThan((garbled?.offset ?? 0) + (garbled?.length ?? 0));
      expect(cut).toMatchObject({ kind: 'error', reason: 'truncated', offset: braceOffset(lastElement) });
      expect((cut?.offset ?? 0) + (cut?.length ?? 0)).toBe(bytes.length);
    });
  }
});
