/**
 * tailing.md §13, last paragraph: random sequences of writes, rotations, truncations, rewrites,
 * deletions, ingests and restarts, against a model of which records must be stored. Every record
 * that was in a file when an ingest ran must be stored, exactly once; nothing else may be.
 */
import fc from 'fast-check';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestOnce } from '../../../../../main/core/ingest/ingest-run.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { flatRecord } from '../../../../helpers/generated-events.js';
import { storedSeqs, summarize } from '../../../../helpers/store-queries.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const dir = tempFolder('random-actions');
const NAMES = ['a.jsonl', 'b.jsonl'] as const;
type Name = (typeof NAMES)[number];

type Action =
  | { readonly kind: 'append'; readonly file: Name; readonly count: number }
  | { readonly kind: 'rotate'; readonly file: Name }
  | { readonly kind: 'copy-truncate'; readonly file: Name }
  | { readonly kind: 'truncate'; readonly file: Name }
  | { readonly kind: 'rewrite'; readonly file: Name; readonly count: number }
  | { readonly kind: 'delete'; readonly file: Name }
  | { readonly kind: 'ingest' }
  | { readonly kind: 'restart' };

const file = fc.constantFrom(...NAMES);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('append' as const), file, count: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rotate' as const), file }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy-truncate' as const), file }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), file }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rewrite' as const), file, count: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), file }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'ingest' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** The folder as the model sees it: per path, the records (keys `src:seq`) it holds, in order. */
class FolderModel {
  readonly files = new Map<string, string[]>();
  readonly required = new Set<string>();
  readonly written = new Set<string>();
  private seq = 0;

  constructor(private readonly folder: string) {}

  private newRecords(name: string, count: number): string[] {
    const keys: string[] = [];
    let text = '';
    for (let i = 0; i < count; i++) {
      this.seq += 1;
      const src = name.split('.')[0] ?? name;
      keys.push(`${src}:${this.seq}`);
      text += `${flatRecord(src, this.seq)}\n`;
    }
    for (const key of keys) this.written.add(key);
    this.pendingText = text;
    return keys;
  }

  private pendingText = '';

  private textOf(keys: readonly string[]): string {
    return keys.map((key) => {
      const [src, seq] = key.split(':');
      return `${flatRecord(src ?? '', Number(seq))}\n`;
    }).join('');
  }

  apply(act: Exclude<Action, { kind: 'ingest' | 'restart' }>): void {
    const path = (name: string): string => join(this.folder, name);
    const name = act.file;
    switch (act.kind) {
      case 'append': {
        const keys = this.newRecords(name, act.count);
        appendFileSync(path(name), this.pendingText);
        this.files.set(name, [...(this.files.get(name) ?? []), ...keys]);
        return;
      }
      case 'rotate': {
        if (!this.files.has(name)) return;
        if (this.files.has(`${name}.1`)) {
          renameSync(path(`${name}.1`), path(`${name}.2`));
          this.files.set(`${name}.2`, this.files.get(`${name}.1`) ?? []);
        }
        renameSync(path(name), path(`${name}.1`));
        this.files.set(`${name}.1`, this.files.get(name) ?? []);
        writeFileSync(path(name), '');
        this.files.set(name, []);
        return;
      }
      case 'copy-truncate': {
        if (!this.files.has(name)) return;
        copyFileSync(path(name), path(`${name}.1`));
        this.files.set(`${name}.1`, [...(this.files.get(name) ?? [])]);
        truncateSync(path(name), 0);
        this.files.set(name, []);
        return;
      }
      case 'truncate':
        if (!this.files.has(name)) return;
        truncateSync(path(name), 0);
        this.files.set(name, []);
        return;
      case 'rewrite': {
        // a whole-file re-export: the same records again, then new ones
        const keys = [...(this.files.get(name) ?? []), ...this.newRecords(name, act.count)];
        writeFileSync(path(name), this.textOf(keys));
        this.files.set(name, keys);
        return;
      }
      case 'delete':
        if (!this.files.has(name)) return;
        unlinkSync(path(name));
        this.files.delete(name);
        return;
    }
  }

  /** An ingest reads every file present: all they hold must end up stored. */
  ingested(): void {
    for (const keys of this.files.values()) for (const key of keys) this.required.add(key);
  }
}

function describeActions(actions: readonly Action[]): string {
  return actions.map((a) => ('file' in a ? `${a.kind}(${a.file}${'count' in a ? `, ${a.count}` : ''})` : a.kind)).join(' → ');
}

describe('random action sequences against a model (tailing.md §13)', () => {
  it('store every record present at an ingest exactly once, and nothing that was never written', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 24 }), async (actions) => {
      const folder = mkdtempSync(join(dir, 'case-'));
      // the database lives beside the folder, not in it
      const dbPath = `${folder}.db`;
      const model = new FolderModel(folder);
      let writer = openWriter(dbPath);
      try {
        for (const act of [...actions, { kind: 'ingest' } as const]) {
          if (act.kind === 'ingest') {
            const totals = await ingestOnce(writer, [folder], { normalize: { sourceTimeZone: 'UTC' }, now: () => Number.MAX_SAFE_INTEGER });
            expect(totals.unreadable, describeActions(actions)).toEqual([]);
            model.ingested();
          } else if (act.kind === 'restart') {
            writer.close();
            writer = openWriter(dbPath);
          } else {
            model.apply(act);
          }
        }
      } finally {
        writer.close();
      }
      const seqs = storedSeqs(dbPath);
      const context = describeActions(actions);
      for (const [key, count] of seqs) {
        expect(count, `${key} stored ${count} times after ${context}`).toBe(1);
        expect(model.written.has(key), `${key} was never written: ${context}`).toBe(true);
      }
      for (const key of model.required) expect(seqs.has(key), `${key} missing after ${context}`).toBe(true);
      expect(summarize(dbPath).quarantine, context).toEqual({});
      for (const path of [folder, dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(path, { recursive: true, force: true });
      expect(existsSync(folder)).toBe(false);
    }), { numRuns: Number(process.env.XDR_RANDOM_RUNS ?? 1000) });
  }, 300_000);
});
