import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Lints source text as if it lived at `path`, with the project's own config. */
async function lintAs(path: string, code: string): Promise<string[]> {
  // The snippets are not files on disk, so type-aware parsing (and the rules that need it) is switched off.
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${path}` });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('the layering rule of DESIGN.md §1 is a lint error', () => {
  it('stops src-shared from importing Node, electron or another source tree', async () => {
    expect(await lintAs('src-shared/model/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n")).toHaveLength(1);
    expect(await lintAs('src-shared/model/x.ts', "import { handlers } from '../../src-main/core/handlers.ts';\nexport const h = handlers;\n")).toHaveLength(1);
    expect(await lintAs('src-shared/model/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await lintAs('src-shared/model/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toHaveLength(0);
  });

  it('stops core from importing electron and the renderer from importing the backend', async () => {
    expect(await lintAs('src-main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await lintAs('src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
    expect(await lintAs('src-renderer/x.ts', "import { Backend } from '../src-main/core/backend.ts';\nexport const b = Backend;\n")).toHaveLength(1);
    expect(await lintAs('src-renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
  });
});
