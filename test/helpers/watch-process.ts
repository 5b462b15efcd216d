import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { PROJECT_ROOT } from './shared-folder.js';

export interface WatchProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** SIGTERM and wait: resolves with the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();
// a failing or timed-out test must not leave its watcher running
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startWatch(folder: string, db: string, extra: readonly string[] = []): Promise<WatchProcess> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/xdr-tail.js'), 'watch', folder, '--db', db, '--scan-interval', '0.5', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => { running.delete(child); });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { resolve(code); }));
  await waitFor(() => output.includes('watching'), 20_000, () => `watch did not start: ${output}`);
  return {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

export async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Event count of a database being written by another process (read-only, WAL). */
export function eventCount(db: string): number {
  if (!existsSync(db)) return 0;
  const connection = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return connection.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } catch {
    return 0;
  } finally {
    connection.close();
  }
}

export async function waitForEvents(db: string, expected: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(() => eventCount(db) >= expected, timeoutMs, () => `expected ${expected} events, have ${eventCount(db)}`);
}
