import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../helpers/shared-folder.js';

// the project's own config, without the type-aware rules (the snippets are not files of the TypeScript project)
const eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('zone import rules (architecture-examples.md §1)', () => {
  it.each([
    ['shared/catalog/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/catalog/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['shared/catalog/x.ts', "import { openWriter } from '../../main/core/store/database.js';\nexport const a = openWriter;\n"],
    ['main/core/store/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/worker/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
    ['main/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
  ])('%s may not import: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).not.toEqual([]);
  });

  it('lets the engine import Node built-ins and shared/', async () => {
    expect(await restrictedImportErrors('main/core/store/x.ts', "import { readFileSync } from 'node:fs';\nimport { FIELD_CATALOG } from '../../../shared/catalog/field-catalog.js';\nexport const a = [readFileSync, FIELD_CATALOG];\n")).toEqual([]);
  });
});
