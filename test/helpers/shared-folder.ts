import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_ROOT = resolve(PROJECT_ROOT, '../shared');
export const SAMPLES_ROOT = join(SHARED_ROOT, 'samples');

/**
 * `../shared` is reference data beside the project. Under CI it must be there: a missing folder
 * fails the run rather than skipping tests into green. Elsewhere the tests that need it skip.
 */
export function sharedAvailable(): boolean {
  const present = existsSync(SAMPLES_ROOT) && existsSync(join(SHARED_ROOT, 'seeds'));
  if (!present && process.env.CI === 'true') {
    throw new Error(`../shared is missing at ${SHARED_ROOT}; CI needs it beside the project`);
  }
  return present;
}
