import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Lints TSX source as if it lived at `path` under the project's config; returns the rule ids that fired. */
async function lintTsx(path: string, code: string): Promise<string[]> {
  // The snippet is not a file on disk, so type-aware parsing (and the rules that need it) is off.
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: {
      files: ['**/*.tsx'],
      languageOptions: { parserOptions: { projectService: false, ecmaFeatures: { jsx: true } } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${path}` });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return (result?.messages ?? []).map((m) => m.ruleId ?? '');
}

describe('lint rules for the renderer apply to .tsx files', () => {
  it('forbids importing the backend from a component', async () => {
    const code = "import { Backend } from '../../src-main/core/backend.ts';\nexport const A = () => <p>{String(Backend)}</p>;\n";
    expect(await lintTsx('src-renderer/features/x/A.tsx', code)).toContain('no-restricted-imports');
  });

  it('forbids raw HTML (dangerouslySetInnerHTML, innerHTML) so contract text can never become markup', async () => {
    expect(await lintTsx('src-renderer/features/x/A.tsx', 'export const A = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n'))
      .toContain('no-restricted-syntax');
    expect(await lintTsx('src-renderer/features/x/B.tsx', 'export function b(el: { innerHTML: string }, html: string) { el.innerHTML = html; }\n'))
      .toContain('no-restricted-syntax');
    expect(await lintTsx('src-renderer/features/x/C.tsx', 'export const C = ({ text }: { text: string }) => <mark>{text}</mark>;\n')).toEqual([]);
  });
});
